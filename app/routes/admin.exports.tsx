// The export log, for admins: every download of the weekly report, newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { requireRole } from "~/domain/auth/auth.server";
import { listReportExports } from "~/domain/admin/export-log.server";
import { formatDateTime, localName } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";

export const meta: MetaFunction = () => [{ title: "Журнал вивантажень · Export log — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const raw = Number(new URL(request.url).searchParams.get("page"));
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  return listReportExports({ page });
}

export default function ExportLog() {
  const { rows, total, page, totalPages } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  return (
    <main className="wide">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("exports.title")}</h1>
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
    </main>
  );
}
