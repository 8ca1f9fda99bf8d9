import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireRole } from "~/domain/auth/auth.server";
import { useLocale } from "~/i18n/use-locale";

export const meta: MetaFunction = () => [{ title: "Адміністрування · Administration — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return null;
}

export default function AdminOverview() {
  const { t } = useLocale();
  return (
    <main>
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.lead")}</p>
      <ul className="admin-links">
        <li>
          <h2>
            <Link to="/admin/clusters">{t("admin.clusters")}</Link>
          </h2>
          <p>{t("admin.clusters.lead")}</p>
        </li>
        <li>
          <h2>
            <Link to="/admin/users">{t("admin.users")}</Link>
          </h2>
          <p>{t("admin.users.lead")}</p>
        </li>
        <li>
          <h2>
            <Link to="/admin/audit">{t("admin.audit")}</Link>
          </h2>
          <p>{t("admin.audit.lead")}</p>
        </li>
        <li>
          <h2>
            <Link to="/admin/replies">{t("replies.title")}</Link>
          </h2>
          <p>{t("admin.replies.lead")}</p>
        </li>
        <li>
          <h2>
            <Link to="/admin/outbox">{t("outbox.title")}</Link>
          </h2>
        </li>
        <li>
          <h2>
            <Link to="/admin/exports">{t("exports.title")}</Link>
          </h2>
        </li>
      </ul>
    </main>
  );
}
