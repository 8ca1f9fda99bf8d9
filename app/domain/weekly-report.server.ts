// The weekly report: what happened during one ISO week (Kyiv time) and where things stood at
// its end, as figures (`buildWeeklyReport`, for pages) and as files (XLSX and CSV, streamed).
// The reports page, its download route and `npm run report:weekly` all come through here.
//
// How the figures are defined (a week is [Monday 00:00, next Monday 00:00) in Kyiv time):
// - Everything about the past comes from the audit trail (RequestEvent), never from the
//   request's current columns: the status at an instant is the toStatus of the latest status
//   change before it; the cluster holding a request is the clusterId of that change (none after
//   a change that releases the cluster: decline, lapse, pull-back, reopen).
// - "At the week's end" means after every change made during the week; a change at exactly
//   Monday 00:00 belongs to the next week. Requests filed after the week are left out. For the
//   week still running, "the week's end" is now (reportRange): the week so far.
// - Flow counts events during the week: filed, triaged (first triage — a `triage`, or an
//   `assign` straight from NEW), assign, accept, resolve, and changes into CLOSED, REJECTED
//   and DUPLICATE. A request handed on twice counts twice in "assigned".
// - Backlog: requests in an open status (OPEN_STATUSES) at the week's end. Category, urgency
//   and region are the request's current ones (triage may have corrected them).
// - Speed: elapsed time (not SLA time) from filing to the FIRST event of each step (triage,
//   assign, accept, resolve), for the requests whose first such event fell in the week.
//   Median and 90th percentile by linear interpolation (Excel's PERCENTILE.INC).
// - SLA: of the requests first triaged (or first resolved) during the week, how many were in
//   time, against the due time the SLA module gives once the NEEDS_INFO pauses before that
//   moment are counted (sla-history.ts replays them from the events).
// - Overdue at an instant: the queue's rule (sla.ts nextDueAt) replayed at that instant.
//   "Newly overdue": overdue at the week's end but not at its start.
// - Per cluster: backlog, SLA and new or newly overdue requests go to the cluster holding the
//   request at the week's end; events (assigned, accepted, resolved, state changes) to the
//   cluster recorded on the event (e.g. a decline counts for the cluster that declined).
//
// Scopes: "all" and "partners" cover every request; "cluster" covers the requests the cluster
// held at the week's end or that had a status change attributed to it during the week.
// Sensitive (defence-order) details, and the number of a defence order's documents, are written
// only when `sensitive` allows it (see `reportAccessFor`). Contact details, messages and
// documents' names are never exported.
//
// Streaming: everything is read from one read-only snapshot (report-snapshot.server.ts) in
// pages of `pageSize` requests; each page's rows are written and the page dropped, and the
// writer waits for the output (and, for XLSX, the compressor) to catch up between pages. The
// XLSX adds up its figures while it writes the Requests sheet, and writes Summary last.
import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import type { Locale } from "~/i18n/locale";
import { DETAIL_LABEL } from "~/i18n/detail-labels";
import type { MessageKey } from "~/i18n/messages";
import { translateStaff } from "~/i18n/staff-messages";
import type { ReportFormat, ReportScopeKind } from "~/schemas/reports";
import { db } from "~/data/db.server";
import { readStatement } from "~/data/read-db.server";
import { sqliteTimestamp } from "~/data/sqlite-time";
import {
  type ReportSnapshot,
  type RequestColumns,
  type SnapshotChange,
  type SnapshotCluster,
  type SnapshotEvent,
  type SnapshotRequest,
  withReportSnapshot,
} from "./report-snapshot.server";
import { type IsoWeek, formatIsoWeek, formatKyivDateTime, isoWeekRange, kyivWallClock } from "./iso-week";
import type { SlaTargets } from "./sla";
import { slaTargets as configuredSlaTargets } from "./sla-config.server";
import { type StatusChange, slaDueTimesAt, slaMetAt, slaOverdueAt, slaPausedMsAt } from "./sla-history";
import { neutraliseCell } from "./spreadsheet-safety";
import { ACTIONS, FINAL_STATUSES, OPEN_STATUSES, type Status, STATUSES, TRANSITIONS } from "./state-machine";
import { CATEGORIES, CATEGORY_LABELS, type Category, SENSITIVE_CATEGORIES, URGENCIES, URGENCY_LABELS, type Urgency, regionLabel } from "./taxonomy";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type { ReportFormat, ReportScopeKind };

/**
 * Requests per page. Small pages keep little alive from one garbage collection to the next, so
 * less is promoted to the old generation: on 100,000 requests the peak resident memory of a CSV
 * export was ~180 MB with pages of 100 and ~290 MB with pages of 1,000, at the same speed.
 */
export const REPORT_PAGE_SIZE = 100;
export type ReportScope = { kind: "all" } | { kind: "partners" } | { kind: "cluster"; clusterId: string };

/**
 * Whose sensitive (defence-order) details a file may carry: every request's ("all": a staff
 * export of everything), none, or only those of requests assigned right now to one cluster
 * (a member's export of their own cluster: what they can see in the app anyway).
 */
export type SensitiveAccess = "all" | "none" | { currentClusterId: string };

export type WeeklyReportOptions = {
  week: IsoWeek;
  scope: ReportScope;
  sensitive?: SensitiveAccess;
  /** Language of headers and labels in files. */
  locale?: Locale;
  now?: Date;
  /** Requests read and written at a time (REPORT_PAGE_SIZE). */
  pageSize?: number;
  targets?: SlaTargets;
  /** Called after each page written: rows so far in the sheet being written. */
  onProgress?: (progress: { part: "requests" | "changes"; rows: number }) => void;
};

