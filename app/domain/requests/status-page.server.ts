// What an enterprise sees and does through its private link.
//
// A merged request's link follows the request it was merged into (to the end of the chain of
// merges) when the same enterprise filed both: the page shows that request's progress and its
// posts act on it. When another enterprise filed the original (a coordinator's mistake, or two
// enterprises with the same need), the page shows nothing of it but its status: the link stays
// on its own request, where the enterprise can still write to the Centre.
import type { Db, Tx } from "~/data/db.server";
import { db } from "~/data/db.server";
import { authorKind } from "./authors";
import { TransitionError } from "../errors";
import type { ReceivedFile } from "../files/receive-upload.server";
import { addEventFilesInTx, storeReceivedFiles } from "../files/request-files.server";
import { parseChanges } from "./field-changes";
import { finalOriginal, requestsMergedInto } from "./merges.server";
import { publicChanges } from "./request-corrections";
import { transitionRequestInTx } from "./request-transition.server";
import { type Action, type Actor, type Status, availableActions } from "./state-machine";
import { hashStatusToken, isWellFormedStatusToken } from "../auth/tokens.server";

type Followed = {
  /** The request the page shows and acts on. */
  id: string;
  /** The link's own request, when the page follows another one it was merged into. */
  mergedFrom: { id: string } | null;
  /** The link's request is merged into another enterprise's request, in this status. */
  mergedElsewhere: { status: Status } | null;
};

/** The request a status link shows and acts on (see the module's comment), or null. */
async function followStatusLink(client: Db | Tx, token: string): Promise<Followed | null> {
  if (!isWellFormedStatusToken(token)) return null;
  const own = await client.request.findUnique({
    where: { statusTokenHash: hashStatusToken(token) },
    select: { id: true, status: true, duplicateOfId: true, enterpriseId: true },
  });
  if (!own) return null;
  if (own.status !== "DUPLICATE") return { id: own.id, mergedFrom: null, mergedElsewhere: null };
  const original = await finalOriginal(client, own);
  if (original.id === own.id) return { id: own.id, mergedFrom: null, mergedElsewhere: null };
  if (original.enterpriseId === own.enterpriseId) return { id: original.id, mergedFrom: { id: own.id }, mergedElsewhere: null };
  return { id: own.id, mergedFrom: null, mergedElsewhere: { status: original.status as Status } };
}

const PUBLIC_EVENT = {
  id: true,
  action: true,
  message: true,
  changes: true,
  createdAt: true,
  toStatus: true,
  actorType: true,
  actor: { select: { role: true } },
} as const;

