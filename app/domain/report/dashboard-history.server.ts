// What the dashboard shows of finished weeks — eleven weeks of opened and resolved, and last
// week's SLA per cluster — kept in memory between loads while nothing they count has changed.
// A finished week's figures come from the audit trail before its end (append-only), from when
// its requests were filed (never changes) and from their urgency now (a triage or a correction
// may change it). So before each use, the changes written since the figures were worked out are
// looked at (by rowid: only the new rows): a request or change dated before the current week's
// start, or a new urgency on a request the SLA figures counted, and they are worked out afresh.
// Every change to a request writes its event in the same transaction (the executor's rule), so
// a new urgency always comes with a new event. On PostgreSQL, which has no rowid, triggers note
// each write that could change a finished week (one dated more than a minute before it was
// written, a new urgency, a removal), and any new note means working them out afresh; figures
// worked out in a week's first minutes are not kept there, since a change dated just before the
// week's start may still be on its way to a commit. Cluster names are read at every load.
import { type ChangeMarks, allClusters, atOneMoment, changeMarks, changesSince, countChanges, countFiled, filedBeforeSince } from "~/data/dashboard.server";
import type { Work } from "~/data/sql";
import { type IsoWeek, formatIsoWeek, isoWeekRange, shiftIsoWeek } from "../sla/iso-week";
import type { SlaTargets } from "../sla/sla";
import type { Urgency } from "../taxonomy";
import { weeklyTally } from "./figures.server";
import type { WeeklyTally } from "./tally";
import type { ReportCluster } from "./types";

export type WeekFlow = { week: string; opened: number; resolved: number };

/** The week's opened (filed in it) and resolved ("resolve" changes in it), as the weekly report counts its flow. */
export function weekFlow(week: IsoWeek): Promise<WeekFlow> {
  return atOneMoment(weekFlowWork(week));
}

function* weekFlowWork(week: IsoWeek): Work<WeekFlow> {
  const { start, end } = isoWeekRange(week);
  return { week: formatIsoWeek(week), opened: yield* countFiled(start, end), resolved: yield* countChanges("resolve", start, end) };
}

type History = {
  /** The week running when it was worked out, and the SLA targets it used. */
  current: string;
  targets: SlaTargets | undefined;
  /** What had been written when they were worked out (the last rowids, or PostgreSQL's notes). */
  marks: ChangeMarks;
  flow: WeekFlow[];
  sla: { tally: WeeklyTally; week: IsoWeek; urgencies: Map<string, Urgency> };
};

let kept: History | null = null;

/** A week's first minutes, in which figures worked out on PostgreSQL are not kept (see above). */
const SETTLING_MS = 5 * 60_000;

/** Whether nothing written since `history` was worked out changes it; moves its marks past what was looked at. */
function* stillHolds(history: History, currentStart: Date): Work<boolean> {
  const marks = yield* changeMarks();
  if (marks.kind === "noted" || history.marks.kind === "noted")
    return marks.kind === "noted" && history.marks.kind === "noted" && marks.noted === history.marks.noted;
  const { requests, changes } = marks;
  // Fewer rows than before: another database (a restore).
  if (requests < history.marks.requests || changes < history.marks.changes) return false;
  if (requests > history.marks.requests && (yield* filedBeforeSince(history.marks.requests, currentStart))) return false;
  if (changes > history.marks.changes) {
    for (const { requestId, datedBefore, urgency } of yield* changesSince({ after: history.marks.changes, upTo: changes, before: currentStart })) {
      if (datedBefore) return false;
      const counted = history.sla.urgencies.get(requestId);
      if (counted !== undefined && counted !== urgency) return false;
    }
  }
  history.marks = marks;
  return true;
}

/**
 * The eleven finished weeks of flow before `current`, oldest first, and the tally of the week
 * before `current` read for its SLA figures (dashboard.server.ts), worked out again only when
 * something they count has changed.
 */
export async function finishedWeeks(options: {
  current: IsoWeek;
  weeks: number;
  now: Date;
  targets?: SlaTargets;
  slaActions: readonly ("triage" | "assign" | "resolve")[];
}): Promise<{ flow: WeekFlow[]; slaTally: WeeklyTally; clusters: ReportCluster[] }> {
  const { current, weeks, now, targets, slaActions } = options;
  const currentStart = isoWeekRange(current).start;
  let history = kept;
  if (!history || history.current !== formatIsoWeek(current) || history.targets !== targets || !(await atOneMoment(stillHolds(history, currentStart)))) {
    // The marks first: whatever is written from here on is looked at next time.
    const marks = await atOneMoment(changeMarks());
    const flow = await atOneMoment(
      (function* () {
        const weekly: WeekFlow[] = [];
        for (let i = 0; i < weeks; i++) weekly.push(yield* weekFlowWork(shiftIsoWeek(current, i - weeks)));
        return weekly;
      })(),
    );
    const week = shiftIsoWeek(current, -1);
    const { tally, urgencies } = await weeklyTally({ week, now, targets, scope: { kind: "all" }, onlyChangedBy: slaActions });
    history = { current: formatIsoWeek(current), targets, marks, flow, sla: { tally, week, urgencies } };
    kept = marks.kind === "noted" && now.getTime() - currentStart.getTime() < SETTLING_MS ? null : history;
  }
  return { flow: history.flow, slaTally: history.sla.tally, clusters: await atOneMoment(allClusters()) };
}
