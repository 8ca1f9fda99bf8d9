// The admin's record, for admins: every administrative change, newest first, filtered by who,
// what kind and which days (the URL is the state), paged on the server, and downloadable as CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AUDIT_SUBJECT_TYPES } from "~/domain/admin/audit";
import { listAuditEntries } from "~/domain/admin/audit.server";
import { requireRole } from "~/domain/auth/auth.server";
import { auditActionLabel, auditChangesText, auditSubjectLabel } from "~/i18n/audit-format";
import { formatDateTime } from "~/i18n/locale";
import { useLocale } from "~/i18n/use-locale";
import { auditFilterOf, auditSearch, readAuditParams } from "~/schemas/audit";

export const meta: MetaFunction = () => [{ title: "Журнал змін · Change log — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const params = readAuditParams(new URL(request.url).searchParams);
  const audit = await listAuditEntries({ filter: auditFilterOf(params), page: params.page });
  return { params, audit };
}

export default function AuditLog() {
  const { params, audit } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const { entries, actors, total, page, totalPages } = audit;
  const filter = { actor: params.actor, kind: params.kind, from: params.from, to: params.to };

  return (
    <main className="wide">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.lead")}</p>

      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.filter.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={params.actor ?? ""}>
            <option value="">{t("admin.any")}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
            <option value="none">{t("audit.commandLine")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-kind">{t("audit.filter.kind")}</label>
          <select id="audit-kind" name="kind" defaultValue={params.kind ?? ""}>
            <option value="">{t("admin.any")}</option>
            {AUDIT_SUBJECT_TYPES.map((kind) => (
              <option key={kind} value={kind}>
                {auditSubjectLabel(kind, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.filter.from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={params.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.filter.to")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={params.to ?? ""} />
        </div>
        <button type="submit" className="secondary">
          {t("admin.show")}
        </button>
      </Form>

      <p>
        {t("audit.count", { n: total })} ·{" "}
        <a href={`/admin/audit/download${auditSearch(filter)}`} download>
          {t("audit.download")}
        </a>
      </p>

      {entries.length ? (
        <div className="table-wrap">
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t("audit.col.when")}</th>
                <th scope="col">{t("audit.col.who")}</th>
                <th scope="col">{t("audit.col.what")}</th>
                <th scope="col">{t("audit.col.subject")}</th>
                <th scope="col">{t("audit.col.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt, locale)}</time>
                  </td>
                  <td>{entry.actor ? entry.actor.name : t("audit.commandLine")}</td>
                  <td>{auditActionLabel(entry.action, t)}</td>
                  <td>
                    <SubjectLink type={entry.subjectType} id={entry.subjectId} label={entry.subjectLabel} />
                  </td>
                  <td>
                    <ul className="changes">
                      {auditChangesText(entry.before, entry.after, locale, t).map((c) => (
                        <li key={c.field}>
                          {c.field}: {entry.before ? <del>{c.before}</del> : null}
                          {entry.before && entry.after ? " → " : null}
                          {entry.after ? <ins>{c.after}</ins> : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="hint">{t("audit.empty")}</p>
      )}

      <nav className="pager" aria-label={t("queue.page", { page, pages: totalPages })}>
        {page > 1 ? <Link to={`/admin/audit${auditSearch({ ...filter, page: page - 1 })}`}>{t("queue.prev")}</Link> : null}
        <span>{t("queue.page", { page, pages: totalPages })}</span>
        {page < totalPages ? <Link to={`/admin/audit${auditSearch({ ...filter, page: page + 1 })}`}>{t("queue.next")}</Link> : null}
      </nav>
    </main>
  );
}

/** Users and clusters have pages of their own; other subjects are named only. */
function SubjectLink({ type, id, label }: { type: string; id: string; label: string }) {
  if (type === "user") return <Link to={`/admin/users/${id}`}>{label}</Link>;
  if (type === "cluster") return <Link to={`/admin/clusters/${label}`}>{label}</Link>;
  return <>{label}</>;
}
