// The weekly report: what happened during one ISO week (Kyiv time) and where things stood at
// its end, as figures (`buildWeeklyReport`, for pages) and as files (XLSX and CSV, streamed).
// The reports page, its download route and `npm run report:weekly` all come through here.
//
// The folder, one job per module (pure ones have no ".server" and never touch the database):
// - access.server.ts   who may export which scope, with whose sensitive details
// - types.ts           what a report is asked for and what it reads of requests and events
// - snapshot.server.ts one read-only transaction the whole file is read from, a page at a time
// - week-facts.ts      one request's week replayed from its status changes (how each fact is defined)
// - tally.ts           the week's figures added up from the facts (how each figure is defined)
// - figures.server.ts  a scope's requests read and replayed page by page; buildWeeklyReport
// - labels.ts          a file's words in its language
// - columns.ts         what each sheet's rows hold, and what sensitive details they may carry
// - xlsx.server.ts     the workbook writer;  csv.server.ts  the CSV writer
// - output.server.ts   waiting for the output;  files.ts  file names and content types
import { PassThrough, type Readable } from "node:stream";
import { writeWeeklyReportCsv } from "./csv.server";
import type { ReportFormat, WeeklyReportOptions } from "./types";
import { writeWeeklyReportXlsx } from "./xlsx.server";

export { reportAccessFor } from "./access.server";
export { writeWeeklyReportCsv } from "./csv.server";
export { buildWeeklyReport } from "./figures.server";
export { REPORT_CONTENT_TYPES, reportFileName } from "./files";
export type { WeeklyReport } from "./tally";
export { writeWeeklyReportXlsx } from "./xlsx.server";

/**
 * The file as a Node stream that fills while it is read. A failure part-way destroys the stream
 * with the error (the download breaks off rather than ending with a truncated file that looks
 * whole). A reader that goes away (a cancelled download) destroys it too; writing then stops.
 */
export function streamWeeklyReport(options: WeeklyReportOptions & { format: ReportFormat }): Readable {
  const output = new PassThrough();
  const write = options.format === "xlsx" ? writeWeeklyReportXlsx(options, output) : writeWeeklyReportCsv(options, output);
  write.then(
    () => {
      if (!output.writableEnded) output.end();
    },
    (error: unknown) => {
      if (output.destroyed) return; // the reader went away: nothing to report
      console.error("The weekly report failed:", error);
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return output;
}
