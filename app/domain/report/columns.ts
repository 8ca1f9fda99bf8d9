// The rows of a report file, as cells: what each column of the Requests, Changes, Clusters and
// Summary sheets holds (the CSV is the Requests sheet), with its header and kind (pure: no
// database). Sensitive (defence-order) details, and the number of a defence order's documents,
// are written only where `sensitive` allows it (access.server.ts).
import { seesFiledDetails } from "../auth/access";
import { DETAIL_LABEL } from "~/i18n/detail-labels";
import type { MessageKey } from "~/i18n/messages";
import { OPEN_STATUSES } from "../requests/state-machine";
import { CATEGORIES, SECTORS, SENSITIVE_CATEGORIES, URGENCIES } from "../taxonomy";
import type { ReportLabels } from "./labels";
import { AGE_BUCKETS, type ClusterFigures, FLOW_KEYS, NO_SECTOR, type NewlyOverdue, SPEED_KEYS, type WeeklyReport } from "./tally";
import type { ReportChange, ReportRequest, SensitiveAccess } from "./types";
import type { ScopedRequest } from "./week-facts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type Cell = string | number | boolean | Date | null;
/** "code": digits that are text, not a number (EDRPOU 00032129 keeps its zeros; decision 017). */
export type ColumnKind = "text" | "code" | "date" | "number" | "integer" | "share" | "flag";
export type Column = { header: MessageKey; kind: ColumnKind; width: number };

const REQUEST_COLUMNS: Column[] = [
  { header: "report.col.reference", kind: "text", width: 17 },
  { header: "report.col.createdAt", kind: "date", width: 17 },
  { header: "report.col.enterprise", kind: "text", width: 34 },
  { header: "report.col.edrpou", kind: "code", width: 13 },
  { header: "report.col.region", kind: "text", width: 24 },
  { header: "report.col.city", kind: "text", width: 18 },
  { header: "report.col.category", kind: "text", width: 24 },
  { header: "report.col.urgency", kind: "text", width: 12 },
  { header: "report.col.title", kind: "text", width: 40 },
  { header: "report.col.status", kind: "text", width: 20 },
  { header: "report.col.cluster", kind: "text", width: 30 },
  { header: "report.col.ageDays", kind: "number", width: 10 },
  { header: "report.col.triagedAt", kind: "date", width: 17 },
  { header: "report.col.assignedAt", kind: "date", width: 17 },
  { header: "report.col.acceptedAt", kind: "date", width: 17 },
  { header: "report.col.resolvedAt", kind: "date", width: 17 },
  { header: "report.col.finishedAt", kind: "date", width: 17 },
  { header: "report.col.triageDueAt", kind: "date", width: 17 },
  { header: "report.col.resolveDueAt", kind: "date", width: 17 },
  { header: "report.col.pausedHours", kind: "number", width: 12 },
  { header: "report.col.triagedInTime", kind: "flag", width: 12 },
  { header: "report.col.resolvedInTime", kind: "flag", width: 12 },
  { header: "report.col.overdue", kind: "flag", width: 12 },
  { header: "report.col.changesInWeek", kind: "integer", width: 10 },
  { header: "report.col.files", kind: "integer", width: 12 },
  // Added after the columns partners' sheets already read by position.
  { header: "report.col.sector", kind: "text", width: 34 },
];
const SENSITIVE_COLUMN: Column = { header: "report.col.sensitive", kind: "text", width: 50 };

export const CHANGE_COLUMNS: Column[] = [
  { header: "report.col.at", kind: "date", width: 17 },
  { header: "report.col.kind", kind: "text", width: 16 },
  { header: "report.col.reference", kind: "text", width: 17 },
  { header: "report.col.action", kind: "text", width: 26 },
  { header: "report.col.fromStatus", kind: "text", width: 20 },
  { header: "report.col.toStatus", kind: "text", width: 20 },
  { header: "report.col.eventCluster", kind: "text", width: 30 },
  { header: "report.col.category", kind: "text", width: 24 },
  { header: "report.col.urgency", kind: "text", width: 12 },
];

export const CLUSTER_COLUMNS: Column[] = [
  { header: "report.col.clusterName", kind: "text", width: 36 },
  { header: "report.col.clusterSlug", kind: "text", width: 18 },
  { header: "report.col.backlog", kind: "integer", width: 12 },
  { header: "report.col.backlogOverdue", kind: "integer", width: 12 },
  { header: "report.col.newRequests", kind: "integer", width: 10 },
  { header: "report.col.assigned", kind: "integer", width: 10 },
  { header: "report.col.accepted", kind: "integer", width: 10 },
  { header: "report.col.resolved", kind: "integer", width: 10 },
  { header: "report.col.stateChanges", kind: "integer", width: 10 },
  { header: "report.col.newlyOverdue", kind: "integer", width: 12 },
  { header: "report.col.triageN", kind: "integer", width: 12 },
  { header: "report.col.triageWithin", kind: "integer", width: 12 },
  { header: "report.col.triageShare", kind: "share", width: 12 },
  { header: "report.col.resolveN", kind: "integer", width: 12 },
  { header: "report.col.resolveWithin", kind: "integer", width: 12 },
  { header: "report.col.resolveShare", kind: "share", width: 12 },
];

