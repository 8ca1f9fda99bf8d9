// Applies a state-machine plan to a stored request: one status update guarded by `version`
// (optimistic locking) and exactly one audit event, in the caller's transaction.
import type { Tx } from "~/utils/db.server";
import { TransitionError } from "./errors";
import { enqueueForTransition } from "./notifications.server";
import { adoptEnterpriseDetailsInTx } from "./enterprises.server";
import { type FieldChange, fieldChanges } from "./field-changes";
import { requestKeys } from "./request-keys";
import { markUnreadInTx } from "./unread.server";
import { acceptDueAt, slaDueTimes, slaPauseChange } from "./sla";
import { slaTargets } from "./sla-config.server";
import { type Action, type Actor, type TransitionInput, planTransition } from "./state-machine";

export type TransitionOptions = {
  requestId: string;
  action: Action;
  actor: Actor;
  input?: TransitionInput;
  /** The version the actor saw; a different stored version means someone acted meanwhile. */
  expectedVersion?: number;
  now?: Date;
};

export async function transitionRequestInTx(tx: Tx, options: TransitionOptions) {
  const { requestId, action, actor, input = {}, expectedVersion, now = new Date() } = options;
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
      slaPausedAt: true,
      slaPausedMs: true,
      notAcceptedInTime: true,
    },
  });
  if (!request) throw new TransitionError("NOT_FOUND");
  if (expectedVersion !== undefined && expectedVersion !== request.version) throw new TransitionError("CONFLICT");

  const plan = planTransition(action, actor, request, input);
  if (!plan.ok) throw new TransitionError(plan.reason);
  // A request is only ever handed to a cluster that exists and is active, whichever page asks.
  if (action === "assign") {
    const cluster = await tx.cluster.findFirst({ where: { id: input.clusterId!, active: true }, select: { id: true } });
    if (!cluster) throw new TransitionError("CLUSTER_REQUIRED");
  }

  const pause = slaPauseChange(request, plan.from, plan.to, now);
  const triage = action === "triage" ? input.triage : undefined;
  const urgency = triage?.urgency ?? request.urgency;
  const stamps = Object.fromEntries(plan.stamps.map((field) => [field, now]));
  const clears = Object.fromEntries(plan.clears.map((field) => [field, null]));
  const clusterId = action === "assign" ? input.clusterId! : plan.releasesCluster ? null : request.assignedClusterId;

  const dueTimes = slaDueTimes({ createdAt: request.createdAt, urgency, slaPausedMs: pause.slaPausedMs }, slaTargets);
  const triagedAt = plan.stamps.includes("triagedAt") ? now : request.triagedAt;
  const lapsed = action === "acceptTimeout" ? true : action === "assign" ? false : request.notAcceptedInTime;
  // What the event records field by field: triage's corrections, or the registry's changes.
  let changes: FieldChange[] = triage ? fieldChanges(request, triage, ["category", "urgency"]) : [];
  if (action === "adoptEnterpriseDetails") {
    changes = await adoptEnterpriseDetailsInTx(tx, { requestId: request.id, now });
    if (!changes.length) throw new TransitionError("NOTHING_TO_CHANGE");
  }
  const updated = await tx.request.updateMany({
    where: { id: request.id, version: request.version },
    data: {
      status: plan.to,
      ...requestKeys({ status: plan.to, urgency, triagedAt, ...dueTimes, notAcceptedInTime: lapsed }),
      version: { increment: 1 },
      // Asking "still needed?" is not activity; anything else is, and answers the question.
      lastActivityAt: action === "askStillNeeded" ? undefined : now,
      stillNeededAskedAt: action === "askStillNeeded" ? now : null,
      ...clears,
      ...stamps,
      assignedClusterId: clusterId,
      // The clock for the cluster to accept runs only while the request waits in ASSIGNED.
      acceptDueAt: plan.to !== "ASSIGNED" ? null : action === "assign" ? acceptDueAt(now, urgency, slaTargets) : undefined,
      notAcceptedInTime: lapsed,
      ...pause,
      ...dueTimes,
      ...(action === "markDuplicate" ? { duplicateOfId: input.duplicateOfId } : {}),
      ...(triage
        ? { category: triage.category, urgency, ownerId: triage.ownerId }
        : {}),
    },
  });
  if (updated.count !== 1) throw new TransitionError("CONFLICT");

  const event = await tx.requestEvent.create({
    data: {
      requestId: request.id,
      action,
      actorType: actor.type,
      actorUserId: actor.type === "USER" ? actor.userId : null,
      fromStatus: plan.changesStatus ? plan.from : null,
      toStatus: plan.changesStatus ? plan.to : null,
      clusterId: action === "assign" ? input.clusterId : request.assignedClusterId,
      message: input.message?.trim() || null,
      changes: changes.length ? JSON.stringify(changes) : null,
      visibility: plan.visibility,
      createdAt: now,
    },
    select: { id: true },
  });
  // The enterprise's activity after filing is "unread" for everyone looking after the request.
  if (actor.type === "ENTERPRISE") markUnreadInTx(tx, { requestId: request.id, clusterId, now });
  // The announcement commits or rolls back with the change (the outbox).
  await enqueueForTransition(tx, {
    requestId: request.id,
    action,
    message: input.message,
    changes,
    clusterId: action === "assign" ? input.clusterId : request.assignedClusterId,
    now,
  });
  return { plan, eventId: event.id, version: request.version + 1 };
}
