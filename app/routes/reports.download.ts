// GET /reports/download?week=2026-W13&format=xlsx|csv&scope=all|partners|cluster&cluster=slug&lang=uk|en
// The weekly report file. Staff export everything or a part; a cluster member only their own
// cluster. A closed week's file is the one issued for it, stored, byte for byte the same at every
// download (decision 042); the week still running is streamed as it is written from the data.
// Every download is logged before the file starts.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/domain/auth/auth.server";
import { recordReportExport } from "~/domain/admin/export-log.server";
import { formatIsoWeek } from "~/domain/sla/iso-week";
import { REPORT_CONTENT_TYPES, reportAccessFor, reportFileName, streamWeeklyReport } from "~/domain/report/index.server";
import { editionFor, isClosedWeek } from "~/domain/report/issued";
import { openIssuedReport } from "~/domain/report/issued.server";
import { getLocale } from "~/i18n/locale.server";
import { translateStaff as translate } from "~/i18n/staff-messages";
import { readReportParams } from "~/schemas/reports";
import { acceptsGzip, issuedReportResponse } from "~/utils/issued-report-response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = getLocale(request);
  const now = new Date();
  const read = readReportParams(Object.fromEntries(new URL(request.url).searchParams), now);
  if (!read.ok) {
    const key = read.error === "cluster" ? "reports.error.cluster" : read.error === "week" ? "reports.error.week" : "reports.error.scope";
    throw new Response(translate(locale, key), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { week, format, lang } = read.params;
  const access = await reportAccessFor({ viewer: user, scope: read.params.scope, clusterSlug: read.params.cluster });
  if (!access.ok) {
    const forbidden = access.reason === "FORBIDDEN";
    throw new Response(translate(locale, forbidden ? "reports.error.scope" : "reports.error.cluster"), {
      status: forbidden ? 403 : 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const logged = {
    userId: user.id,
    week: formatIsoWeek(week),
    format,
    scope: access.scope.kind,
    clusterId: access.scope.kind === "cluster" ? access.scope.clusterId : null,
  };

  if (isClosedWeek(week, now)) {
    const edition = editionFor({ scope: access.scope, sensitive: access.sensitive, locale: lang ?? locale, format });
    const issued = await openIssuedReport({ week, edition, userId: user.id, acceptsGzip: acceptsGzip(request), now });
    await recordReportExport({ ...logged, issuedReportId: issued.id });
    return issuedReportResponse(issued);
  }

  await recordReportExport(logged);
  const file = streamWeeklyReport({ week, format, scope: access.scope, sensitive: access.sensitive, locale: lang ?? locale });
  const filename = reportFileName({ week, scope: access.scope.kind, format, clusterSlug: access.cluster?.slug });
  return new Response(createReadableStreamFromReadable(file), {
    headers: {
      "Content-Type": REPORT_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      // Reports may carry sensitive details: never stored by a browser or a proxy.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
