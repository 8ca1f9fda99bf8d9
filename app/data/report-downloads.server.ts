// The two statements every download of a closed week's report runs, without Prisma's work per
// query: the issued file in force, read on the read-only connection, and the export log's row,
// written in one synchronous transaction on Prisma's own connection (writeTransaction). Through
// Prisma these were three queries and an interactive transaction, most of a download's time
// before its first byte (docs/decisions/047-report-speed-and-floors.md).
import { newId } from "~/utils/ids.server";
import { writeTransaction } from "./db.server";
import { readFirst } from "./read-db.server";
import { builder, execute } from "./sql";

/** What a download needs of an issued file: which it is, where its bytes are, what to call it. */
export type IssuedFileRow = {
  id: string;
  week: string;
  scope: string;
  clusterId: string | null;
  clusterSlug: string | null;
  format: string;
  version: number;
  sha256: string;
  size: number;
  gzipSha256: string | null;
  gzipSize: number | null;
};

/** The version in force of a week's edition, or undefined when none was issued yet. */
export function currentIssuedFile(week: string, edition: string): Promise<IssuedFileRow | undefined> {
  return readFirst(
    builder
      .selectFrom("IssuedReport as i")
      .leftJoin("Cluster as c", "c.id", "i.clusterId")
      .select(["i.id", "i.week", "i.scope", "i.clusterId", "c.slug as clusterSlug", "i.format", "i.version", "i.sha256", "i.size", "i.gzipSha256", "i.gzipSize"])
      .where("i.week", "=", week)
      .where("i.edition", "=", edition)
      .where("i.supersededAt", "is", null)
      .orderBy("i.version", "desc")
      .limit(1),
  );
}

export type ExportLogRow = {
  userId: string | null;
  week: string;
  format: string;
  scope: string;
  clusterId: string | null;
  issuedReportId: string | null;
  createdAt: Date;
};

export async function insertExportLog(row: ExportLogRow): Promise<void> {
  await writeTransaction(() => execute(builder.insertInto("ExportLog").values({ id: newId(row.createdAt.getTime()), ...row })));
}
