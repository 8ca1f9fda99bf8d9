// One weekly-report export in a process of its own, for bench/export.mjs: writes the file with
// the app's own modules (app/domain/report/) and prints, as JSON on stdout, the time it took,
// its size, the rows written and the process's peak resident memory.
//   tsx bench/export-child.ts <csv|xlsx> <2026-W47|newest> <out file>     (DATABASE_URL: the database)
// "newest" is the week (Kyiv time) of the newest request: every request is filed before its end.
import fs from "node:fs";
import { formatIsoWeek, isoWeekOf, parseIsoWeek } from "~/domain/sla/iso-week";
import { writeWeeklyReportCsv, writeWeeklyReportXlsx } from "~/domain/report/index.server";
import { db } from "~/data/db.server";

const [format, weekText, out] = process.argv.slice(2);
const newest = weekText === "newest" ? await db.request.findFirst({ orderBy: { createdAt: "desc" }, select: { createdAt: true } }) : null;
const week = newest ? isoWeekOf(newest.createdAt) : parseIsoWeek(weekText);
if ((format !== "csv" && format !== "xlsx") || !week || !out) {
  console.error("usage: tsx bench/export-child.ts <csv|xlsx> <week> <out file>");
  process.exit(2);
}

/** Peak resident set size of this process so far (kB), from the kernel. */
function vmHwmKb() {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) : NaN;
}

const rssAtStart = process.memoryUsage().rss;
let sampledPeak = rssAtStart;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 20);
const rows: Record<string, number> = {};
const output = fs.createWriteStream(out);
const closed = new Promise<void>((resolve, reject) => output.on("close", () => resolve()).on("error", reject));
const started = performance.now();
const options = {
  week,
  scope: { kind: "all" as const },
  sensitive: "all" as const,
  onProgress: (p: { part: string; rows: number }) => void (rows[p.part] = p.rows),
};
if (format === "csv") await writeWeeklyReportCsv(options, output);
else await writeWeeklyReportXlsx(options, output);
await closed;
const ms = performance.now() - started;
clearInterval(sampler);
sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
console.log(
  JSON.stringify({
    format,
    week: formatIsoWeek(week),
    ms,
    bytes: fs.statSync(out).size,
    rows,
    rssAtStartMb: rssAtStart / 2 ** 20,
    sampledPeakRssMb: sampledPeak / 2 ** 20,
    peakRssMb: vmHwmKb() / 1024,
  }),
);
await db.$disconnect();