export const SUMMARY_COLUMNS: Column[] = [
  { header: "report.summary.section", kind: "text", width: 30 },
  { header: "report.summary.measure", kind: "text", width: 44 },
  { header: "report.summary.value", kind: "number", width: 18 },
  { header: "report.summary.unit", kind: "text", width: 12 },
];

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** "Тип продукції: Бронепластини; Виробнича потужність на місяць: 5000 од." from the stored JSON. */
function sensitiveText(json: string | null, labels: ReportLabels): string | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${DETAIL_LABEL[k] ? labels.t(DETAIL_LABEL[k]) : k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
      .join("; ");
  } catch {
    return json;
  }
}

/** A cluster's own file shows a request's sensitive details as its page does: to the cluster holding the first line. */
function mayShowSensitive(sensitive: SensitiveAccess, request: Pick<ReportRequest, "assignedClusterId" | "firstLineClusterId">) {
  if (sensitive === "all") return true;
  if (sensitive === "none") return false;
  const firstLineCluster = request.firstLineClusterId === undefined ? request.assignedClusterId : request.firstLineClusterId;
  return seesFiledDetails({ role: "CLUSTER_MEMBER", clusterId: sensitive.currentClusterId }, firstLineCluster);
}

/**
 * A request's number of documents, or nothing for a defence order whose sensitive details this
 * file may not carry: how many drawings or photos a defence supplier sent is not for partners.
 */
function fileCountCell(sensitive: SensitiveAccess, request: ReportRequest): number | null {
  if (SENSITIVE_CATEGORIES.includes(request.category) && !mayShowSensitive(sensitive, request)) return null;
  return request.fileCount;
}

export function requestColumns(sensitive: SensitiveAccess) {
  return sensitive === "none" ? REQUEST_COLUMNS : [...REQUEST_COLUMNS, SENSITIVE_COLUMN];
}

/**
 * The clusters holding the request's lines at the week's end, each once, in line order (a
 * request of one line: its cluster); empty when none holds one.
 */
function clustersAtEnd(facts: ScopedRequest["facts"], labels: ReportLabels): string | null {
  const held = [...new Set(facts.linesAtEnd.flatMap((line) => (line.clusterId ? [line.clusterId] : [])))];
  return held.length ? held.map((id) => labels.cluster(id)).join("; ") : null;
}

export function requestRow({ request, facts }: ScopedRequest, labels: ReportLabels, sensitive: SensitiveAccess, end: Date): Cell[] {
  const row: Cell[] = [
    request.reference,
    request.createdAt,
    request.enterpriseName,
    request.edrpou,
    labels.region(request.region),
    request.city,
    labels.category(request.category),
    labels.urgency(request.urgency),
    request.title,
    labels.status(facts.statusAtEnd),
    clustersAtEnd(facts, labels),
    round((end.getTime() - request.createdAt.getTime()) / DAY_MS, 1),
    facts.firstTriageAt,
    facts.firstAssignAt,
    facts.firstAcceptAt,
    facts.firstResolveAt,
    facts.finishedAt,
    facts.triageDueAt,
    facts.resolveDueAt,
    round(facts.pausedMsAtEnd / HOUR_MS, 2),
    facts.triagedInTime,
    facts.resolvedInTime,
    facts.overdueAtEnd,
    facts.changesInWeek.length,
    fileCountCell(sensitive, request),
    request.sector ? labels.sector(request.sector) : null,
  ];
  if (sensitive !== "none") row.push(mayShowSensitive(sensitive, request) ? sensitiveText(request.sensitiveDetails, labels) : null);
  return row;
}

export type ChangeRow = { at: Date; cells: Cell[] };

export function changeRow(event: ReportChange, labels: ReportLabels): ChangeRow {
  const kind = event.action === "submit" ? "report.kind.new" : event.action === "resolve" ? "report.kind.resolved" : "report.kind.stateChange";
  return {
    at: event.createdAt,
    cells: [
      event.createdAt,
      labels.t(kind),
      event.request.reference,
      labels.action(event.action),
      labels.status(event.fromStatus),
      labels.status(event.toStatus),
      labels.cluster(event.clusterId),
      labels.category(event.request.category),
      labels.urgency(event.request.urgency),
    ],
  };
}

export function overdueRow(item: NewlyOverdue, labels: ReportLabels): ChangeRow {
  return {
    at: item.at,
    cells: [
      item.at,
      labels.t("report.kind.newlyOverdue"),
      item.reference,
      labels.t(item.step === "triage" ? "report.action.overdueTriage" : "report.action.overdueResolve"),
      null,
      null,
      labels.cluster(item.clusterId),
      labels.category(item.category),
      labels.urgency(item.urgency),
    ],
  };
}

