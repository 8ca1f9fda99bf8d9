// Who owns a request, as the admin changes it for a person who leaves or is away: every
// unfinished request they own handed to a colleague in one action, each through the state
// machine (one `handOver` event per request, as if the admin had handed each over by hand).
import { db } from "~/data/db.server";
import { recordAdminChange } from "../admin/audit.server";
import { type Refused, TransitionError, refuse } from "../errors";
import { transitionRequest } from "./requests.server";
import { type Actor, UNFINISHED_STATUSES } from "./state-machine";

/** The roles that may own requests: the Centre's own staff. */
const OWNER_ROLES = ["COORDINATOR", "ADMIN"] as const;

/** Staff who may be given requests now: active coordinators and admins, by name. */
export function listOwnerChoices() {
  return db.user.findMany({
    where: { active: true, role: { in: [...OWNER_ROLES] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** How many unfinished requests a person owns. */
export function countOwnedRequests(userId: string) {
  return db.request.count({ where: { ownerId: userId, status: { in: [...UNFINISHED_STATUSES] } } });
}

/**
 * An administrative change as an audit log records it: who, what, whom, before → after. The
 * hand-over of all of a person's requests is one such change (and one event on each request).
 */
export type AdminChange = {
  actorId: string;
  action: "handOverRequests";
  targetUserId: string;
  before: { ownerId: string; openRequests: number };
  after: { ownerId: string; moved: number; skipped: number };
};

export type HandOverAllRefusal = Refused<"notFound" | "sameUser" | "ownerRequired">;

/**
 * Hands every unfinished request `fromUserId` owns to `toUserId` (an active coordinator or admin),
 * with the admin's note, each request in its own transaction through the state machine. A request
 * someone else took or finished meanwhile is left alone and counted as skipped.
 */
export async function handOverAllRequests({
  admin,
  fromUserId,
  toUserId,
  note,
  now = new Date(),
}: {
  admin: { id: string };
  fromUserId: string;
  toUserId: string;
  note: string;
  now?: Date;
}): Promise<{ ok: true; moved: number; skipped: number; change: AdminChange } | HandOverAllRefusal> {
  const from = await db.user.findUnique({ where: { id: fromUserId }, select: { id: true, email: true } });
  if (!from) return refuse("notFound");
  if (toUserId === fromUserId) return refuse("sameUser", "toUserId");
  const to = await db.user.findFirst({ where: { id: toUserId, active: true, role: { in: [...OWNER_ROLES] } }, select: { id: true, email: true } });
  if (!to) return refuse("ownerRequired", "toUserId");

  const owned = await db.request.findMany({
    where: { ownerId: fromUserId, status: { in: [...UNFINISHED_STATUSES] } },
    orderBy: { reference: "asc" },
    select: { id: true },
  });
  const actor: Actor = { type: "USER", userId: admin.id, role: "ADMIN", clusterId: null };
  let moved = 0;
  for (const request of owned) {
    try {
      await transitionRequest({
        requestId: request.id,
        action: "handOver",
        actor,
        // Only while it is still theirs: a request taken by someone else meanwhile stays with them.
        input: { ownerId: toUserId, expectedOwnerId: fromUserId, message: note },
        now,
      });
      moved += 1;
    } catch (error) {
      if (!(error instanceof TransitionError)) throw error;
    }
  }
  const skipped = owned.length - moved;
  // The admin's record (decision 027): one entry for the whole hand-over once it has moved
  // anything; each request's own timeline has its handOver event, written with its move.
  if (moved > 0) {
    await db.$transaction((tx) =>
      recordAdminChange(tx, {
        actorUserId: admin.id,
        action: "request.handOverAll",
        subjectType: "request",
        subjectId: fromUserId,
        subjectLabel: from.email,
        before: { owner: from.email, openRequests: owned.length },
        after: { owner: to.email, moved, skipped, note },
        now,
      }),
    );
  }
  return {
    ok: true,
    moved,
    skipped,
    change: {
      actorId: admin.id,
      action: "handOverRequests",
      targetUserId: fromUserId,
      before: { ownerId: fromUserId, openRequests: owned.length },
      after: { ownerId: toUserId, moved, skipped },
    },
  };
}
