// The timed rules, in one place: an assignment not accepted in time goes back to the
// coordinators; a resolved request nobody confirms closes by itself; a request with no
// activity asks the enterprise "still needed?" and closes as stale if nobody answers.
// Each rule is a state-machine transition guarded by the version it read, so running the
// jobs twice, or two runners at once, changes nothing twice; with several server processes on
// one database, each window's jobs run in the one that claims it (claimWindow). Once a week has
// closed, its report files are written and stored, each once (report/issued.server.ts).
import { hostname } from "node:os";
import { db, writeTransaction } from "~/data/db.server";
import { claimTick, pruneTicks } from "~/data/scheduler-ticks.server";
import { env } from "~/config/env.server";
import { pruneSessions } from "./auth/auth.server";
import { TransitionError } from "./errors";
import { sendDueDigests } from "./notifications/digest.server";
import { sweepFiles } from "./files/sweep.server";
import { deliverDueNotifications } from "./notifications/notifications.server";
import { issueClosedWeekReports } from "./report/issued.server";
import { transitionRequestInTx } from "./requests/request-transition.server";
import { type Action, OPEN_STATUSES } from "./requests/state-machine";

const DAY = 24 * 60 * 60 * 1000;

type SchedulerSettings = {
  /** RESOLVED with no answer from the enterprise for this long → CLOSED. */
  autoCloseAfterMs: number;
  /** No activity for this long → ask "still needed?". */
  staleAfterMs: number;
  /** No answer to "still needed?" for this long → closed as stale. */
  staleCloseAfterMs: number;
};

const schedulerSettings: SchedulerSettings = {
  autoCloseAfterMs: env.AUTO_CLOSE_DAYS * DAY,
  staleAfterMs: env.STALE_AFTER_DAYS * DAY,
  staleCloseAfterMs: env.STALE_CLOSE_DAYS * DAY,
};

const BATCH = 200;

/** A request to change, as read; with `lineId`, the line a cluster action is for. */
type Candidate = { id: string; version: number; lineId?: string };

async function applyToEach(candidates: Candidate[], action: Action, now: Date) {
  let changed = 0;
  for (const candidate of candidates) {
    try {
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, {
          requestId: candidate.id,
          lineId: candidate.lineId,
          action,
          actor: { type: "SYSTEM" },
          expectedVersion: candidate.version,
          now,
        }),
      );
      changed += 1;
    } catch (error) {
      // Someone (a person or another runner) changed it since we looked: nothing to do.
      if (error instanceof TransitionError) continue;
      throw error;
    }
  }
  return changed;
}

const pick = { id: true, version: true } as const;

export async function runScheduledJobs({ now = new Date(), settings = schedulerSettings } = {}) {
  // Each line whose cluster has not accepted in time, on a request in work (a question to the
  // enterprise pauses the time to accept): it lapses on its own (decision 055).
  const notAccepted = (
    await db.requestLine.findMany({
      where: { status: "ASSIGNED", acceptDueAt: { lte: now }, request: { status: { in: ["ASSIGNED", "IN_PROGRESS"] } } },
      select: { id: true, request: { select: pick } },
      take: BATCH,
    })
  ).map((line) => ({ ...line.request, lineId: line.id }));
  const unconfirmed = await db.request.findMany({
    where: { status: "RESOLVED", resolvedAt: { lte: new Date(now.getTime() - settings.autoCloseAfterMs) } },
    select: pick,
    take: BATCH,
  });
  const staleToClose = await db.request.findMany({
    where: {
      status: { in: [...OPEN_STATUSES] },
      stillNeededAskedAt: { lte: new Date(now.getTime() - settings.staleCloseAfterMs) },
    },
    select: pick,
    take: BATCH,
  });
  const result = {
    notAcceptedInTime: await applyToEach(notAccepted, "acceptTimeout", now),
    autoClosed: await applyToEach(unconfirmed, "autoClose", now),
    closedAsStale: await applyToEach(staleToClose, "closeStale", now),
    askedStillNeeded: 0,
  };
  // Asked after the closing pass, so a question is never asked and closed in the same run.
  const inactive = await db.request.findMany({
    where: {
      status: { in: [...OPEN_STATUSES] },
      stillNeededAskedAt: null,
      lastActivityAt: { lte: new Date(now.getTime() - settings.staleAfterMs) },
    },
    select: pick,
    take: BATCH,
  });
  result.askedStillNeeded = await applyToEach(inactive, "askStillNeeded", now);
  // After 08:00 Kyiv, each person's daily digest (once a day), then the outbox: what the rules
  // above (and everyone's actions since the last run) announced.
  const digests = await sendDueDigests({ now });
  const delivered = await deliverDueNotifications({ now });
  const pruned = await pruneSessions(now);
  const files = await sweepFiles({ now });
  // Last: a closed week's files take seconds each at scale, and nothing above waits for them.
  return { ...result, digests, notifications: delivered, pruned, files, reports: await issueClosedWeekReports({ now }) };
}

let timer: ReturnType<typeof setInterval> | undefined;
let running = false;

/** This process, as the scheduler's windows name it. */
const RUNNER = `${hostname()}:${process.pid}`;

/** How long a window's claim is kept (then deleted by the jobs). */
const TICKS_KEPT_MS = 7 * DAY;

/**
 * Claims the window of `intervalMs` holding `now` for this process. With several server
 * processes on one database each window's jobs run in the first to claim it; the others skip it.
 * (Each rule would change a request once anyway; the claim saves the others the reading, and
 * makes "once per window" a fact instead of a race.)
 */
export async function claimWindow(now: Date, intervalMs: number): Promise<boolean> {
  const tick = new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
  return writeTransaction(function* () {
    if (!(yield* claimTick({ tick, runner: RUNNER, startedAt: now }))) return false;
    yield* pruneTicks(new Date(now.getTime() - TICKS_KEPT_MS));
    return true;
  });
}

/** Runs the jobs every SCHEDULER_INTERVAL_SECONDS inside the server process (0 turns it off). */
export function startScheduler() {
  if (timer || env.SCHEDULER_INTERVAL_SECONDS === 0) return;
  const intervalMs = env.SCHEDULER_INTERVAL_SECONDS * 1000;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      if (await claimWindow(now, intervalMs)) await runScheduledJobs({ now });
    } catch (error) {
      console.error("scheduled jobs failed", error);
    } finally {
      running = false;
    }
  };
  timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
}
