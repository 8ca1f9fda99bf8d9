// The weekly report's requests as CSV, streamed: a page of requests at a time (figures.server.ts),
// written to the output as text a chunk at a time.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { formatKyivDateTime } from "../sla/iso-week";
import { neutraliseCell } from "./spreadsheet-safety";
import { type Cell, requestColumns, requestRow } from "./columns";
import { type ReportRun, reportRun, scopedRequestPages } from "./figures.server";
import { ReportLabels } from "./labels";
import { drained } from "./output.server";
import { type ReportSnapshot, withReportSnapshot } from "~/data/report-snapshot.server";
import type { WeeklyReportOptions } from "./types";

/**
 * Writes the requests as CSV to `output`, streaming: UTF-8 with a byte-order mark (so Excel
 * reads the Cyrillic), one row per request with its status at the week's end. Ukrainian files
 * use ";" between fields and a decimal comma, as Excel expects under Ukrainian regional
 * settings; English ones "," and a decimal point. Dates are Kyiv time, "2026-03-23 09:30".
 */
export function writeWeeklyReportCsv(options: WeeklyReportOptions, output: Writable): Promise<void> {
  const run = reportRun(options);
  return withReportSnapshot((snapshot) => writeCsv(snapshot, run, output));
}

/** Characters of CSV text written to the output at a time. */
const CSV_CHUNK_CHARS = 256 * 1024;

async function writeCsv(snapshot: ReportSnapshot, run: ReportRun, output: Writable): Promise<void> {
  const { sensitive, range } = run;
  const labels = new ReportLabels(run.locale, await snapshot.clusters());
  const columns = requestColumns(sensitive);
  const decimalComma = labels.locale === "uk";
  const delimiter = decimalComma ? ";" : ",";
  // RFC 4180: a field holding the delimiter, a quote or a line break is quoted, quotes doubled.
  const needsQuotes = decimalComma ? /[";\r\n]/ : /[",\r\n]/;
  const quoted = (text: string) => (needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  // Text first: most cells are.
  const field = (value: Cell): string => {
    if (typeof value === "string") return quoted(neutraliseCell(value));
    if (value === null) return "";
    if (value instanceof Date) return formatKyivDateTime(value);
    if (typeof value === "number") return decimalComma ? String(value).replace(".", ",") : String(value);
    return quoted(labels.flag(value));
  };
  // A code (EDRPOU) goes in as ="00032129": Excel and LibreOffice open that as the text
  // 00032129, where the bare digits would lose their leading zeros; a program takes the digits
  // between the quotes (decision 017). Codes are digits only, so nothing else can ride along.
  const codes = columns.map((c) => c.kind === "code");
  const codeField = (value: Cell) => (typeof value === "string" && /^\d+$/.test(value) ? `"=""${value}"""` : field(value));
  const line = (cells: Cell[], withCodes = true) => {
    let text = withCodes && codes[0] ? codeField(cells[0]!) : field(cells[0]!);
    for (let i = 1; i < cells.length; i++) text += delimiter + (withCodes && codes[i] ? codeField(cells[i]!) : field(cells[i]!));
    return `${text}\r\n`;
  };
  // The file is built as text a chunk at a time (a hand-written writer: csv-stringify's
  // per-record stream machinery cost more than the rest of the export put together).
  let chunk =
    "\uFEFF" +
    line(
      columns.map((c) => labels.t(c.header)),
      false,
    );
  let count = 0;
  for await (const page of scopedRequestPages(snapshot, run)) {
    for (const item of page) chunk += line(requestRow(item, labels, sensitive, range.end));
    count += page.length;
    run.onProgress?.({ part: "requests", rows: count });
    if (chunk.length >= CSV_CHUNK_CHARS) {
      await drained(output);
      output.write(chunk);
      chunk = "";
    }
  }
  await drained(output);
  output.end(chunk);
  await finished(output, { readable: false });
}