// ---------------------------------------------------------------------------------------------
// Who may export what

export type ReportViewer = { role: "ADMIN" | "COORDINATOR" | "CLUSTER_MEMBER"; clusterId: string | null };

export type ReportAccess =
  | { ok: true; scope: ReportScope; sensitive: SensitiveAccess; cluster: { id: string; slug: string } | null }
  | { ok: false; reason: "FORBIDDEN" | "UNKNOWN_CLUSTER" };

/**
 * Coordinators and admins export everything ("all", with sensitive details), everything
 * redacted ("partners") or one cluster (redacted). A cluster member exports only their own
 * cluster; asking for anything else is refused. Without a requested scope: "all" for staff,
 * the own cluster for a member.
 */
export async function reportAccessFor({
  viewer,
  scope,
  clusterSlug,
}: {
  viewer: ReportViewer;
  scope?: ReportScopeKind;
  clusterSlug?: string;
}): Promise<ReportAccess> {
  if (viewer.role === "CLUSTER_MEMBER") {
    if (!viewer.clusterId || (scope && scope !== "cluster")) return { ok: false, reason: "FORBIDDEN" };
    const own = await db.cluster.findUnique({ where: { id: viewer.clusterId }, select: { id: true, slug: true } });
    if (!own) return { ok: false, reason: "FORBIDDEN" };
    if (clusterSlug && clusterSlug !== own.slug) return { ok: false, reason: "FORBIDDEN" };
    return { ok: true, scope: { kind: "cluster", clusterId: own.id }, sensitive: { currentClusterId: own.id }, cluster: own };
  }
  const kind = scope ?? (clusterSlug ? "cluster" : "all");
  if (kind === "all") return { ok: true, scope: { kind: "all" }, sensitive: "all", cluster: null };
  if (kind === "partners") return { ok: true, scope: { kind: "partners" }, sensitive: "none", cluster: null };
  const cluster = clusterSlug
    ? await db.cluster.findUnique({ where: { slug: clusterSlug }, select: { id: true, slug: true } })
    : null;
  if (!cluster) return { ok: false, reason: "UNKNOWN_CLUSTER" };
  return { ok: true, scope: { kind: "cluster", clusterId: cluster.id }, sensitive: "none", cluster };
}

/** The clusters a report can be made for (every one, or the one given), by name. */
export function listReportClusters({ clusterId }: { clusterId?: string } = {}) {
  return db.cluster.findMany({
    where: clusterId ? { id: clusterId } : {},
    orderBy: { nameUk: "asc" },
    select: { slug: true, nameUk: true, nameEn: true },
  });
}

/**
 * The stretch of time a report covers: the week, or, while the week is still running, the week
 * so far. `end` is the instant everything "at the week's end" is taken at (backlog, ages,
 * overdue, status); `weekEnd` the week's own end.
 */
export function reportRange(week: IsoWeek, now: Date = new Date()) {
  const { start, end: weekEnd } = isoWeekRange(week);
  const end = new Date(Math.max(start.getTime(), Math.min(weekEnd.getTime(), now.getTime())));
  return { start, end, weekEnd };
}

// ---------------------------------------------------------------------------------------------
// One request's week, from its status changes

export type ReportEvent = SnapshotEvent;

const RELEASING_ACTIONS: ReadonlySet<string> = new Set(ACTIONS.filter((action) => "releasesCluster" in TRANSITIONS[action]));

export type RequestWeekFacts = {
  filedInWeek: boolean;
  /** Null when the request was filed during the week. */
  statusAtStart: Status | null;
  statusAtEnd: Status;
  clusterAtEnd: string | null;
  firstTriageAt: Date | null;
  firstAssignAt: Date | null;
  firstAcceptAt: Date | null;
  firstResolveAt: Date | null;
  /** When it reached the final status it has at the week's end. */
  finishedAt: Date | null;
  pausedMsAtEnd: number;
  /** Due times as they stood at the week's end (pushed out by the pauses so far; triage's by those before triage). */
  triageDueAt: Date;
  resolveDueAt: Date;
  /** For a request first triaged (resolved) during the week: within target? Otherwise null. */
  triagedInTime: boolean | null;
  resolvedInTime: boolean | null;
  overdueAtStart: boolean;
  overdueAtEnd: boolean;
  /** Overdue at the end but not at the start: since when (the due time, or the week's start). */
  newlyOverdueSince: Date | null;
  /** The status changes made during the week, oldest first. */
  changesInWeek: ReportEvent[];
};

/**
 * The facts of one request for the week [start, end), from its status changes (RequestEvent
 * rows with a toStatus, oldest first; later ones are ignored).
 */
