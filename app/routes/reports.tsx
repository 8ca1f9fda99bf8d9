// The reports page: choose a week (the last complete one by default), what to export and the
// format, and download. A plain GET form to /reports/download: works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/domain/auth/auth.server";
import { formatIsoWeek, isoWeekOf, isoWeekRange, lastCompleteIsoWeek, shiftIsoWeek } from "~/domain/sla/iso-week";
import { isStaff, requestScope } from "~/domain/auth/access";
import { listClusterChoices } from "~/domain/clusters/cluster-list.server";
import { getLocale } from "~/i18n/locale.server";
import { localName, TIME_ZONE } from "~/i18n/locale";
import { useLocale } from "~/i18n/use-locale";

export const meta: MetaFunction = () => [{ title: "Звіти · Reports — ЦШР" }];

/** How many complete weeks the page offers (any other can be typed into the URL or the CLI). */
const WEEKS_OFFERED = 52;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const current = isoWeekOf(now);
  const weeks = Array.from({ length: WEEKS_OFFERED + 1 }, (_, i) => {
    const week = shiftIsoWeek(current, -i);
    return { value: formatIsoWeek(week), ...isoWeekRange(week), current: i === 0 };
  });
  const staff = isStaff(user);
  const clusters = await listClusterChoices({ locale: getLocale(request), which: "all", scope: requestScope(user) });
  return {
    weeks,
    defaultWeek: formatIsoWeek(lastCompleteIsoWeek(now)),
    staff,
    admin: user.role === "ADMIN",
    clusters,
  };
}

export default function Reports() {
  const { weeks, defaultWeek, staff, admin, clusters } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const day = new Intl.DateTimeFormat(locale === "uk" ? "uk-UA" : "en-GB", { timeZone: TIME_ZONE, day: "numeric", month: "short", year: "numeric" });
  const own = clusters[0];

  return (
    <main>
      <h1>{t("reports.title")}</h1>
      <p>{t("reports.lead")}</p>
      <form method="get" action="/reports/download" className="panel">
        <div className="field">
          <label htmlFor="week">{t("reports.week")}</label>
          <select id="week" name="week" defaultValue={defaultWeek}>
            {weeks.map((w) => {
              const params = { week: w.value, start: day.format(new Date(w.start)), end: day.format(new Date(new Date(w.end).getTime() - 1)) };
              return (
                <option key={w.value} value={w.value}>
                  {t(w.current ? "reports.week.current" : "reports.week.option", params)}
                </option>
              );
            })}
          </select>
        </div>

        {staff ? (
          <fieldset>
            <legend>{t("reports.scope")}</legend>
            <div className="checkbox">
              <input type="radio" id="scope-all" name="scope" value="all" defaultChecked />
              <label htmlFor="scope-all">{t("reports.scope.all")}</label>
            </div>
            <div className="checkbox">
              <input type="radio" id="scope-partners" name="scope" value="partners" />
              <label htmlFor="scope-partners">{t("reports.scope.partners")}</label>
            </div>
            <div className="checkbox">
              <input type="radio" id="scope-cluster" name="scope" value="cluster" />
              <label htmlFor="scope-cluster">{t("reports.scope.cluster")}</label>
            </div>
            <div className="field">
              <label htmlFor="cluster">{t("reports.cluster")}</label>
              <select id="cluster" name="cluster">
                {clusters.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {localName(c, locale)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        ) : own ? (
          <fieldset>
            <legend>{t("reports.scope")}</legend>
            <input type="hidden" name="scope" value="cluster" />
            <p>{t("reports.scope.ownCluster", { cluster: localName(own, locale) })}</p>
          </fieldset>
        ) : null}

        <fieldset>
          <legend>{t("reports.format")}</legend>
          <div className="checkbox">
            <input type="radio" id="format-xlsx" name="format" value="xlsx" defaultChecked />
            <label htmlFor="format-xlsx">{t("reports.format.xlsx")}</label>
          </div>
          <div className="checkbox">
            <input type="radio" id="format-csv" name="format" value="csv" />
            <label htmlFor="format-csv">{t("reports.format.csv")}</label>
          </div>
          <p className="hint">{t("reports.format.csvCodes")}</p>
        </fieldset>

        <fieldset>
          <legend>{t("reports.language")}</legend>
          <div className="checkbox">
            <input type="radio" id="lang-uk" name="lang" value="uk" defaultChecked={locale === "uk"} />
            <label htmlFor="lang-uk">{t("reports.language.uk")}</label>
          </div>
          <div className="checkbox">
            <input type="radio" id="lang-en" name="lang" value="en" defaultChecked={locale === "en"} />
            <label htmlFor="lang-en">{t("reports.language.en")}</label>
          </div>
        </fieldset>

        <button type="submit" className="primary">
          {t("reports.download")}
        </button>
        <p className="hint">{t("reports.logged")}</p>
        <p className="hint">{t("issued.reportsHint")}</p>
      </form>
      {admin ? (
        <p>
          <Link to="/admin/exports">{t("reports.exportLog")}</Link>
        </p>
      ) : null}
    </main>
  );
}
