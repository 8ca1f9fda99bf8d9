// The log of report downloads: who exported which week, in which scope and format, and when.
// Written for every download (the reports route and the CLI), listed for admins.
import { db } from "~/data/db.server";
import { insertExportLog } from "~/data/report-downloads.server";

export type ExportRecord = {
  /** Null for the command line (`npm run report:weekly`), which runs with the server's own access. */
  userId: string | null;
  week: string;
  format: string;
  scope: string;
  clusterId: string | null;
  /** The stored file handed out (a closed week's), if it was one. */
  issuedReportId?: string | null;
  now?: Date;
};

/** Written before the file starts, at every download. */
export async function recordReportExport({ userId, week, format, scope, clusterId, issuedReportId = null, now = new Date() }: ExportRecord) {
  await insertExportLog({ userId, week, format, scope, clusterId, issuedReportId, createdAt: now });
}

const EXPORTS_PER_PAGE = 50;

/** Newest first, a page at a time. */
export async function listReportExports({ page = 1 }: { page?: number } = {}) {
  const [total, rows] = await Promise.all([
    db.exportLog.count(),
    db.exportLog.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * EXPORTS_PER_PAGE,
      take: EXPORTS_PER_PAGE,
      select: {
        id: true,
        createdAt: true,
        week: true,
        format: true,
        scope: true,
        issuedReport: { select: { id: true, version: true } },
        user: { select: { name: true, email: true } },
        cluster: { select: { slug: true, nameUk: true, nameEn: true } },
      },
    }),
  ]);
  return { rows, total, page, totalPages: Math.max(1, Math.ceil(total / EXPORTS_PER_PAGE)) };
}