/** The request behind a status token with its PUBLIC timeline, or null. Never internal events. */
export async function getStatusPage(token: string) {
  const followed = await followStatusLink(db, token);
  if (!followed) return null;
  const request = await db.request.findUniqueOrThrow({
    where: { id: followed.id },
    select: {
      id: true,
      reference: true,
      status: true,
      category: true,
      urgency: true,
      title: true,
      region: true,
      city: true,
      sector: true,
      naceClass: true,
      createdAt: true,
      triageDueAt: true,
      version: true,
      stillNeededAskedAt: true,
      enterpriseName: true,
      enterpriseId: true,
      // What the state machine needs to say which actions are the enterprise's now (not shown).
      triagedAt: true,
      assignedClusterId: true,
      infoAskedFrom: true,
      events: { where: { visibility: "PUBLIC" }, orderBy: { createdAt: "asc" }, select: PUBLIC_EVENT },
      // Its needs, each with its own state (decision 055); lines joined away are not shown.
      lines: { where: { status: { not: "CANCELLED" } }, orderBy: { position: "asc" }, select: { position: true, category: true, summary: true, status: true } },
    },
  });
  // The public entries of the requests merged into this one that the same enterprise filed.
  const merged = (await requestsMergedInto(db, request.id)).filter((m) => m.enterpriseId === request.enterpriseId);
  const mergedEvents = merged.length
    ? await db.requestEvent.findMany({
        where: { requestId: { in: merged.map((m) => m.id) }, visibility: "PUBLIC" },
        orderBy: { createdAt: "asc" },
        select: { ...PUBLIC_EVENT, requestId: true },
      })
    : [];
  const mergedFrom = followed.mergedFrom ? merged.find((m) => m.id === followed.mergedFrom!.id) : undefined;
  const { id: _id, enterpriseId: _enterprise, triagedAt: _triaged, assignedClusterId: _cluster, infoAskedFrom: _asked, events, ...visible } = request;
  const question = request.status === "NEEDS_INFO" ? ([...request.events].reverse().find((e) => e.action === "requestInfo")?.message ?? null) : null;
  // The enterprise's buttons come from the same rule as staff's (the state machine's table).
  const actions = availableActions(ENTERPRISE, request);
  const can = (action: Action) => actions.includes(action);
  return {
    ...visible,
    // Who wrote each entry, as the enterprise knows them; never a staff member's name.
    // What a correction changed in what the enterprise filed: never a sensitive value, nor the
    // centre's due times (they do not even reach the page's data).
    events: [
      ...events.map((event) => ({ ...event, fromReference: null })),
      ...mergedEvents.map(({ requestId, ...event }) => ({ ...event, fromReference: merged.find((m) => m.id === requestId)!.reference })),
    ]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(({ actorType, actor, changes, ...event }) => ({
        ...event,
        changes: publicChanges(parseChanges(changes)),
        author: authorKind(actorType, actor?.role ?? null),
      })),
    /** The link opened was this request's duplicate's: its reference, for the notice. */
    openedAs: mergedFrom?.reference ?? null,
    mergedElsewhere: followed.mergedElsewhere,
    question,
    acceptsMessages: enterpriseMessageAction(actions) !== null,
    canConfirm: can("confirm"),
    canReopen: can("reopen"),
    askedStillNeeded: request.stillNeededAskedAt !== null && can("confirmStillNeeded"),
  };
}

export type { Author } from "./authors";

/** A reply while information is awaited resumes the request; otherwise it is a plain message. */
function enterpriseMessageAction(actions: readonly Action[]) {
  if (actions.includes("provideInfo")) return "provideInfo" as const;
  if (actions.includes("enterpriseMessage")) return "enterpriseMessage" as const;
  return null;
}

const ENTERPRISE: Actor = { type: "ENTERPRISE" };

export async function addEnterpriseMessage({
  token,
  message,
  files = [],
  now = new Date(),
}: {
  token: string;
  message: string;
  files?: ReceivedFile[];
  now?: Date;
}) {
  // Documents sent with the message: stored first, their rows written with the message's event.
  await storeReceivedFiles(files);
  return db.$transaction(async (tx) => {
    const followed = await followStatusLink(tx, token);
    if (!followed) throw new TransitionError("NOT_FOUND");
    const request = await tx.request.findUniqueOrThrow({
      where: { id: followed.id },
      select: { id: true, status: true, triagedAt: true, assignedClusterId: true, infoAskedFrom: true },
    });
    const action = enterpriseMessageAction(availableActions(ENTERPRISE, request));
    if (!action) throw new TransitionError("WRONG_STATUS");
    const done = await transitionRequestInTx(tx, {
      requestId: request.id,
      action,
      actor: { type: "ENTERPRISE" },
      input: { message },
      now,
    });
    await addEventFilesInTx(tx, { requestId: request.id, eventId: done.eventId, files, author: { kind: "enterprise" }, visibility: "PUBLIC" });
    return done;
  });
}

/** The enterprise's other answers on its page: confirm a resolution, reopen, or "still needed". */
export async function enterpriseAction({
  token,
  action,
  message,
  now = new Date(),
}: {
  token: string;
  action: "confirm" | "reopen" | "confirmStillNeeded";
  message?: string;
  now?: Date;
}) {
  return db.$transaction(async (tx) => {
    const followed = await followStatusLink(tx, token);
    if (!followed) throw new TransitionError("NOT_FOUND");
    return transitionRequestInTx(tx, { requestId: followed.id, action, actor: { type: "ENTERPRISE" }, input: { message }, now });
  });
}
