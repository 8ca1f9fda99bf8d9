// Applies a state-machine plan to a stored request and its lines: one status update guarded by
// `version` (optimistic locking), the lines it changed (each guarded by its own version), and
// exactly one audit event, in the caller's transaction.
import type { Tx } from "~/data/db.server";
import { lockRequestsInTx } from "~/data/requests.server";
import { newId } from "~/utils/ids.server";
import { TransitionError } from "../errors";
import { enqueueForTransition } from "../notifications/notifications.server";
import { adoptEnterpriseDetailsInTx } from "../enterprises/enterprises.server";
import { type FieldChange, fieldChanges } from "./field-changes";
import { type CorrectedRequest, DUE_TIME_FIELDS, correctedSearchText, correctionChanges } from "./request-corrections";
import { requestKeys } from "./request-keys";
import { markUnreadInTx } from "./unread.server";
import { slaDueTimes, slaPauseChange } from "../sla/sla";
import { slaTargets } from "../sla/sla-config.server";
import { type Action, type Actor, FINISHED_STATUSES, OPEN_STATUSES, type Status, type TransitionInput, type TransitionPlan } from "./state-machine";
import { LINE_ACTIONS, linedRequest, planLinedTransition } from "./lines";
import { nextLineRows, requestColumnsFromLines } from "./line-rows";

/** Statuses a request is reopened from (by the enterprise, by staff, or by undoing a merge). */

export type TransitionOptions = {
  requestId: string;
  action: Action;
  actor: Actor;
  input?: TransitionInput;
  /** The line a cluster action acts on (a request of one line needs none), or a join joins away. */
  lineId?: string;
  /** The line a join joins `lineId` into. */
  intoLineId?: string;
  /** The version the actor saw; a different stored version means someone acted meanwhile. */
  expectedVersion?: number;
  /**
   * For a cluster action on a line: the line's version the actor saw. When it is still the line's,
   * a change elsewhere in the request meanwhile (another cluster's line) is no conflict.
   */
  expectedLineVersion?: number;
  now?: Date;
};

/** Actions that leave the request's activity clock and its "still needed?" question alone. */
const NOT_ACTIVITY: ReadonlySet<Action> = new Set(["askStillNeeded", "rotateStatusLink"]);

