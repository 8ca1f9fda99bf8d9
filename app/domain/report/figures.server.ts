// The week's figures of a scope: its requests read a page at a time from one snapshot
// (app/data/report-snapshot.server.ts), each replayed into its week facts (week-facts.ts) and added up
// (tally.ts). The files (xlsx.server.ts, csv.server.ts) read their requests the same way.
import type { Locale } from "~/i18n/locale";
import type { IsoWeek } from "../sla/iso-week";
import type { SlaTargets } from "../sla/sla";
import { slaTargets as configuredSlaTargets } from "../sla/sla-config.server";
import type { Action } from "../requests/state-machine";
import type { Urgency } from "../taxonomy";
import { type ReportSnapshot, type RequestColumns, type RequestKey, withReportSnapshot } from "~/data/report-snapshot.server";
import { type WeeklyReport, WeeklyTally } from "./tally";
import { REPORT_PAGE_SIZE, type ReportScope, type SensitiveAccess, type WeeklyReportOptions } from "./types";
import { type ReportRange, type ScopedRequest, inReportScope, reportRange, requestWeekFacts } from "./week-facts";

/**
 * One report or file being made: its options with the defaults filled in and its time range
 * worked out once, so that every part of a file is taken at the same instant.
 */
export type ReportRun = {
  week: IsoWeek;
  scope: ReportScope;
  sensitive: SensitiveAccess;
  locale: Locale;
  now: Date;
  range: ReportRange;
  targets: SlaTargets;
  pageSize: number;
  onProgress: WeeklyReportOptions["onProgress"];
};

export function reportRun(options: WeeklyReportOptions): ReportRun {
  const now = options.now ?? new Date();
  return {
    week: options.week,
    scope: options.scope,
    sensitive: options.sensitive ?? "none",
    locale: options.locale ?? "uk",
    now,
    range: reportRange(options.week, now),
    targets: options.targets ?? configuredSlaTargets,
    pageSize: options.pageSize ?? REPORT_PAGE_SIZE,
    onProgress: options.onProgress,
  };
}

/**
 * The scope's requests filed before the week's end, in the order they were filed, a page at a
 * time (with `only`, just the requests stored at those rowids). Between pages the event loop
 * gets a turn, so a report over many requests never holds up the server's other requests.
 */
export async function* scopedRequestPages(
  snapshot: ReportSnapshot,
  run: ReportRun,
  columns: RequestColumns = "row",
  only: readonly RequestKey[] | null = null,
): AsyncGenerator<ScopedRequest[]> {
  const { range, targets, pageSize, scope } = run;
  let page: ScopedRequest[] = [];
  let seen = 0;
  const clusterId = scope.kind === "cluster" ? scope.clusterId : null;
  for await (const read of snapshot.requestPages(range.end, { clusterId, pageSize, columns, only })) {
    for (const { request, events } of read) {
      const facts = requestWeekFacts(request, events, range, targets);
      if (inReportScope(scope, facts)) page.push({ request, facts });
      if (++seen % pageSize === 0) {
        yield page;
        page = [];
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  if (page.length) yield page;
}

/**
 * The week's figures for a scope (no rows kept: one pass over the requests, page by page).
 * With `onlyChangedBy`, only the requests with a change of one of those actions during the week
 * are read: the figures that count nothing else (SLA: a first triage or resolution in the week)
 * come out the same, the others do not.
 */
export async function buildWeeklyReport(options: WeeklyReportOptions & { onlyChangedBy?: readonly Action[] }): Promise<WeeklyReport> {
  const { tally, run, clusters } = await weeklyTally(options);
  return tally.result({ week: run.week, scope: run.scope, now: run.now, clusters });
}

/**
 * `buildWeeklyReport`'s tally before it becomes a report, with the clusters it was read with
 * and, with `onlyChangedBy`, the urgency each request it read had then (by id): the one thing
 * about them that can still change and alter the figures (see dashboard-history.server.ts).
 */
export async function weeklyTally(options: WeeklyReportOptions & { onlyChangedBy?: readonly Action[] }) {
  const run = reportRun(options);
  return withReportSnapshot(async (snapshot) => {
    const tally = new WeeklyTally(run.range, run.scope);
    const only = options.onlyChangedBy
      ? await snapshot.requestsChangedIn({ start: run.range.start, end: run.range.end, actions: options.onlyChangedBy })
      : null;
    const urgencies = new Map<string, Urgency>();
    for await (const page of scopedRequestPages(snapshot, run, "figures", only)) {
      for (const item of page) {
        tally.add(item);
        if (only) urgencies.set(item.request.id, item.request.urgency);
      }
    }
    return { tally, run, clusters: await snapshot.clusters(), urgencies };
  });
}
