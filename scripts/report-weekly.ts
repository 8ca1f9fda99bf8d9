// `npm run report:weekly -- [--week 2026-W48] [--format xlsx|csv] [--cluster slug]
//   [--scope all|partners|cluster] [--lang uk|en] [--out dir]`
// Writes the weekly report to a file (default: the last complete week, XLSX, every request
// with sensitive details, into the current folder) and prints its path. Progress goes to
// stderr. Exit codes: 0 done, 2 bad arguments (week, cluster, format…), 1 anything else.
// The export is logged like a download from the reports page (ExportLog, no user).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { recordReportExport } from "~/domain/admin/export-log.server";
import { formatIsoWeek, isoWeekRange, formatKyivDateTime } from "~/domain/sla/iso-week";
import { reportAccessFor, reportFileName, writeWeeklyReportCsv, writeWeeklyReportXlsx } from "~/domain/report/index.server";
import { readReportParams } from "~/schemas/reports";
import { db } from "~/data/db.server";

const USAGE =
  "usage: npm run report:weekly -- [--week 2026-W48] [--format xlsx|csv] [--cluster slug] [--scope all|partners|cluster] [--lang uk|en] [--out dir]";

class UsageError extends Error {}

async function main() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        week: { type: "string" },
        format: { type: "string" },
        cluster: { type: "string" },
        scope: { type: "string" },
        lang: { type: "string" },
        out: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const read = readReportParams({ week: values.week, format: values.format, scope: values.scope, cluster: values.cluster, lang: values.lang });
  if (!read.ok) {
    const given = values[read.error];
    throw new UsageError(
      read.error === "week" ? `bad week "${given}": give an ISO week like 2026-W48 that has already begun (Kyiv time)` : `bad --${read.error} "${given}"`,
    );
  }
  const { week, format, lang = "uk" } = read.params;
  // The command line runs with the server's own access: what an admin may export.
  const access = await reportAccessFor({ viewer: { role: "ADMIN", clusterId: null }, scope: read.params.scope, clusterSlug: read.params.cluster });
  if (!access.ok) {
    throw new UsageError(read.params.cluster ? `unknown cluster "${read.params.cluster}"` : "--scope cluster needs --cluster <slug>");
  }

  const dir = path.resolve(values.out ?? ".");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, reportFileName({ week, scope: access.scope.kind, format, clusterSlug: access.cluster?.slug }));
  const partial = `${file}.part`;
  const { start, end } = isoWeekRange(week);
  console.error(
    `Weekly report ${formatIsoWeek(week)} (${formatKyivDateTime(start)} — ${formatKyivDateTime(end)} Kyiv time), ${format}, ${access.scope.kind}${access.cluster ? ` ${access.cluster.slug}` : ""}…`,
  );

  const started = performance.now();
  let lastShown = 0;
  const onProgress = ({ part, rows }: { part: string; rows: number }) => {
    if (rows - lastShown >= 10_000 || rows < lastShown) {
      lastShown = rows;
      console.error(`  ${part}: ${rows.toLocaleString("en-US")} rows`);
    }
  };
  const output = fs.createWriteStream(partial);
  const closed = new Promise<void>((resolve, reject) => {
    output.on("close", resolve);
    output.on("error", reject);
  });
  const options = { week, scope: access.scope, sensitive: access.sensitive, locale: lang, onProgress };
  try {
    if (format === "xlsx") await writeWeeklyReportXlsx(options, output);
    else await writeWeeklyReportCsv(options, output);
    await closed;
  } catch (error) {
    output.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  // Only a complete file gets the real name.
  fs.renameSync(partial, file);
  await recordReportExport({
    userId: null,
    week: formatIsoWeek(week),
    format,
    scope: access.scope.kind,
    clusterId: access.scope.kind === "cluster" ? access.scope.clusterId : null,
  });
  const size = fs.statSync(file).size;
  console.error(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(size / 1024).toFixed(0)} KB.`);
  console.log(file);
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`report:weekly: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