type SummaryRow = { section: MessageKey; measure: string; value: Cell; unit: MessageKey | null; kind: ColumnKind };

export function summaryRows(report: WeeklyReport, labels: ReportLabels, now: Date): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const add = (section: MessageKey, measure: string, value: Cell, unit: MessageKey | null, kind: ColumnKind = "integer") =>
    rows.push({ section, measure, value, unit, kind });
  const t = labels.t.bind(labels);
  const scopeLabel =
    report.scope.kind === "cluster" ? `${t("report.scope.cluster")}: ${labels.cluster(report.scope.clusterId)}` : t(`report.scope.${report.scope.kind}`);
  add("report.section.report", t("report.measure.week"), report.week, null, "text");
  add("report.section.report", t("report.measure.start"), report.start, null, "date");
  add("report.section.report", t("report.measure.end"), report.end, null, "date");
  add("report.section.report", t("report.measure.scope"), scopeLabel, null, "text");
  add("report.section.report", t("report.measure.generated"), now, null, "date");
  if (!report.complete) {
    add("report.section.report", t("report.measure.incomplete"), true, null, "flag");
    add("report.section.report", t("report.measure.asOf"), report.asOf, null, "date");
  }

  for (const key of FLOW_KEYS)
    add("report.section.flow", t(`report.flow.${key}`), report.flow[key], key === "opened" ? "report.unit.requests" : "report.unit.events");

  add("report.section.backlog", t("report.backlog.total"), report.backlog.total, "report.unit.requests");
  add("report.section.backlog", t("report.backlog.overdue"), report.backlog.overdue, "report.unit.requests");
  for (const status of OPEN_STATUSES) add("report.section.backlogStatus", labels.status(status)!, report.backlog.byStatus[status], "report.unit.requests");
  for (const category of CATEGORIES)
    add("report.section.backlogCategory", labels.category(category), report.backlog.byCategory[category], "report.unit.requests");
  for (const urgency of URGENCIES) add("report.section.backlogUrgency", labels.urgency(urgency), report.backlog.byUrgency[urgency], "report.unit.requests");
  for (const cluster of report.clusters) add("report.section.backlogCluster", labels.cluster(cluster.clusterId), cluster.backlog, "report.unit.lines");
  const regions = Object.entries(report.backlog.byRegion).sort(([a], [b]) => labels.region(a).localeCompare(labels.region(b), labels.locale));
  for (const [region, count] of regions) add("report.section.backlogRegion", labels.region(region), count, "report.unit.requests");
  // Sections in their lettered order; the requests filed before the intake asked for it last.
  for (const sector of [...SECTORS, NO_SECTOR]) {
    const count = report.backlog.bySector[sector];
    if (count) add("report.section.backlogSector", sector === NO_SECTOR ? t("report.noSector") : labels.sector(sector), count, "report.unit.requests");
  }
  for (const bucket of AGE_BUCKETS) add("report.section.backlogAge", t(`report.age.${bucket}`), report.backlog.byAge[bucket], "report.unit.requests");

  for (const key of SPEED_KEYS) {
    const what = t(`report.speed.${key}`);
    const figures = report.speed[key];
    add("report.section.speed", t("report.speed.n", { what }), figures.n, "report.unit.requests");
    add("report.section.speed", t("report.speed.median", { what }), figures.medianHours, "report.unit.hours", "number");
    add("report.section.speed", t("report.speed.p90", { what }), figures.p90Hours, "report.unit.hours", "number");
  }
  for (const step of ["triage", "resolve"] as const) {
    const what = t(`report.sla.${step}`);
    add("report.section.sla", t("report.sla.n", { what }), report.sla[step].n, "report.unit.requests");
    add("report.section.sla", t("report.sla.within", { what }), report.sla[step].within, "report.unit.requests");
    add("report.section.sla", t("report.sla.share", { what }), report.sla[step].share, "report.unit.share", "share");
  }
  add("report.section.changes", t("report.changes.newRequests"), report.changes.newRequests, "report.unit.requests");
  add("report.section.changes", t("report.changes.stateChanges"), report.changes.stateChanges, "report.unit.events");
  add("report.section.changes", t("report.changes.newlyOverdue"), report.changes.newlyOverdue, "report.unit.requests");
  add("report.section.changes", t("report.changes.resolved"), report.changes.resolved, "report.unit.requests");
  return rows;
}

export function clusterRow(cluster: ClusterFigures, labels: ReportLabels): Cell[] {
  return [
    labels.cluster(cluster.clusterId),
    cluster.slug,
    cluster.backlog,
    cluster.overdue,
    cluster.newRequests,
    cluster.assigned,
    cluster.accepted,
    cluster.resolved,
    cluster.stateChanges,
    cluster.newlyOverdue,
    cluster.sla.triage.n,
    cluster.sla.triage.within,
    cluster.sla.triage.share,
    cluster.sla.resolve.n,
    cluster.sla.resolve.within,
    cluster.sla.resolve.share,
  ];
}
