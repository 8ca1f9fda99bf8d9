// The weekly report as an XLSX workbook (Summary, Requests, Changes, Clusters), streamed with
// exceljs's WorkbookWriter: the requests are read a page at a time (figures.server.ts), each
// page's rows written and the page dropped, and the writer waits for the compressor and the
// output to catch up between pages. The figures are added up while the Requests sheet is
// written, and Summary is written last.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { kyivWallClock } from "../sla/iso-week";
import { neutraliseCell } from "./spreadsheet-safety";
import {
  CHANGE_COLUMNS,
  CLUSTER_COLUMNS,
  type Cell,
  type ChangeRow,
  type Column,
  type ColumnKind,
  SUMMARY_COLUMNS,
  changeRow,
  clusterRow,
  overdueRow,
  requestColumns,
  requestRow,
  summaryRows,
} from "./columns";
import { type ReportRun, reportRun, scopedRequestPages } from "./figures.server";
import { ReportLabels } from "./labels";
import { drained } from "./output.server";
import { type ReportSnapshot, withReportSnapshot } from "~/data/report-snapshot.server";
import { type WeeklyReport, WeeklyTally } from "./tally";
import type { WeeklyReportOptions } from "./types";

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  date: "yyyy-mm-dd hh:mm",
  number: "0.0#",
  integer: "0",
  share: "0.0%",
};

function xlsxCell(value: Cell, labels: ReportLabels): ExcelJS.CellValue {
  // No cell at all rather than an empty one: less to write, and nothing to style.
  if (value === null) return undefined;
  if (typeof value === "string") return neutraliseCell(value);
  // A spreadsheet cell has no time zone: it holds what a Kyiv clock showed.
  if (value instanceof Date) return kyivWallClock(value);
  if (typeof value === "boolean") return labels.flag(value);
  return value;
}

type SheetWriter = ExcelJS.Worksheet & { commit(): void };
type CellStyle = Partial<ExcelJS.Style>;

/** One style object per kind of cell, shared by every cell of that kind (see `addRow`). */
const CELL_STYLES: Record<ColumnKind, CellStyle> = {
  text: {},
  code: { numFmt: "@" },
  flag: {},
  date: { numFmt: NUM_FMT.date },
  number: { numFmt: NUM_FMT.number },
  integer: { numFmt: NUM_FMT.integer },
  share: { numFmt: NUM_FMT.share },
};

/**
 * Writes a row and commits it. The row and each cell get a shared style object (per kind of
 * cell): exceljs caches a style by object identity, and otherwise works a new one out for every
 * single row and cell (a third of the time of a large file).
 */
const ROW_STYLE: CellStyle = {};

function addRow(sheet: SheetWriter, cells: ExcelJS.CellValue[], kinds: readonly ColumnKind[]) {
  const row = sheet.addRow(cells);
  (row as unknown as { style: CellStyle }).style = ROW_STYLE;
  row.eachCell((cell, column) => {
    cell.style = CELL_STYLES[kinds[column - 1] ?? "text"];
  });
  row.commit();
}

function startSheet(sheet: SheetWriter, columns: Column[], labels: ReportLabels) {
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(columns.map((c) => labels.t(c.header)));
  header.font = { bold: true };
  header.commit();
}

/** Sheet XML written but not yet compressed, in bytes. */
function uncompressedBacklog(sheet: SheetWriter): number {
  // exceljs pipes each sheet's XML into archiver without back-pressure (WorksheetWriter.stream,
  // a StreamBuf, writes into a PassThrough that feeds the deflater), so a fast producer piles
  // up XML in memory. The writer watches that PassThrough's buffers instead.
  type Buffered = { _writableState?: { length: number }; _readableState?: { length: number } };
  const pipe = (sheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes?.[0];
  return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
}

const XLSX_BACKLOG_BYTES = 4 * 1024 * 1024;

/** Waits until the sheet's XML has been compressed (mostly) and the output has taken it. */
async function xlsxDrained(sheet: SheetWriter, output: Writable) {
  while (uncompressedBacklog(sheet) > XLSX_BACKLOG_BYTES) {
    if (output.destroyed) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await drained(output);
}

function finishSheet(sheet: SheetWriter, columns: Column[], rowCount: number) {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowCount + 1, column: columns.length } };
  sheet.commit();
}

const frozenHeader = { views: [{ state: "frozen" as const, ySplit: 1, xSplit: 0 }] };

/**
 * Makes `sheet` the first tab. The streaming writer lists the sheets in workbook.xml in the
 * order of its private `_worksheets` array (indexed by sheet id; each sheet keeps its id, file
 * and relationship, only the listing order changes). Should that internal ever change, the
 * sheets keep their writing order instead; the tests check the tab order.
 */
function putFirst(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetWriter) {
  const internal = workbook as unknown as { _worksheets?: unknown[] };
  const sheets = internal._worksheets;
  if (!Array.isArray(sheets) || !sheets.includes(sheet)) return;
  // Index 0 stays a hole, as exceljs leaves it (its loops skip holes, not undefined entries).
  const reordered: unknown[] = [];
  [sheet, ...sheets.filter((s) => s && s !== sheet)].forEach((s, i) => (reordered[i + 1] = s));
  internal._worksheets = reordered;
}