export function requestWeekFacts(
  request: { createdAt: Date; urgency: Urgency },
  events: readonly ReportEvent[],
  range: { start: Date; end: Date },
  targets: SlaTargets = configuredSlaTargets,
): RequestWeekFacts {
  const start = range.start.getTime();
  const end = range.end.getTime();
  const filedInWeek = request.createdAt.getTime() >= start;
  let statusAtStart: Status | null = filedInWeek ? null : "NEW";
  let statusAtEnd: Status = "NEW";
  let clusterAtEnd: string | null = null;
  let firstTriageAt: Date | null = null;
  let firstAssignAt: Date | null = null;
  let firstAcceptAt: Date | null = null;
  let firstResolveAt: Date | null = null;
  let finishedAt: Date | null = null;
  const changes: StatusChange[] = [];
  const changesInWeek: ReportEvent[] = [];

  for (const event of events) {
    const at = event.createdAt.getTime();
    if (at >= end) break;
    if (!event.toStatus) continue;
    changes.push({ fromStatus: event.fromStatus, toStatus: event.toStatus, createdAt: event.createdAt });
    if (at < start) statusAtStart = event.toStatus;
    else changesInWeek.push(event);
    statusAtEnd = event.toStatus;
    clusterAtEnd = RELEASING_ACTIONS.has(event.action) ? null : event.clusterId;
    // Handing a NEW request straight to a cluster triages it too.
    if (!firstTriageAt && (event.action === "triage" || event.action === "assign")) firstTriageAt = event.createdAt;
    if (!firstAssignAt && event.action === "assign") firstAssignAt = event.createdAt;
    if (!firstAcceptAt && event.action === "accept") firstAcceptAt = event.createdAt;
    if (!firstResolveAt && event.action === "resolve") firstResolveAt = event.createdAt;
    finishedAt = FINAL_STATUSES.includes(event.toStatus) ? event.createdAt : null;
  }

  const clock = { createdAt: request.createdAt, urgency: request.urgency };
  const inWeek = (d: Date | null): d is Date => d !== null && d.getTime() >= start && d.getTime() < end;
  const due = slaDueTimesAt(clock, changes, range.end, targets);
  const overdueAtEnd = slaOverdueAt(clock, changes, { status: statusAtEnd, triagedAt: firstTriageAt }, range.end, targets);
  const triagedBeforeStart = firstTriageAt && firstTriageAt.getTime() < start ? firstTriageAt : null;
  const overdueAtStart =
    statusAtStart !== null &&
    slaOverdueAt(clock, changes, { status: statusAtStart, triagedAt: triagedBeforeStart }, range.start, targets);
  const dueThatPassed = firstTriageAt ? due.resolveDueAt : due.triageDueAt;

  return {
    filedInWeek,
    statusAtStart,
    statusAtEnd,
    clusterAtEnd,
    firstTriageAt,
    firstAssignAt,
    firstAcceptAt,
    firstResolveAt,
    finishedAt,
    pausedMsAtEnd: slaPausedMsAt(changes, range.end),
    // The triage clock stops at triage: a later wait on the enterprise moves the resolution only.
    triageDueAt: firstTriageAt ? slaDueTimesAt(clock, changes, firstTriageAt, targets).triageDueAt : due.triageDueAt,
    resolveDueAt: due.resolveDueAt,
    triagedInTime: inWeek(firstTriageAt) ? slaMetAt(clock, changes, "triage", firstTriageAt, targets) : null,
    resolvedInTime: inWeek(firstResolveAt) ? slaMetAt(clock, changes, "resolve", firstResolveAt, targets) : null,
    overdueAtStart,
    overdueAtEnd,
    newlyOverdueSince:
      overdueAtEnd && !overdueAtStart ? new Date(Math.max(dueThatPassed.getTime(), start, request.createdAt.getTime())) : null,
    changesInWeek,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the requests of a scope, a page at a time

/** What a report reads of a request (never contacts, descriptions or messages). */
export type ReportRequest = SnapshotRequest;

export type ScopedRequest = { request: ReportRequest; facts: RequestWeekFacts };

function inScope(scope: ReportScope, facts: RequestWeekFacts) {
  if (scope.kind !== "cluster") return true;
  return facts.clusterAtEnd === scope.clusterId || facts.changesInWeek.some((e) => e.clusterId === scope.clusterId);
}

/**
 * The scope's requests filed before the week's end, in the order they were filed, a page at a
 * time (with `only`, just the requests stored at those rowids). Between pages the event loop
 * gets a turn, so a report over many requests never holds up the server's other requests.
 */
async function* scopedRequestPages(
  snapshot: ReportSnapshot,
  options: WeeklyReportOptions,
  columns: RequestColumns = "row",
  only: readonly number[] | null = null,
): AsyncGenerator<ScopedRequest[]> {
  const range = reportRange(options.week, options.now);
  const targets = options.targets ?? configuredSlaTargets;
  const pageSize = options.pageSize ?? REPORT_PAGE_SIZE;
  let page: ScopedRequest[] = [];
  let seen = 0;
  const clusterId = options.scope.kind === "cluster" ? options.scope.clusterId : null;
  for (const { request, events } of snapshot.requests(range.end, { clusterId, pageSize, columns, only })) {
    const facts = requestWeekFacts(request, events, range, targets);
    if (inScope(options.scope, facts)) page.push({ request, facts });
    if (++seen % pageSize === 0) {
      yield page;
      page = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (page.length) yield page;
}

// ---------------------------------------------------------------------------------------------
// The figures

export const FLOW_KEYS = ["opened", "triaged", "assigned", "accepted", "resolved", "closed", "rejected", "duplicates"] as const;
export type FlowKey = (typeof FLOW_KEYS)[number];
export const SPEED_KEYS = ["toTriage", "toAssign", "toAccept", "toResolve"] as const;
export type SpeedKey = (typeof SPEED_KEYS)[number];
export const AGE_BUCKETS = ["lt1d", "1to3d", "3to7d", "7to14d", "14to30d", "30dplus"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
const AGE_LIMITS_DAYS = [1, 3, 7, 14, 30, Infinity];
/** Key for "no cluster" in per-cluster tables. */
export const NO_CLUSTER = "none";

export function ageBucket(ageMs: number): AgeBucket {
  return AGE_BUCKETS[AGE_LIMITS_DAYS.findIndex((limit) => ageMs < limit * DAY_MS)]!;
}

/** Linear interpolation between closest ranks (Excel PERCENTILE.INC); null for no values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export type SlaShare = { n: number; within: number; share: number | null };
export type SpeedFigures = { n: number; medianHours: number | null; p90Hours: number | null };

export type ClusterFigures = {
  /** Null for the row of requests without a cluster. */
  clusterId: string | null;
  slug: string | null;
  nameUk: string | null;
  nameEn: string | null;
  backlog: number;
  overdue: number;
  newRequests: number;
  assigned: number;
  accepted: number;
  resolved: number;
  stateChanges: number;
  newlyOverdue: number;
  sla: { triage: SlaShare; resolve: SlaShare };
};

export type WeeklyReport = {
  week: string;
  /** Monday 00:00 and the next Monday 00:00, Kyiv time. */
  start: Date;
  end: Date;
  /** False while the week is still running: then the figures are as of `asOf` (now). */
  complete: boolean;
  asOf: Date;
  scope: ReportScope;
  flow: Record<FlowKey, number>;
  backlog: {
    total: number;
    overdue: number;
    byStatus: Record<Status, number>;
    byCategory: Record<Category, number>;
    byUrgency: Record<Urgency, number>;
    /** ISO 3166-2:UA code → count (regions with none are left out). */
    byRegion: Record<string, number>;
    /** Cluster id (or NO_CLUSTER) → count. */
    byCluster: Record<string, number>;
    byAge: Record<AgeBucket, number>;
  };
  speed: Record<SpeedKey, SpeedFigures>;
  sla: { triage: SlaShare; resolve: SlaShare };
  changes: { newRequests: number; stateChanges: number; newlyOverdue: number; resolved: number };
  clusters: ClusterFigures[];
};

type ClusterInfo = SnapshotCluster;
type NewlyOverdue = { at: Date; reference: string; step: "triage" | "resolve"; clusterId: string | null; category: Category; urgency: Urgency };

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const share = (n: number, within: number): SlaShare => ({ n, within, share: n ? within / n : null });

class ClusterTally {
  backlog = 0;
  overdue = 0;
  newRequests = 0;
  assigned = 0;
  accepted = 0;
  resolved = 0;
  stateChanges = 0;
  newlyOverdue = 0;
  triage = { n: 0, within: 0 };
  resolve = { n: 0, within: 0 };
}

/** Adds up the figures request by request; holds numbers, not requests. */
class WeeklyTally {
  readonly flow = zeroes(FLOW_KEYS);
  readonly backlog = {
    total: 0,
    overdue: 0,
    byStatus: zeroes(STATUSES),
    byCategory: zeroes(CATEGORIES),
    byUrgency: zeroes(URGENCIES),
    byRegion: {} as Record<string, number>,
    byCluster: {} as Record<string, number>,
    byAge: zeroes(AGE_BUCKETS),
  };
  readonly durations: Record<SpeedKey, number[]> = { toTriage: [], toAssign: [], toAccept: [], toResolve: [] };
  readonly sla = { triage: { n: 0, within: 0 }, resolve: { n: 0, within: 0 } };
  readonly changes = { newRequests: 0, stateChanges: 0, newlyOverdue: 0, resolved: 0 };
  readonly clusters = new Map<string, ClusterTally>();
  /** For the Changes sheet: requests that became overdue (few compared with all requests). */
  readonly newlyOverdue: NewlyOverdue[] = [];
  /** A cluster export's request ids, to pick its events for the Changes sheet. */
  readonly ids: Set<string> | null;

  constructor(
    readonly range: { start: Date; end: Date; weekEnd: Date },
    scope: ReportScope,
  ) {
    this.ids = scope.kind === "cluster" ? new Set() : null;
  }

  private cluster(id: string | null) {
    const key = id ?? NO_CLUSTER;
    let tally = this.clusters.get(key);
    if (!tally) this.clusters.set(key, (tally = new ClusterTally()));
    return tally;
  }

  add({ request, facts }: ScopedRequest) {
    this.ids?.add(request.id);
    const start = this.range.start.getTime();
    const end = this.range.end.getTime();
    const inWeek = (d: Date | null): d is Date => d !== null && d.getTime() >= start && d.getTime() < end;
    const holder = this.cluster(facts.clusterAtEnd);

    if (facts.filedInWeek) {
      this.flow.opened += 1;
      this.changes.newRequests += 1;
      holder.newRequests += 1;
    }
    if (inWeek(facts.firstTriageAt)) {
      this.flow.triaged += 1;
      this.durations.toTriage.push((facts.firstTriageAt.getTime() - request.createdAt.getTime()) / HOUR_MS);
    }
    if (inWeek(facts.firstAssignAt)) this.durations.toAssign.push((facts.firstAssignAt.getTime() - request.createdAt.getTime()) / HOUR_MS);
    if (inWeek(facts.firstAcceptAt)) this.durations.toAccept.push((facts.firstAcceptAt.getTime() - request.createdAt.getTime()) / HOUR_MS);
    if (inWeek(facts.firstResolveAt)) this.durations.toResolve.push((facts.firstResolveAt.getTime() - request.createdAt.getTime()) / HOUR_MS);

    let resolvedThisWeek = false;
    for (const event of facts.changesInWeek) {
      const by = this.cluster(event.clusterId);
      if (event.action !== "submit") {
        this.changes.stateChanges += 1;
        by.stateChanges += 1;
      }
      if (event.action === "assign") {
        this.flow.assigned += 1;
        by.assigned += 1;
      } else if (event.action === "accept") {
        this.flow.accepted += 1;
        by.accepted += 1;
      } else if (event.action === "resolve") {
        this.flow.resolved += 1;
        by.resolved += 1;
        resolvedThisWeek = true;
      }
      if (event.toStatus === "CLOSED") this.flow.closed += 1;
      else if (event.toStatus === "REJECTED") this.flow.rejected += 1;
      else if (event.toStatus === "DUPLICATE") this.flow.duplicates += 1;
    }
    if (resolvedThisWeek) this.changes.resolved += 1;

    if (facts.triagedInTime !== null) {
      this.sla.triage.n += 1;
      holder.triage.n += 1;
      if (facts.triagedInTime) {
        this.sla.triage.within += 1;
        holder.triage.within += 1;
      }
    }
    if (facts.resolvedInTime !== null) {
      this.sla.resolve.n += 1;
      holder.resolve.n += 1;
      if (facts.resolvedInTime) {
        this.sla.resolve.within += 1;
        holder.resolve.within += 1;
      }
    }

    if (OPEN_STATUSES.includes(facts.statusAtEnd)) {
      const b = this.backlog;
      b.total += 1;
      b.byStatus[facts.statusAtEnd] += 1;
      b.byCategory[request.category] += 1;
      b.byUrgency[request.urgency] += 1;
      b.byRegion[request.region] = (b.byRegion[request.region] ?? 0) + 1;
      const clusterKey = facts.clusterAtEnd ?? NO_CLUSTER;
      b.byCluster[clusterKey] = (b.byCluster[clusterKey] ?? 0) + 1;
      b.byAge[ageBucket(end - request.createdAt.getTime())] += 1;
      holder.backlog += 1;
      if (facts.overdueAtEnd) {
        b.overdue += 1;
        holder.overdue += 1;
      }
    }
    if (facts.newlyOverdueSince) {
      this.changes.newlyOverdue += 1;
      holder.newlyOverdue += 1;
      this.newlyOverdue.push({
        at: facts.newlyOverdueSince,
        reference: request.reference,
        step: facts.firstTriageAt ? "resolve" : "triage",
        clusterId: facts.clusterAtEnd,
        category: request.category,
        urgency: request.urgency,
      });
    }
  }

  result(options: { week: IsoWeek; scope: ReportScope; now: Date; clusters: ClusterInfo[] }): WeeklyReport {
    const speed = {} as Record<SpeedKey, SpeedFigures>;
    for (const key of SPEED_KEYS) {
      const values = this.durations[key].slice().sort((a, b) => a - b);
      speed[key] = { n: values.length, medianHours: percentile(values, 0.5), p90Hours: percentile(values, 0.9) };
    }
    // Every active cluster is listed in a whole-Centre report, with zeroes if need be; a cluster
    // export lists the clusters its requests touched.
    const keys = new Set(this.clusters.keys());
    if (options.scope.kind === "cluster") keys.add(options.scope.clusterId);
    else for (const cluster of options.clusters) if (cluster.active) keys.add(cluster.id);
    const byId = new Map(options.clusters.map((c) => [c.id, c]));
    const clusters: ClusterFigures[] = [...keys]
      .map((key) => {
        const tally = this.clusters.get(key) ?? new ClusterTally();
        const info = key === NO_CLUSTER ? null : byId.get(key);
        return {
          clusterId: key === NO_CLUSTER ? null : key,
          slug: info?.slug ?? null,
          nameUk: info?.nameUk ?? null,
          nameEn: info?.nameEn ?? null,
          backlog: tally.backlog,
          overdue: tally.overdue,
          newRequests: tally.newRequests,
          assigned: tally.assigned,
          accepted: tally.accepted,
          resolved: tally.resolved,
          stateChanges: tally.stateChanges,
          newlyOverdue: tally.newlyOverdue,
          sla: { triage: share(tally.triage.n, tally.triage.within), resolve: share(tally.resolve.n, tally.resolve.within) },
        };
      })
      // Clusters by name, "no cluster" last.
      .sort((a, b) => (a.clusterId === null ? 1 : b.clusterId === null ? -1 : (a.nameUk ?? "").localeCompare(b.nameUk ?? "", "uk")));
    return {
      week: formatIsoWeek(options.week),
      start: this.range.start,
      end: this.range.weekEnd,
      complete: this.range.weekEnd.getTime() <= options.now.getTime(),
      asOf: this.range.end,
      scope: options.scope,
      flow: { ...this.flow },
      backlog: structuredClone(this.backlog),
      speed,
      sla: { triage: share(this.sla.triage.n, this.sla.triage.within), resolve: share(this.sla.resolve.n, this.sla.resolve.within) },
      changes: { ...this.changes },
      clusters,
    };
  }
}

/** The week's figures for a scope (no rows kept: one pass over the requests, page by page). */
export async function buildWeeklyReport(options: WeeklyReportOptions): Promise<WeeklyReport> {
  return withReportSnapshot(async (snapshot) => {
    const tally = new WeeklyTally(reportRange(options.week, options.now), options.scope);
    for await (const page of scopedRequestPages(snapshot, options, "figures")) for (const item of page) tally.add(item);
    return tally.result({ week: options.week, scope: options.scope, now: options.now ?? new Date(), clusters: snapshot.clusters() });
  });
}

/**
 * The changes through which a request can count in a week's SLA figures: its first triage (a
 * triage, or an assignment straight from NEW) or its first resolution, in the week.
 */
const SLA_ACTIONS = ["triage", "assign", "resolve"] as const;

/**
 * The week's SLA figures per cluster, as `buildWeeklyReport` gives them (report.clusters' `sla`),
 * worked out from only the requests that can count in them: those with a triage, an assignment
 * (which triages a NEW request) or a resolution during the week. A request's first triage or
 * resolution can only fall in the week if one of those did, and the rest add nothing to SLA
 * figures. For the dashboard: a week's few thousand requests instead of every one ever filed.
 */
export async function weeklySlaByCluster(
  options: Pick<WeeklyReportOptions, "week" | "now" | "targets" | "pageSize">,
): Promise<Array<Pick<ClusterFigures, "clusterId" | "slug" | "nameUk" | "nameEn" | "sla">>> {
  const report = { ...options, scope: { kind: "all" } } satisfies WeeklyReportOptions;
  return withReportSnapshot(async (snapshot) => {
    const range = reportRange(report.week, report.now);
    const tally = new WeeklyTally(range, report.scope);
    const only = snapshot.requestsChangedIn({ start: range.start, end: range.end, actions: SLA_ACTIONS });
    for await (const page of scopedRequestPages(snapshot, report, "figures", only)) for (const item of page) tally.add(item);
    const { clusters } = tally.result({ week: report.week, scope: report.scope, now: report.now ?? new Date(), clusters: snapshot.clusters() });
    return clusters.map(({ clusterId, slug, nameUk, nameEn, sla }) => ({ clusterId, slug, nameUk, nameEn, sla }));
  });
}

/**
 * The backlog at this moment (`now`), as `buildWeeklyReport` gives it for the week running now
 * (report.backlog), counted in SQL from the requests' own columns instead of replaying every
 * request's status changes. They agree because every status change writes the request's
 * status, cluster (assignedClusterId: none after a change that releases it) and SLA due time
 * (nextDueAt, the queue's "overdue") in the same transaction as its event, by the same rules the
 * replay follows; tests/integration/dashboard.test.ts checks the two on random histories.
 */
export function currentBacklog(now: Date = new Date()): WeeklyReport["backlog"] {
  // One pass over the open requests' entries of the (status, category, urgency, region,
  // assignedClusterId, nextDueAt, createdAt) index, grouped in the index's own order; whether
  // overdue and how old are summed per group, so they need no sorting.
  const open = OPEN_STATUSES.map((status) => `'${status}'`).join(", ");
  const limits = AGE_LIMITS_DAYS.slice(0, -1);
  const ages = AGE_BUCKETS.map((_, bucket) => {
    const younger = bucket < limits.length ? `"createdAt" > @age${bucket}` : "1";
    const older = bucket > 0 ? `"createdAt" <= @age${bucket - 1}` : "1";
    return `SUM(${younger} AND ${older})`;
  });
  const rows = readStatement(`
    SELECT "status", "category", "urgency", "region", "assignedClusterId", COUNT(*),
           SUM("nextDueAt" IS NOT NULL AND "nextDueAt" < @now), ${ages.join(", ")}
    FROM "Request" INDEXED BY "Request_status_category_urgency_region_assignedClusterId_nextDueAt_createdAt_idx"
    WHERE "status" IN (${open}) AND "createdAt" < @now
    GROUP BY 1, 2, 3, 4, 5`)
    .raw()
    .all({
      now: sqliteTimestamp(now),
      ...Object.fromEntries(limits.map((days, bucket) => [`age${bucket}`, sqliteTimestamp(new Date(now.getTime() - days * DAY_MS))])),
    }) as Array<[Status, Category, Urgency, string, string | null, number, number, ...number[]]>;
  const backlog: WeeklyReport["backlog"] = {
    total: 0,
    overdue: 0,
    byStatus: zeroes(STATUSES),
    byCategory: zeroes(CATEGORIES),
    byUrgency: zeroes(URGENCIES),
    byRegion: {},
    byCluster: {},
    byAge: zeroes(AGE_BUCKETS),
  };
  for (const [status, category, urgency, region, clusterId, n, overdue, ...byAge] of rows) {
    backlog.total += n;
    backlog.overdue += overdue;
    backlog.byStatus[status] += n;
    backlog.byCategory[category] += n;
    backlog.byUrgency[urgency] += n;
    backlog.byRegion[region] = (backlog.byRegion[region] ?? 0) + n;
    const cluster = clusterId ?? NO_CLUSTER;
    backlog.byCluster[cluster] = (backlog.byCluster[cluster] ?? 0) + n;
    AGE_BUCKETS.forEach((bucket, index) => (backlog.byAge[bucket] += byAge[index]!));
  }
  return backlog;
}

// ---------------------------------------------------------------------------------------------
// Rows of the files

type Cell = string | number | boolean | Date | null;
/** "code": digits that are text, not a number (EDRPOU 00032129 keeps its zeros; decision 017). */
type ColumnKind = "text" | "code" | "date" | "number" | "integer" | "share" | "flag";
type Column = { header: MessageKey; kind: ColumnKind; width: number };

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
];
const SENSITIVE_COLUMN: Column = { header: "report.col.sensitive", kind: "text", width: 50 };

const CHANGE_COLUMNS: Column[] = [
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

const CLUSTER_COLUMNS: Column[] = [
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

const SUMMARY_COLUMNS: Column[] = [
  { header: "report.summary.section", kind: "text", width: 30 },
  { header: "report.summary.measure", kind: "text", width: 44 },
  { header: "report.summary.value", kind: "number", width: 18 },
  { header: "report.summary.unit", kind: "text", width: 12 },
];

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Labels in the file's language, looked up once each (a file repeats the same few thousand times). */
class ReportLabels {
  private readonly clusterNames = new Map<string, string>();
  private readonly cache = new Map<string, string>();
  constructor(
    readonly locale: Locale,
    clusters: ClusterInfo[],
  ) {
    for (const c of clusters) this.clusterNames.set(c.id, locale === "uk" ? c.nameUk : c.nameEn);
  }
  t(key: MessageKey, params?: Record<string, string | number>) {
    if (params) return translateStaff(this.locale, key, params);
    let label = this.cache.get(key);
    if (label === undefined) this.cache.set(key, (label = translateStaff(this.locale, key)));
    return label;
  }
  status(status: Status | null) {
    return status ? this.t(`staffStatus.${status}`) : null;
  }
  category(category: Category) {
    return CATEGORY_LABELS[category][this.locale];
  }
  urgency(urgency: Urgency) {
    const key = `urgency:${urgency}`;
    let label = this.cache.get(key);
    if (label === undefined) this.cache.set(key, (label = URGENCY_LABELS[urgency][this.locale].split(" — ")[0]!));
    return label;
  }
  region(code: string) {
    return regionLabel(code, this.locale);
  }
  cluster(id: string | null) {
    return id ? (this.clusterNames.get(id) ?? id) : this.t("report.noCluster");
  }
  flag(value: boolean) {
    return this.t(value ? "report.yes" : "report.no");
  }
  action(action: string) {
    const key = `report.action.${action}` as MessageKey;
    const label = this.t(key);
    return label === key ? action : label;
  }
}

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

function mayShowSensitive(sensitive: SensitiveAccess, request: { assignedClusterId: string | null }) {
  if (sensitive === "all") return true;
  if (sensitive === "none") return false;
  return request.assignedClusterId === sensitive.currentClusterId;
}

/**
 * A request's number of documents, or nothing for a defence order whose sensitive details this
 * file may not carry: how many drawings or photos a defence supplier sent is not for partners.
 */
function fileCountCell(sensitive: SensitiveAccess, request: ReportRequest): number | null {
  if (SENSITIVE_CATEGORIES.includes(request.category) && !mayShowSensitive(sensitive, request)) return null;
  return request.fileCount;
}

function requestColumns(sensitive: SensitiveAccess) {
  return sensitive === "none" ? REQUEST_COLUMNS : [...REQUEST_COLUMNS, SENSITIVE_COLUMN];
}

function requestRow({ request, facts }: ScopedRequest, labels: ReportLabels, sensitive: SensitiveAccess, end: Date): Cell[] {
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
    facts.clusterAtEnd ? labels.cluster(facts.clusterAtEnd) : null,
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
  ];
  if (sensitive !== "none") row.push(mayShowSensitive(sensitive, request) ? sensitiveText(request.sensitiveDetails, labels) : null);
  return row;
}

type ChangeRow = { at: Date; cells: Cell[] };

function changeRow(event: SnapshotChange, labels: ReportLabels): ChangeRow {
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

function overdueRow(item: NewlyOverdue, labels: ReportLabels): ChangeRow {
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

/** The week's status changes of the scope, oldest first, `pageSize` at a time. */
async function* weekChangeRows(
  snapshot: ReportSnapshot,
  tally: WeeklyTally,
  labels: ReportLabels,
  pageSize: number,
): AsyncGenerator<ChangeRow[]> {
  let page: ChangeRow[] = [];
  for (const event of snapshot.changes(tally.range)) {
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
async function* mergedChangeRows(
  snapshot: ReportSnapshot,
  tally: WeeklyTally,
  labels: ReportLabels,
  pageSize: number,
): AsyncGenerator<ChangeRow[]> {
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

type SummaryRow = { section: MessageKey; measure: string; value: Cell; unit: MessageKey | null; kind: ColumnKind };

function summaryRows(report: WeeklyReport, labels: ReportLabels, now: Date): SummaryRow[] {
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

  for (const key of FLOW_KEYS) add("report.section.flow", t(`report.flow.${key}`), report.flow[key], key === "opened" ? "report.unit.requests" : "report.unit.events");

  add("report.section.backlog", t("report.backlog.total"), report.backlog.total, "report.unit.requests");
  add("report.section.backlog", t("report.backlog.overdue"), report.backlog.overdue, "report.unit.requests");
  for (const status of OPEN_STATUSES) add("report.section.backlogStatus", labels.status(status)!, report.backlog.byStatus[status], "report.unit.requests");
  for (const category of CATEGORIES)
    add("report.section.backlogCategory", labels.category(category), report.backlog.byCategory[category], "report.unit.requests");
  for (const urgency of URGENCIES) add("report.section.backlogUrgency", labels.urgency(urgency), report.backlog.byUrgency[urgency], "report.unit.requests");
  for (const cluster of report.clusters)
    add("report.section.backlogCluster", labels.cluster(cluster.clusterId), cluster.backlog, "report.unit.requests");
  const regions = Object.entries(report.backlog.byRegion).sort(([a], [b]) => labels.region(a).localeCompare(labels.region(b), labels.locale));
  for (const [region, count] of regions) add("report.section.backlogRegion", labels.region(region), count, "report.unit.requests");
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

function clusterRow(cluster: ClusterFigures, labels: ReportLabels): Cell[] {
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

// ---------------------------------------------------------------------------------------------
// Writing the files

/** Waits until the output has taken what it was given (or fails if it was closed meanwhile). */
async function drained(output: Writable) {
  if (output.destroyed) throw new Error("The report's output was closed before the report was complete.");
  if (!output.writableNeedDrain) return;
  const ac = new AbortController();
  try {
    await Promise.race([
      once(output, "drain", { signal: ac.signal }),
      once(output, "close", { signal: ac.signal }).then(() => {
        throw new Error("The report's output was closed before the report was complete.");
      }),
    ]);
  } finally {
    ac.abort();
  }
}

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
  return withReportSnapshot((snapshot) => writeXlsx(snapshot, options, output));
}

async function writeXlsx(snapshot: ReportSnapshot, options: WeeklyReportOptions, output: Writable): Promise<WeeklyReport> {
  const now = options.now ?? new Date();
  const sensitive = options.sensitive ?? "none";
  const clusters = snapshot.clusters();
  const labels = new ReportLabels(options.locale ?? "uk", clusters);
  const range = reportRange(options.week, now);
  const pageSize = options.pageSize ?? REPORT_PAGE_SIZE;

  // exceljs opens a sheet's part of the zip when the sheet is added, and the zip takes the parts
  // strictly in that order: a sheet added early but written late would hold every later sheet
  // in memory. So the sheets are added in the order they are written — Requests (adding up the
  // figures on the way), Changes, then Summary and Clusters from the figures — and Summary is
  // moved to the first tab at the end (`putFirst`).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = labels.t("app.name");
  workbook.created = now;

  const tally = new WeeklyTally(range, options.scope);
  const requestSheet = workbook.addWorksheet(labels.t("report.sheet.requests"), frozenHeader) as SheetWriter;
  const columns = requestColumns(sensitive);
  startSheet(requestSheet, columns, labels);
  let count = 0;
  const requestKinds = columns.map((c) => c.kind);
  for await (const page of scopedRequestPages(snapshot, options)) {
    for (const item of page) {
      tally.add(item);
      addRow(requestSheet, requestRow(item, labels, sensitive, range.end).map((v) => xlsxCell(v, labels)), requestKinds);
    }
    count += page.length;
    options.onProgress?.({ part: "requests", rows: count });
    await xlsxDrained(requestSheet, output);
  }
  finishSheet(requestSheet, columns, count);

  const changeSheet = workbook.addWorksheet(labels.t("report.sheet.changes"), frozenHeader) as SheetWriter;
  startSheet(changeSheet, CHANGE_COLUMNS, labels);
  count = 0;
  const changeKinds = CHANGE_COLUMNS.map((c) => c.kind);
  for await (const page of mergedChangeRows(snapshot, tally, labels, pageSize)) {
    for (const row of page) addRow(changeSheet, row.cells.map((v) => xlsxCell(v, labels)), changeKinds);
    count += page.length;
    options.onProgress?.({ part: "changes", rows: count });
    await xlsxDrained(changeSheet, output);
  }
  finishSheet(changeSheet, CHANGE_COLUMNS, count);

  const report = tally.result({ week: options.week, scope: options.scope, now, clusters });
  const summarySheet = workbook.addWorksheet(labels.t("report.sheet.summary"), frozenHeader) as SheetWriter;
  startSheet(summarySheet, SUMMARY_COLUMNS, labels);
  const summary = summaryRows(report, labels, now);
  for (const row of summary) {
    const cells = [labels.t(row.section), row.measure, row.value, row.unit ? labels.t(row.unit) : null];
    addRow(summarySheet, cells.map((v) => xlsxCell(v, labels)), ["text", "text", row.kind, "text"]);
  }
  finishSheet(summarySheet, SUMMARY_COLUMNS, summary.length);

  const clusterSheet = workbook.addWorksheet(labels.t("report.sheet.clusters"), frozenHeader) as SheetWriter;
  startSheet(clusterSheet, CLUSTER_COLUMNS, labels);
  const clusterKinds = CLUSTER_COLUMNS.map((c) => c.kind);
  for (const cluster of report.clusters) addRow(clusterSheet, clusterRow(cluster, labels).map((v) => xlsxCell(v, labels)), clusterKinds);
  finishSheet(clusterSheet, CLUSTER_COLUMNS, report.clusters.length);

  putFirst(workbook, summarySheet);
  await workbook.commit();
  return report;
}

/**
 * Writes the requests as CSV to `output`, streaming: UTF-8 with a byte-order mark (so Excel
 * reads the Cyrillic), one row per request with its status at the week's end. Ukrainian files
 * use ";" between fields and a decimal comma, as Excel expects under Ukrainian regional
 * settings; English ones "," and a decimal point. Dates are Kyiv time, "2026-03-23 09:30".
 */
export function writeWeeklyReportCsv(options: WeeklyReportOptions, output: Writable): Promise<void> {
  return withReportSnapshot((snapshot) => writeCsv(snapshot, options, output));
}

/** Characters of CSV text written to the output at a time. */
const CSV_CHUNK_CHARS = 256 * 1024;

async function writeCsv(snapshot: ReportSnapshot, options: WeeklyReportOptions, output: Writable): Promise<void> {
  const sensitive = options.sensitive ?? "none";
  const labels = new ReportLabels(options.locale ?? "uk", snapshot.clusters());
  const range = reportRange(options.week, options.now);
  const columns = requestColumns(sensitive);
  const decimalComma = labels.locale === "uk";
  const delimiter = decimalComma ? ";" : ",";
  // RFC 4180: a field holding the delimiter, a quote or a line break is quoted, quotes doubled.
  const needsQuotes = decimalComma ? /[";\r\n]/ : /[",\r\n]/;
  const field = (value: Cell): string => {
    if (value === null) return "";
    if (value instanceof Date) return formatKyivDateTime(value);
    if (typeof value === "number") return decimalComma ? String(value).replace(".", ",") : String(value);
    const text = typeof value === "boolean" ? labels.flag(value) : neutraliseCell(value);
    return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
  let chunk = "\uFEFF" + line(columns.map((c) => labels.t(c.header)), false);
  let count = 0;
  for await (const page of scopedRequestPages(snapshot, options)) {
    for (const item of page) chunk += line(requestRow(item, labels, sensitive, range.end));
    count += page.length;
    options.onProgress?.({ part: "requests", rows: count });
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

export function reportFileName({ week, scope, format, clusterSlug }: { week: IsoWeek; scope: ReportScopeKind; format: ReportFormat; clusterSlug?: string | null }) {
  const what = scope === "cluster" && clusterSlug ? `cluster-${clusterSlug}` : scope;
  return `rrc-weekly-${formatIsoWeek(week)}-${what}.${format}`;
}

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

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
