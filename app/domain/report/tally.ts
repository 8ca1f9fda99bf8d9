// The week's figures, added up request by request from their week facts (pure: no database).
// - Flow counts events during the week: filed, triaged (first triage — a `triage`, or an
//   `assign` straight from NEW), assign, accept, resolve, and changes into CLOSED, REJECTED
//   and DUPLICATE. A request handed on twice counts twice in "assigned".
// - Backlog: requests in an open status (OPEN_STATUSES) at the week's end. Category, urgency,
//   region and industry are the request's current ones (triage may have corrected them).
// - Speed: elapsed time (not SLA time) from filing to the FIRST event of each step (triage,
//   assign, accept, resolve), for the requests whose first such event fell in the week.
//   Median and 90th percentile by linear interpolation (Excel's PERCENTILE.INC).
// - SLA: of the requests first triaged (or first resolved) during the week, how many were in
//   time (week-facts.ts).
// - Per cluster, LINES are counted (decision 055): backlog, SLA and new or newly overdue go to
//   the cluster holding each line of the request at the week's end (a request of three lines
//   with three clusters counts once for each; a line waiting for a cluster counts under "no
//   cluster"), and a line's resolution is measured against the request's target; events
//   (assigned, accepted, resolved, state changes) go to the cluster recorded on the event (e.g. a
//   decline counts for the cluster that declined). The backlog "by cluster" counts the open
//   requests' lines still in work or waiting, so it adds up to more than the requests when a
//   request has several. Everything else counts requests.
import { type IsoWeek, formatIsoWeek } from "../sla/iso-week";
import { OPEN_STATUSES, type Status, STATUSES } from "../requests/state-machine";
import { CATEGORIES, type Category, URGENCIES, type Urgency } from "../taxonomy";
import type { ReportCluster, ReportScope } from "./types";
import { LIVE_LINE_STATUSES, type ReportRange, type ScopedRequest } from "./week-facts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const FLOW_KEYS = ["opened", "triaged", "assigned", "accepted", "resolved", "closed", "rejected", "duplicates"] as const;
type FlowKey = (typeof FLOW_KEYS)[number];
export const SPEED_KEYS = ["toTriage", "toAssign", "toAccept", "toResolve"] as const;
export type SpeedKey = (typeof SPEED_KEYS)[number];
export const AGE_BUCKETS = ["lt1d", "1to3d", "3to7d", "7to14d", "14to30d", "30dplus"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
/** Upper limits of the age buckets, in days. */
export const AGE_LIMITS_DAYS = [1, 3, 7, 14, 30, Infinity];
/** Key for "no cluster" in per-cluster tables. */
export const NO_CLUSTER = "none";
/** Key for requests without an industry (filed before the intake asked for it). */
export const NO_SECTOR = "none";

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

type SlaShare = { n: number; within: number; share: number | null };
type SpeedFigures = { n: number; medianHours: number | null; p90Hours: number | null };

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
    /** NACE section → count (NO_SECTOR for requests filed before it was asked; none left out). */
    bySector: Record<string, number>;
    /** Cluster id (or NO_CLUSTER) → lines of open requests in work or waiting for a cluster. */
    byCluster: Record<string, number>;
    byAge: Record<AgeBucket, number>;
  };
  speed: Record<SpeedKey, SpeedFigures>;
  sla: { triage: SlaShare; resolve: SlaShare };
  changes: { newRequests: number; stateChanges: number; newlyOverdue: number; resolved: number };
  clusters: ClusterFigures[];
};