/** Writes the XLSX workbook (Summary, Requests, Changes, Clusters) to `output`, streaming. */
export function writeWeeklyReportXlsx(options: WeeklyReportOptions, output: Writable): Promise<WeeklyReport> {
  const run = reportRun(options);
  return withReportSnapshot((snapshot) => writeXlsx(snapshot, run, output));
}

async function writeXlsx(snapshot: ReportSnapshot, run: ReportRun, output: Writable): Promise<WeeklyReport> {
  const { now, sensitive, range, pageSize } = run;
  const clusters = await snapshot.clusters();
  const labels = new ReportLabels(run.locale, clusters);

  // exceljs opens a sheet's part of the zip when the sheet is added, and the zip takes the parts
  // strictly in that order: a sheet added early but written late would hold every later sheet
  // in memory. So the sheets are added in the order they are written — Requests (adding up the
  // figures on the way), Changes, then Summary and Clusters from the figures — and Summary is
  // moved to the first tab at the end (`putFirst`).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = labels.t("app.name");
  workbook.created = now;

  const tally = new WeeklyTally(range, run.scope);
  const requestSheet = workbook.addWorksheet(labels.t("report.sheet.requests"), frozenHeader) as SheetWriter;
  const columns = requestColumns(sensitive);
  startSheet(requestSheet, columns, labels);
  let count = 0;
  const requestKinds = columns.map((c) => c.kind);
  for await (const page of scopedRequestPages(snapshot, run)) {
    for (const item of page) {
      tally.add(item);
      addRow(
        requestSheet,
        requestRow(item, labels, sensitive, range.end).map((v) => xlsxCell(v, labels)),
        requestKinds,
      );
    }
    count += page.length;
    run.onProgress?.({ part: "requests", rows: count });
    await xlsxDrained(requestSheet, output);
  }
  finishSheet(requestSheet, columns, count);

  const changeSheet = workbook.addWorksheet(labels.t("report.sheet.changes"), frozenHeader) as SheetWriter;
  startSheet(changeSheet, CHANGE_COLUMNS, labels);
  count = 0;
  const changeKinds = CHANGE_COLUMNS.map((c) => c.kind);
  for await (const page of mergedChangeRows(snapshot, tally, labels, pageSize)) {
    for (const row of page)
      addRow(
        changeSheet,
        row.cells.map((v) => xlsxCell(v, labels)),
        changeKinds,
      );
    count += page.length;
    run.onProgress?.({ part: "changes", rows: count });
    await xlsxDrained(changeSheet, output);
  }
  finishSheet(changeSheet, CHANGE_COLUMNS, count);

  const report = tally.result({ week: run.week, scope: run.scope, now, clusters });
  const summarySheet = workbook.addWorksheet(labels.t("report.sheet.summary"), frozenHeader) as SheetWriter;
  startSheet(summarySheet, SUMMARY_COLUMNS, labels);
  const summary = summaryRows(report, labels, now);
  for (const row of summary) {
    const cells = [labels.t(row.section), row.measure, row.value, row.unit ? labels.t(row.unit) : null];
    addRow(
      summarySheet,
      cells.map((v) => xlsxCell(v, labels)),
      ["text", "text", row.kind, "text"],
    );
  }
  finishSheet(summarySheet, SUMMARY_COLUMNS, summary.length);

  const clusterSheet = workbook.addWorksheet(labels.t("report.sheet.clusters"), frozenHeader) as SheetWriter;
  startSheet(clusterSheet, CLUSTER_COLUMNS, labels);
  const clusterKinds = CLUSTER_COLUMNS.map((c) => c.kind);
  for (const cluster of report.clusters)
    addRow(
      clusterSheet,
      clusterRow(cluster, labels).map((v) => xlsxCell(v, labels)),
      clusterKinds,
    );
  finishSheet(clusterSheet, CLUSTER_COLUMNS, report.clusters.length);

  putFirst(workbook, summarySheet);
  await workbook.commit();
  return report;
}

/** The week's status changes of the scope, oldest first, `pageSize` at a time. */
async function* weekChangeRows(snapshot: ReportSnapshot, tally: WeeklyTally, labels: ReportLabels, pageSize: number): AsyncGenerator<ChangeRow[]> {
  let page: ChangeRow[] = [];
  for await (const event of snapshot.changes(tally.range)) {
    if (tally.ids && !tally.ids.has(event.requestId)) continue;
    page.push(changeRow(event, labels));
    if (page.length === pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** Events and newly-overdue rows merged in time order. */
async function* mergedChangeRows(snapshot: ReportSnapshot, tally: WeeklyTally, labels: ReportLabels, pageSize: number): AsyncGenerator<ChangeRow[]> {
  const overdue = tally.newlyOverdue.slice().sort((a, b) => a.at.getTime() - b.at.getTime() || a.reference.localeCompare(b.reference));
  let next = 0;
  for await (const page of weekChangeRows(snapshot, tally, labels, pageSize)) {
    const rows: ChangeRow[] = [];
    for (const row of page) {
      while (next < overdue.length && overdue[next]!.at.getTime() < row.at.getTime()) rows.push(overdueRow(overdue[next++]!, labels));
      rows.push(row);
    }
    yield rows;
  }
  if (next < overdue.length) yield overdue.slice(next).map((item) => overdueRow(item, labels));
}
