// GET /reports/issued/<id>: one issued weekly report file, any version, superseded ones too, for
// admins (the list on /admin/exports links to each). Others download a closed week's file
// through /reports/download, which serves the version in force within their access. Logged
// like every download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/domain/auth/auth.server";
import { recordReportExport } from "~/domain/admin/export-log.server";
import { openIssuedReportById } from "~/domain/report/issued.server";
import { getLocale } from "~/i18n/locale.server";
import { translateStaff as translate } from "~/i18n/staff-messages";
import { acceptsGzip, issuedReportResponse } from "~/utils/issued-report-response.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const issued = /^[a-z0-9]{1,40}$/.test(params.id ?? "") ? await openIssuedReportById({ id: params.id!, acceptsGzip: acceptsGzip(request) }) : null;
  if (!issued) {
    throw new Response(translate(getLocale(request), "error.reportNotFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  await recordReportExport({
    userId: admin.id,
    week: issued.week,
    format: issued.format,
    scope: issued.scope,
    clusterId: issued.clusterId,
    issuedReportId: issued.id,
  });
  return issuedReportResponse(issued);
}
