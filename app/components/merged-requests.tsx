// On an original request's page: the requests merged into it, flagged when another enterprise
// filed them (a merge made by mistake is undone from the duplicate's page).
import { Link } from "@remix-run/react";
import type { StaffRequest } from "~/domain/requests/requests.server";
import { useLocale } from "~/i18n/use-locale";

export function MergedRequests({ merged }: { merged: StaffRequest["mergedRequests"] }) {
  const { t } = useLocale();
  if (!merged.length) return null;
  return (
    <p className="notice" data-testid="merged-requests">
      {t("merge.mergedHere")}{" "}
      {merged.map((m, i) => (
        <span key={m.reference}>
          {i ? ", " : ""}
          <Link to={`/requests/${m.reference}`}>{m.reference}</Link>
          {m.otherEnterprise ? <span className="mark lapsed">{t("merge.otherEnterprise")}</span> : null}
        </span>
      ))}
    </p>
  );
}
