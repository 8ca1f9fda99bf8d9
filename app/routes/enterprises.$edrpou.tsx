import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EventChanges } from "~/components/event-changes";
import { useLabels } from "~/components/request-labels";
import { requireStaff } from "~/domain/auth/auth.server";
import { getEnterprisePage } from "~/domain/enterprises/enterprise-page.server";
import { useLocale } from "~/i18n/use-locale";
import { ENTERPRISE_CODE, readEnterprisePageParams } from "~/schemas/enterprise-page";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.enterprise.name} · ${data.enterprise.edrpou} — ЦШР` : "ЦШР" }];

/** One enterprise: registry record, history of its details, every request it filed (staff only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const edrpou = params.edrpou ?? "";
  if (!ENTERPRISE_CODE.test(edrpou)) throw new Response("Not found", { status: 404 });
  const found = await getEnterprisePage({ edrpou, params: readEnterprisePageParams(new URL(request.url).searchParams) });
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
}

export default function EnterprisePage() {
  const { enterprise, firstFiling, history, requests } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const label = useLabels();
  const pageLink = (page: number) => {
    const search = new URLSearchParams();
    if (page > 1) search.set("page", String(page));
    if (requests.size !== 25) search.set("size", String(requests.size));
    const text = search.toString();
    return text ? `?${text}` : ".";
  };

  return (
    <main className="wide">
      <p>
        <Link to="/queue">{t("request.back")}</Link>
      </p>
      <h1>{t("enterprise.title", { name: enterprise.name, edrpou: enterprise.edrpou })}</h1>

      <section className="panel" aria-labelledby="registry-title">
        <h2 id="registry-title">{t("enterprise.registry")}</h2>
        <dl className="facts">
          <dt>{t("enterprise.name")}</dt>
          <dd>{enterprise.name}</dd>
          <dt>{t("request.edrpou")}</dt>
          <dd>{enterprise.edrpou}</dd>
          <dt>{t("request.contact")}</dt>
          <dd>
            {enterprise.contactName} · <a href={`tel:${enterprise.phone}`}>{enterprise.phone}</a> ·{" "}
            <a href={`mailto:${enterprise.email}`}>{enterprise.email}</a>
          </dd>
          <dt>{t("status.region")}</dt>
          <dd>
            {enterprise.city ? `${enterprise.city}, ` : ""}
            {label.region(enterprise.region)}
          </dd>
          <dt>{t("enterprise.firstFiled")}</dt>
          <dd>
            {firstFiling
              ? t("enterprise.firstFiledWith", { when: label.dateTime(enterprise.createdAt), reference: firstFiling.reference })
              : label.dateTime(enterprise.createdAt)}
          </dd>
          <dt>{t("enterprise.updated")}</dt>
          <dd>{label.dateTime(enterprise.updatedAt)}</dd>
        </dl>
        <p className="hint">{t("enterprise.registryHint")}</p>
      </section>

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("enterprise.history")}</h2>
        {history.length ? (
          <div className="table-wrap">
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">{t("enterprise.when")}</th>
                  <th scope="col">{t("enterprise.who")}</th>
                  <th scope="col">{t("enterprise.fromRequest")}</th>
                  <th scope="col">{t("enterprise.what")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((change) => (
                  <tr key={change.id}>
                    <td>{label.dateTime(change.createdAt)}</td>
                    <td>{change.actor?.name ?? "—"}</td>
                    <td>
                      <Link to={`/requests/${change.reference}`}>{change.reference}</Link>
                    </td>
                    <td>
                      <EventChanges changes={change.changes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="hint">{t("enterprise.noHistory")}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="requests-title">
        <h2 id="requests-title">{t("enterprise.requests", { n: requests.total })}</h2>
        {requests.rows.length ? (
          <div className="table-wrap">
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">{t("col.reference")}</th>
                  <th scope="col">{t("enterprise.filed")}</th>
                  <th scope="col">{t("col.category")}</th>
                  <th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("col.cluster")}</th>
                  <th scope="col">{t("enterprise.filedAs")}</th>
                </tr>
              </thead>
              <tbody>
                {requests.rows.map((row) => (
                  <tr key={row.reference}>
                    <td>
                      <Link to={`/requests/${row.reference}`}>{row.reference}</Link>
                      <div className="hint">{row.title}</div>
                    </td>
                    <td>{label.dateTime(row.createdAt)}</td>
                    <td>{label.category(row.category)}</td>
                    <td>{label.status(row.status)}</td>
                    <td>{localName(row.assignedCluster, locale)}</td>
                    <td>{row.enterpriseName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="hint">{t("enterprise.noRequests")}</p>
        )}
        <nav className="pager" aria-label={t("queue.page", { page: requests.page, pages: requests.pageCount })}>
          {requests.page > 1 ? <Link to={pageLink(requests.page - 1)}>{t("queue.prev")}</Link> : null}
          <span>{t("queue.page", { page: requests.page, pages: requests.pageCount })}</span>
          {requests.page < requests.pageCount ? <Link to={pageLink(requests.page + 1)}>{t("queue.next")}</Link> : null}
        </nav>
      </section>
    </main>
  );
}
