// GET /admin/audit/download?actor=…&kind=…&from=…&to=… — the admin's record as CSV, filtered
// as the page is (every matching entry, not one page of them). Admins only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsvFileName, auditCsvStream } from "~/domain/admin/audit-csv.server";
import { requireRole } from "~/domain/auth/auth.server";
import { getLocale } from "~/i18n/locale.server";
import { auditFilterOf, readAuditParams } from "~/schemas/audit";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const params = readAuditParams(new URL(request.url).searchParams);
  return new Response(auditCsvStream({ filter: auditFilterOf(params), locale: getLocale(request) }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditCsvFileName()}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
