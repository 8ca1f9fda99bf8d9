// What an enterprise sees and does through its private link.
import { db } from "~/utils/db.server";
import { authorKind } from "./authors";
import { TransitionError } from "./errors";
import { parseChanges } from "./field-changes";
import { publicChanges } from "./request-corrections";
import { transitionRequestInTx } from "./request-transition.server";
import type { Status } from "./state-machine";
import { TRANSITIONS } from "./state-machine";
import { hashStatusToken, isWellFormedStatusToken } from "./tokens.server";

/** The request behind a status token with its PUBLIC timeline, or null. Never internal events. */
export async function getStatusPage(token: string) {
  if (!isWellFormedStatusToken(token)) return null;
  const request = await db.request.findUnique({
    where: { statusTokenHash: hashStatusToken(token) },
    select: {
      id: true,
      reference: true,
      status: true,
      category: true,
      urgency: true,
      title: true,
      region: true,
      city: true,
      createdAt: true,
      triageDueAt: true,
      version: true,
      stillNeededAskedAt: true,
      enterpriseName: true,
      events: {
        where: { visibility: "PUBLIC" },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          action: true,
          message: true,
          changes: true,
          createdAt: true,
          toStatus: true,
          actorType: true,
          actor: { select: { role: true } },
        },
      },
    },
  });
  if (!request) return null;
  const { id: _id, events, ...visible } = request;
  const question =
    request.status === "NEEDS_INFO"
      ? ([...request.events].reverse().find((e) => e.action === "requestInfo")?.message ?? null)
      : null;
  const can = (action: "confirm" | "reopen" | "confirmStillNeeded") =>
    (TRANSITIONS[action].from as readonly Status[]).includes(request.status);
  return {
    ...visible,
    // Who wrote each entry, as the enterprise knows them; never a staff member's name.
    // What a correction changed in what the enterprise filed: never a sensitive value, nor the
    // centre's due times (they do not even reach the page's data).
    events: events.map(({ actorType, actor, changes, ...event }) => ({
      ...event,
      changes: publicChanges(parseChanges(changes)),
      author: authorKind(actorType, actor?.role ?? null),
    })),
    question,
    acceptsMessages: enterpriseMessageAction(request.status) !== null,
    canConfirm: can("confirm"),
    canReopen: can("reopen"),
    askedStillNeeded: request.stillNeededAskedAt !== null && can("confirmStillNeeded"),
  };
}

export type { Author } from "./authors";

/** A reply while information is awaited resumes the request; otherwise it is a plain message. */
function enterpriseMessageAction(status: Status) {
  if ((TRANSITIONS.provideInfo.from as readonly Status[]).includes(status)) return "provideInfo" as const;
  if ((TRANSITIONS.enterpriseMessage.from as readonly Status[]).includes(status)) return "enterpriseMessage" as const;
  return null;
}

export async function addEnterpriseMessage({ token, message, now = new Date() }: { token: string; message: string; now?: Date }) {
  if (!isWellFormedStatusToken(token)) throw new TransitionError("NOT_FOUND");
  return db.$transaction(async (tx) => {
    const request = await tx.request.findUnique({
      where: { statusTokenHash: hashStatusToken(token) },
      select: { id: true, status: true },
    });
    if (!request) throw new TransitionError("NOT_FOUND");
    const action = enterpriseMessageAction(request.status);
    if (!action) throw new TransitionError("WRONG_STATUS");
    return transitionRequestInTx(tx, {
      requestId: request.id,
      action,
      actor: { type: "ENTERPRISE" },
      input: { message },
      now,
    });
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
  if (!isWellFormedStatusToken(token)) throw new TransitionError("NOT_FOUND");
  return db.$transaction(async (tx) => {
    const request = await tx.request.findUnique({ where: { statusTokenHash: hashStatusToken(token) }, select: { id: true } });
    if (!request) throw new TransitionError("NOT_FOUND");
    return transitionRequestInTx(tx, { requestId: request.id, action, actor: { type: "ENTERPRISE" }, input: { message }, now });
  });
}