export type NewlyOverdue = { at: Date; reference: string; step: "triage" | "resolve"; clusterId: string | null; category: Category; urgency: Urgency };

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** A backlog of nothing, every count at zero. */
export function emptyBacklog(): WeeklyReport["backlog"] {
  return {
    total: 0,
    overdue: 0,
    byStatus: zeroes(STATUSES),
    byCategory: zeroes(CATEGORIES),
    byUrgency: zeroes(URGENCIES),
    byRegion: {},
    bySector: {},
    byCluster: {},
    byAge: zeroes(AGE_BUCKETS),
  };
}
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
export class WeeklyTally {
  readonly flow = zeroes(FLOW_KEYS);
  readonly backlog = emptyBacklog();
  readonly durations: Record<SpeedKey, number[]> = { toTriage: [], toAssign: [], toAccept: [], toResolve: [] };
  readonly sla = { triage: { n: 0, within: 0 }, resolve: { n: 0, within: 0 } };
  readonly changes = { newRequests: 0, stateChanges: 0, newlyOverdue: 0, resolved: 0 };
  readonly clusters = new Map<string, ClusterTally>();
  /** For the Changes sheet: requests that became overdue (few compared with all requests). */
  readonly newlyOverdue: NewlyOverdue[] = [];
  /** A cluster export's request ids, to pick its events for the Changes sheet. */
  readonly ids: Set<string> | null;

  constructor(
    readonly range: ReportRange,
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
    // Each line's cluster at the week's end; those still in work or waiting, for the backlog.
    const holders = facts.linesAtEnd.map((line) => ({ line, tally: this.cluster(line.clusterId) }));
    const live = holders.filter(({ line }) => LIVE_LINE_STATUSES.includes(line.status));

    if (facts.filedInWeek) {
      this.flow.opened += 1;
      this.changes.newRequests += 1;
      for (const { tally } of holders) tally.newRequests += 1;
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
        // The request is resolved when its last line is.
        if (event.toStatus === "RESOLVED") resolvedThisWeek = true;
      }
      if (event.toStatus === "CLOSED") this.flow.closed += 1;
      else if (event.toStatus === "REJECTED") this.flow.rejected += 1;
      else if (event.toStatus === "DUPLICATE") this.flow.duplicates += 1;
    }
    if (resolvedThisWeek) this.changes.resolved += 1;

    if (facts.triagedInTime !== null) {
      this.sla.triage.n += 1;
      if (facts.triagedInTime) this.sla.triage.within += 1;
      for (const { tally } of holders) {
        tally.triage.n += 1;
        if (facts.triagedInTime) tally.triage.within += 1;
      }
    }
    if (facts.resolvedInTime !== null) {
      this.sla.resolve.n += 1;
      if (facts.resolvedInTime) this.sla.resolve.within += 1;
    }
    for (const { line, tally } of holders) {
      if (line.resolvedInTime === null) continue;
      tally.resolve.n += 1;
      if (line.resolvedInTime) tally.resolve.within += 1;
    }

    if (OPEN_STATUSES.includes(facts.statusAtEnd)) {
      const b = this.backlog;
      b.total += 1;
      b.byStatus[facts.statusAtEnd] += 1;
      b.byCategory[request.category] += 1;
      b.byUrgency[request.urgency] += 1;
      b.byRegion[request.region] = (b.byRegion[request.region] ?? 0) + 1;
      const sectorKey = request.sector ?? NO_SECTOR;
      b.bySector[sectorKey] = (b.bySector[sectorKey] ?? 0) + 1;
      for (const { line, tally } of live) {
        const clusterKey = line.clusterId ?? NO_CLUSTER;
        b.byCluster[clusterKey] = (b.byCluster[clusterKey] ?? 0) + 1;
        tally.backlog += 1;
        if (facts.overdueAtEnd) tally.overdue += 1;
      }
      b.byAge[ageBucket(end - request.createdAt.getTime())] += 1;
      if (facts.overdueAtEnd) b.overdue += 1;
    }
    if (facts.newlyOverdueSince) {
      this.changes.newlyOverdue += 1;
      for (const { tally } of live) tally.newlyOverdue += 1;
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

  result(options: { week: IsoWeek; scope: ReportScope; now: Date; clusters: ReportCluster[] }): WeeklyReport {
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
