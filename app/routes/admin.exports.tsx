// The export log, for admins: every download of the weekly report, newest first; and a closed
// week's issued report files with their versions, where an admin regenerates one (decision 042).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { IssuedReports } from "~/components/issued-reports";
import { TableScroll } from "~/components/table-scroll";
import { requireRole } from "~/domain/auth/auth.server";
import { listReportExports } from "~/domain/admin/export-log.server";
import { refusalErrors } from "~/domain/errors";
import { isClosedWeek } from "~/domain/report/issued";
import { listIssuedReports, regenerateIssuedReport } from "~/domain/report/issued.server";
import { formatIsoWeek, lastCompleteIsoWeek, parseIsoWeek, shiftIsoWeek } from "~/domain/sla/iso-week";
import { formatDateTime, localName } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { RegenerateReportSchema } from "~/schemas/issued-reports";
import { storageAware } from "~/utils/storage-full.server";

export const meta: MetaFunction = () => [{ title: "Журнал вивантажень · Export log — ЦШР" }];

/** How many closed weeks the issued files' week list offers (any other can be typed into the URL). */
const WEEKS_OFFERED = 52;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const now = new Date();
  const url = new URL(request.url);
  const raw = Number(url.searchParams.get("page"));
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  const asked = url.searchParams.get("week");
  const week = asked ? parseIsoWeek(asked) : lastCompleteIsoWeek(now);
  // Only a closed week has issued files: any other is a page that does not exist.
  if (!week || !isClosedWeek(week, now)) throw new Response("Not found", { status: 404 });
  const last = lastCompleteIsoWeek(now);
  const [log, files] = await Promise.all([listReportExports({ page }), listIssuedReports({ week })]);
  return {
    ...log,
    issued: { week: formatIsoWeek(week), weeks: Array.from({ length: WEEKS_OFFERED }, (_, i) => formatIsoWeek(shiftIsoWeek(last, -i))), files },
  };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: RegenerateReportSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await regenerateIssuedReport({ id: submission.value.id, reason: submission.value.reason, actorUserId: admin.id });
  if (!result.ok) return data(submission.reply(refusalErrors({ ...result, field: "id" })), { status: result.error === "reportNotFound" ? 404 : 409 });
  return redirect(`/admin/exports?week=${result.issued.week}&regenerated=${result.issued.id}#issued`, 303);
});

export default function ExportLog() {
  const { rows, total, page, totalPages, issued } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { locale, t } = useLocale();
  const regenerated = issued.files.find((file) => file.id === searchParams.get("regenerated"));
  return (
    <main className="wide">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("exports.title")}</h1>
      {regenerated && !lastResult ? (
        <p className="notice ok" role="status">
          {t("issued.regenerated", { version: regenerated.version, file: regenerated.fileName })}
        </p>
      ) : null}
      <p>{t("exports.lead")}</p>
      <p className="hint">{t("exports.total", { n: total })}</p>
      {total === 0 ? (
        <p>{t("exports.empty")}</p>
      ) : (
        <TableScroll label={t("exports.title")}>
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t("exports.col.when")}</th>
                <th scope="col">{t("exports.col.user")}</th>
                <th scope="col">{t("exports.col.week")}</th>
                <th scope="col">{t("exports.col.scope")}</th>
                <th scope="col">{t("exports.col.cluster")}</th>
                <th scope="col">{t("exports.col.format")}</th>
                <th scope="col">{t("exports.col.version")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.createdAt, locale)}</td>
                  <td>{row.user ? `${row.user.name} (${row.user.email})` : t("exports.cli")}</td>
                  <td>{row.week}</td>
                  <td>{t(`report.scope.${row.scope}` as MessageKey)}</td>
                  <td>{localName(row.cluster, locale)}</td>
                  <td>{row.format.toUpperCase()}</td>
                  <td>
                    {row.issuedReport ? (
                      <Link to={`/reports/issued/${row.issuedReport.id}`} reloadDocument>{`v${row.issuedReport.version}`}</Link>
                    ) : (
                      t("exports.live")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav className="pager" aria-label={t("queue.page", { page, pages: totalPages })}>
        {page > 1 ? <Link to={`/admin/exports?page=${page - 1}`}>{t("queue.prev")}</Link> : null}
        <span>{t("queue.page", { page, pages: totalPages })}</span>
        {page < totalPages ? <Link to={`/admin/exports?page=${page + 1}`}>{t("queue.next")}</Link> : null}
      </nav>
      <IssuedReports week={issued.week} weeks={issued.weeks} files={issued.files} lastResult={navigation.state === "idle" ? lastResult : null} />
    </main>
  );
}
