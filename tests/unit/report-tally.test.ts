// The weekly report's figures added up from hand-built histories, with no database: the week is
// 2026-W13 (S = Monday 23 March 00:00 Kyiv = 2026-03-22T22:00Z, 167 hours), SLA targets the
// defaults (CRITICAL triage 4 h / resolve 3 d, HIGH 24 h / 10 d, NORMAL 3 d / 21 d, LOW 5 d / 45 d).
import { describe, expect, it } from "vitest";
import type { Status } from "~/domain/requests/state-machine";
import type { Urgency } from "~/domain/taxonomy";
import { WeeklyTally, ageBucket, percentile } from "~/domain/report/tally";
import type { ReportCluster, ReportEvent, ReportRequest } from "~/domain/report/types";
import { inReportScope, reportRange, requestWeekFacts } from "~/domain/report/week-facts";

const HOUR = 3600_000;
const S = new Date("2026-03-22T22:00:00.000Z").getTime();
const h = (hours: number) => new Date(S + hours * HOUR);
const W13 = { year: 2026, week: 13 };
const NOW = h(200);

const CLUSTERS: ReportCluster[] = [
  { id: "c-alpha", slug: "alpha", nameUk: "Альфа", nameEn: "Alpha", active: true },
  { id: "c-beta", slug: "beta", nameUk: "Бета", nameEn: "Beta", active: true },
  { id: "c-old", slug: "old", nameUk: "Архів", nameEn: "Old", active: false },
];

function request(reference: string, urgency: Urgency, filedAt: number): ReportRequest {
  return {
    id: reference,
    reference,
    createdAt: h(filedAt),
    category: "SUPPLIES",
    urgency,
    region: "UA-30",
    sector: "C",
    city: "Київ",
    title: reference,
    sensitiveDetails: null,
    assignedClusterId: null,
    enterpriseName: "ТОВ",
    edrpou: "00032129",
    fileCount: 0,
  };
}

type Step = [action: string, from: Status | null, to: Status, hours: number, clusterId?: string];
const history = (steps: Step[]): ReportEvent[] =>
  steps.map(([action, fromStatus, toStatus, hours, clusterId]) => ({ action, fromStatus, toStatus, clusterId: clusterId ?? null, createdAt: h(hours) }));

// R1 HIGH: filed +1 h, triaged +6 h (5 h: in time), handed to Alpha +8 h, accepted +10 h.
// R2 NORMAL: filed 100 h before the week, never triaged: overdue since S-28 h, before the week.
// R3 CRITICAL: filed +20 h, triaged +22 h (2 h), handed on +23 h, accepted +24 h, resolved +30 h.
// R4 LOW: filed +100 h, waiting.
const REQUESTS: Array<[ReportRequest, ReportEvent[]]> = [
  [
    request("R1", "HIGH", 1),
    history([
      ["submit", null, "NEW", 1],
      ["triage", "NEW", "TRIAGED", 6],
      ["assign", "TRIAGED", "ASSIGNED", 8, "c-alpha"],
      ["accept", "ASSIGNED", "IN_PROGRESS", 10, "c-alpha"],
    ]),
  ],
  [request("R2", "NORMAL", -100), history([["submit", null, "NEW", -100]])],
  [
    request("R3", "CRITICAL", 20),
    history([
      ["submit", null, "NEW", 20],
      ["triage", "NEW", "TRIAGED", 22],
      ["assign", "TRIAGED", "ASSIGNED", 23, "c-alpha"],
      ["accept", "ASSIGNED", "IN_PROGRESS", 24, "c-alpha"],
      ["resolve", "IN_PROGRESS", "RESOLVED", 30, "c-alpha"],
    ]),
  ],
  [request("R4", "LOW", 100), history([["submit", null, "NEW", 100]])],
];

function tallied(scope: Parameters<typeof inReportScope>[0]) {
  const range = reportRange(W13, NOW);
  const tally = new WeeklyTally(range, scope);
  for (const [req, events] of REQUESTS) {
    const facts = requestWeekFacts(req, events, range);
    if (inReportScope(scope, facts)) tally.add({ request: req, facts });
  }
  return tally.result({ week: W13, scope, now: NOW, clusters: CLUSTERS });
}

describe("the week's figures", () => {
  const report = tallied({ kind: "all" });

  it("count the flow, the backlog at the week's end and its ages", () => {
    expect(report).toMatchObject({ week: "2026-W13", start: h(0), end: h(167), asOf: h(167), complete: true });
    expect(report.flow).toEqual({ opened: 3, triaged: 2, assigned: 2, accepted: 2, resolved: 1, closed: 0, rejected: 0, duplicates: 0 });
    expect(report.backlog).toMatchObject({ total: 3, overdue: 1, byCluster: { "c-alpha": 1, none: 2 }, byRegion: { "UA-30": 3 } });
    expect(report.backlog.byStatus).toMatchObject({ NEW: 2, IN_PROGRESS: 1, RESOLVED: 0 });
    // Ages at the week's end: R1 166 h, R2 267 h, R4 67 h.
    expect(report.backlog.byAge).toEqual({ lt1d: 0, "1to3d": 1, "3to7d": 1, "7to14d": 1, "14to30d": 0, "30dplus": 0 });
    expect(report.changes).toEqual({ newRequests: 3, stateChanges: 7, newlyOverdue: 0, resolved: 1 });
  });

  it("measure speed by median and 90th percentile, and SLA shares", () => {
    expect(report.speed.toTriage).toEqual({ n: 2, medianHours: 3.5, p90Hours: expect.closeTo(4.7, 10) });
    expect(report.speed.toResolve).toEqual({ n: 1, medianHours: 10, p90Hours: 10 });
    expect(report.sla).toEqual({ triage: { n: 2, within: 2, share: 1 }, resolve: { n: 1, within: 1, share: 1 } });
  });

  it("list every active cluster by name, with zeroes if need be, and requests without a cluster last", () => {
    expect(report.clusters.map((c) => c.slug)).toEqual(["alpha", "beta", null]);
    expect(report.clusters[0]).toMatchObject({ backlog: 1, newRequests: 2, assigned: 2, accepted: 2, resolved: 1, stateChanges: 5 });
    expect(report.clusters[1]).toMatchObject({ backlog: 0, newRequests: 0, stateChanges: 0, sla: { triage: { n: 0, within: 0, share: null } } });
    expect(report.clusters[2]).toMatchObject({ clusterId: null, backlog: 2, overdue: 1, newRequests: 1, stateChanges: 2 });
  });

  it("for one cluster, take only the requests it held or acted on", () => {
    const alpha = tallied({ kind: "cluster", clusterId: "c-alpha" });
    expect(alpha.flow.opened).toBe(2);
    expect(alpha.backlog.total).toBe(1);
    expect(alpha.clusters.map((c) => c.slug)).toEqual(["alpha", null]);
  });
});

describe("percentile and age buckets", () => {
  it("interpolate between closest ranks like Excel's PERCENTILE.INC", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
  });

  it("put an age exactly on a limit into the older bucket", () => {
    expect(ageBucket(24 * HOUR - 1)).toBe("lt1d");
    expect(ageBucket(24 * HOUR)).toBe("1to3d");
    expect(ageBucket(30 * 24 * HOUR)).toBe("30dplus");
  });
});