export async function transitionRequestInTx(tx: Tx, options: TransitionOptions) {
  const { requestId, action, actor, input = {}, lineId, intoLineId, expectedVersion, expectedLineVersion, now = new Date() } = options;
  const request = await tx.request.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      version: true,
      urgency: true,
      category: true,
      createdAt: true,
      triagedAt: true,
      assignedClusterId: true,
      ownerId: true,
      infoAskedFrom: true,
      slaPausedAt: true,
      slaPausedMs: true,
      triageDueAt: true,
      resolveDueAt: true,
      acceptDueAt: true,
      duplicateOfId: true,
      lines: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          status: true,
          clusterId: true,
          assignedAt: true,
          acceptedAt: true,
          resolvedAt: true,
          acceptDueAt: true,
          notAcceptedInTime: true,
          version: true,
        },
      },
    },
  });
  if (!request) throw new TransitionError("NOT_FOUND");
  // A merge, or its undoing, changes the original too: both rows are locked first, in one order.
  const otherOfMerge = action === "markDuplicate" ? input.duplicateOfId : action === "unmerge" ? request.duplicateOfId : null;
  if (otherOfMerge) await lockRequestsInTx(tx, [request.id, otherOfMerge]);
  if (expectedVersion !== undefined && expectedVersion !== request.version) {
    // A cluster action on a line the actor saw as it still is goes ahead (decision 055): the
    // state machine still decides on the request as it is now.
    const seen = LINE_ACTIONS.includes(action) && expectedLineVersion !== undefined ? request.lines.find((line) => line.id === lineId) : undefined;
    if (!seen || seen.version !== expectedLineVersion) throw new TransitionError("CONFLICT");
  }

  // A bulk hand-over moves a request only while it is still the person's it was read as.
  if (input.expectedOwnerId !== undefined && input.expectedOwnerId !== request.ownerId) throw new TransitionError("CONFLICT");

  // The request is decided on with its lines: its status is the one rule's, derived from its
  // phase and its lines (lines.ts; decision 055).
  const indexOf = (id: string | undefined) => (id === undefined ? undefined : request.lines.findIndex((each) => each.id === id));
  const plan = planLinedTransition(action, actor, linedRequest(request, request.lines), { ...input, line: indexOf(lineId), intoLine: indexOf(intoLineId) });
  if (!plan.ok) throw new TransitionError(plan.reason);
  // A request is only ever handed to a cluster that exists and is active, whichever page asks.
  if (action === "assign") {
    const cluster = await tx.cluster.findFirst({ where: { id: input.clusterId!, active: true }, select: { id: true } });
    if (!cluster) throw new TransitionError("CLUSTER_REQUIRED");
  }

  const pause = slaPauseChange(request, plan.from, plan.to, now);
  const triage = action === "triage" ? input.triage : undefined;
  const correction = action === "edit" ? await correctionInTx(tx, request.id, input.correction!) : undefined;
  const urgency = triage?.urgency ?? correction?.data.urgency ?? request.urgency;
  // The request's own stamps (triage, the end); those about clusters are its lines'.
  const ownStamp = (field: string) => field === "triagedAt" || field === "closedAt";
  const stamps = Object.fromEntries(plan.stamps.filter(ownStamp).map((field) => [field, now]));
  const clears = Object.fromEntries(plan.clears.filter(ownStamp).map((field) => [field, null]));
  const ownerId = await nextOwnerInTx(tx, { plan, request, actor, input, triage });

  const clocks = slaDueTimes({ createdAt: request.createdAt, urgency, slaPausedMs: pause.slaPausedMs }, slaTargets);
  // The triage clock stops at triage: a later wait on the enterprise pauses the resolution clock only.
  const dueTimes = { ...clocks, triageDueAt: request.triagedAt && request.triageDueAt ? request.triageDueAt : clocks.triageDueAt };
  const triagedAt = plan.stamps.includes("triagedAt") ? now : request.triagedAt;
  const reopened = plan.changesStatus && FINISHED_STATUSES.includes(plan.from as Status) && OPEN_STATUSES.includes(plan.to);
  // A split's new line, waiting for its cluster, after the others.
  const added = plan.next.lines.slice(request.lines.length).map((_, i) => ({
    id: newId(now.getTime()),
    position: (request.lines.at(-1)?.position ?? 0) + 1 + i,
    status: "OPEN" as const,
    clusterId: null,
    assignedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    acceptDueAt: null,
    notAcceptedInTime: false,
    version: 0,
  }));
  const lines = [...request.lines, ...added];
  const lineRows = nextLineRows(lines, {
    action,
    plan,
    now,
    urgency: { before: request.urgency, after: urgency },
    pausedMs: { before: request.slaPausedMs, after: pause.slaPausedMs },
    reopened,
    targets: slaTargets,
  });
  const fromLines = requestColumnsFromLines(lineRows);
  const actedLine = plan.line === null ? null : lines[plan.line]!;
  // A merge's other request: the original (markDuplicate, unmerge) or the duplicate (on the original).
  const related = action === "markDuplicate" ? input.duplicateOfId! : action === "unmerge" ? request.duplicateOfId : (input.mergedRequestId ?? null);
  // What the event records field by field: triage's or a correction's changes (and the due
  // times a changed urgency moved), or the registry's changes.
  let changes: FieldChange[] = triage ? fieldChanges(request, triage, ["category", "urgency"]) : (correction?.changes ?? []);
  if (urgency !== request.urgency) {
    const due = (r: { triageDueAt: Date | null; resolveDueAt: Date | null; acceptDueAt: Date | null }) => ({
      triageDueAt: r.triageDueAt?.toISOString(),
      resolveDueAt: r.resolveDueAt?.toISOString(),
      acceptDueAt: r.acceptDueAt?.toISOString(),
    });
    changes = [...changes, ...fieldChanges(due(request), due({ ...dueTimes, acceptDueAt: fromLines.acceptDueAt }), DUE_TIME_FIELDS)];
  }
  if (ownerId !== request.ownerId) changes = [...changes, { field: "owner", from: request.ownerId, to: ownerId }];
  // A split names its new line's number; a join, the line joined and the one it went into.
  if (action === "splitLine") changes = [...changes, { field: "line", from: null, to: String(actedLine!.position) }];
  if (action === "joinLines")
    changes = [...changes, { field: "line", from: String(actedLine!.position), to: String(request.lines[indexOf(intoLineId)!]!.position) }];
  if (action === "edit" && !changes.length) throw new TransitionError("NOTHING_TO_CHANGE");
  if (action === "adoptEnterpriseDetails") {
    changes = await adoptEnterpriseDetailsInTx(tx, { requestId: request.id, now });
    if (!changes.length) throw new TransitionError("NOTHING_TO_CHANGE");
  }
  const updated = await tx.request.updateMany({
    where: { id: request.id, version: request.version },
    data: {
      status: plan.to,
      ...requestKeys({ status: plan.to, urgency, triagedAt, ...dueTimes, notAcceptedInTime: fromLines.notAcceptedInTime }),
      version: { increment: 1 },
      // Asking "still needed?" is not activity, nor is a new status link (anyone who knows the
      // reference and the e-mail can ask for one); anything else is, and answers the question.
      lastActivityAt: NOT_ACTIVITY.has(action) ? undefined : now,
      stillNeededAskedAt: action === "askStillNeeded" ? now : NOT_ACTIVITY.has(action) ? undefined : null,
      ...clears,
      ...stamps,
      // Its cluster, stamps, time to accept and lapse, as its lines have them.
      ...fromLines,
      // Where the answer to a question takes the request back.
      infoAskedFrom: plan.to !== "NEEDS_INFO" ? null : plan.from !== "NEEDS_INFO" ? plan.from : undefined,
      ...pause,
      ...dueTimes,
      ...(action === "markDuplicate" ? { duplicateOfId: input.duplicateOfId } : action === "unmerge" ? { duplicateOfId: null } : {}),
      ownerId,
      ...(triage ? { category: triage.category, urgency } : {}),
      ...(correction ? correction.data : {}),
    },
  });
  if (updated.count !== 1) throw new TransitionError("CONFLICT");
  // Its category and details are its first line's: triage and corrections change both.
  const filed = triage
    ? { category: triage.category }
    : correction
      ? { category: correction.data.category, details: correction.data.details, sensitiveDetails: correction.data.sensitiveDetails }
      : undefined;
  for (const [index, stored] of lines.entries()) {
    const next = lineRows[index]!;
    if (index >= request.lines.length) {
      const { id, position } = stored;
      await tx.requestLine.create({
        data: {
          id,
          requestId: request.id,
          position,
          category: input.newLine!.category,
          summary: input.newLine!.summary.trim(),
          ...next,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      });
      continue;
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((field) => !sameValue(next[field], stored[field]));
    const refiled = index === 0 && filed !== undefined;
    if (!changed && !refiled) continue;
    const written = await tx.requestLine.updateMany({
      where: { id: stored.id, version: stored.version },
      data: { ...next, ...(refiled ? filed : {}), version: { increment: 1 }, updatedAt: now },
    });
    if (written.count !== 1) throw new TransitionError("CONFLICT");
  }

  const event = await tx.requestEvent.create({
    data: {
      requestId: request.id,
      action,
      actorType: actor.type,
      actorUserId: actor.type === "USER" ? actor.userId : null,
      fromStatus: plan.changesStatus ? plan.from : null,
      toStatus: plan.changesStatus ? plan.to : null,
      clusterId: action === "assign" ? input.clusterId : actedLine ? actedLine.clusterId : request.assignedClusterId,
      lineId: actedLine?.id ?? null,
      message: input.message?.trim() || null,
      changes: changes.length ? JSON.stringify(changes) : null,
      relatedRequestId: related,
      visibility: plan.visibility,
      createdAt: now,
    },
    select: { id: true },
  });
  // The enterprise's activity after filing is "unread" for everyone looking after the request.
  if (actor.type === "ENTERPRISE") await markUnreadInTx(tx, { requestId: request.id, clusterIds: clustersOf(lineRows), now });
  // The announcement commits or rolls back with the change (the outbox).
  await enqueueForTransition(tx, {
    requestId: request.id,
    action,
    message: input.message,
    changes,
    clusterId: action === "assign" ? input.clusterId : actedLine ? actedLine.clusterId : request.assignedClusterId,
    lineClusterIds: clustersOf(request.lines),
    now,
  });
  // A merge, or its undoing, is recorded on the original too, in the same transaction.
  if (plan.onOriginal && related) {
    await transitionRequestInTx(tx, { requestId: related, action: plan.onOriginal, actor, input: { mergedRequestId: request.id }, now });
  }
  return { plan, eventId: event.id, version: request.version + 1 };
}

/** The clusters holding a request's lines still counted, each once. */
function clustersOf(lines: ReadonlyArray<{ status: string; clusterId: string | null }>) {
  return [...new Set(lines.flatMap((line) => (line.status !== "CANCELLED" && line.clusterId ? [line.clusterId] : [])))];
}

/** Whether a column's value is unchanged (dates compared to the millisecond). */
function sameValue(a: unknown, b: unknown) {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * Who owns the request after this transition. Every request has an owner from triage on: a
 * triage (or an assignment straight from NEW) keeps the owner it names, else the one the request
 * already has (someone took it), else the person triaging. "Take it" makes the actor the owner; a
 * hand-over, the person it names, who must be active staff.
 */
async function nextOwnerInTx(
  tx: Tx,
  {
    plan,
    request,
    actor,
    input,
    triage,
  }: { plan: TransitionPlan; request: { ownerId: string | null }; actor: Actor; input: TransitionInput; triage?: TransitionInput["triage"] },
) {
  const actorId = actor.type === "USER" ? actor.userId : null;
  let ownerId = request.ownerId;
  if (plan.setsOwner === "ACTOR") ownerId = actorId;
  else if (plan.setsOwner === "INPUT") ownerId = input.ownerId ?? null;
  else if (plan.stamps.includes("triagedAt")) ownerId = triage?.ownerId ?? request.ownerId ?? actorId;
  if (ownerId !== request.ownerId && ownerId !== null) {
    const staff = await tx.user.findFirst({ where: { id: ownerId, active: true, role: { in: ["COORDINATOR", "ADMIN"] } }, select: { id: true } });
    if (!staff) throw new TransitionError("OWNER_REQUIRED");
  }
  return ownerId;
}

/** A correction of a stored request: the columns it writes (search text included) and what changed. */
async function correctionInTx(tx: Tx, requestId: string, corrected: CorrectedRequest) {
  const stored = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      reference: true,
      enterpriseName: true,
      contactName: true,
      phone: true,
      email: true,
      region: true,
      city: true,
      sector: true,
      naceClass: true,
      category: true,
      urgency: true,
      title: true,
      description: true,
      neededBy: true,
      details: true,
      sensitiveDetails: true,
      enterprise: { select: { edrpou: true } },
    },
  });
  const { reference, enterprise, ...before } = stored;
  return {
    data: { ...corrected, searchText: correctedSearchText({ reference, edrpou: enterprise.edrpou }, corrected) },
    changes: correctionChanges(before, corrected),
  };
}
