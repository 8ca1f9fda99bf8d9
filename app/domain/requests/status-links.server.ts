// A lost private link: a new one replaces it (the old one stops working at once) and goes to
// the e-mail the request was filed with, never to the screen. The enterprise asks on /s/lost
// with the reference and that e-mail; staff can send one from the request's page. Every
// rotation is an INTERNAL event on the request's timeline (decision 026).
import type { Tx } from "~/data/db.server";
import { db } from "~/data/db.server";
import { takingAtLeast } from "~/utils/even-timing.server";
import { normalizeEmail } from "../auth/auth.server";
import { TransitionError } from "../errors";
import { enqueueStatusLinkRenewed } from "../notifications/notifications.server";
import { transitionRequestInTx } from "./request-transition.server";
import { type Viewer, visibleTo } from "../auth/access";
import type { Actor } from "./state-machine";
import { hashStatusToken, newStatusToken } from "../auth/tokens.server";

/**
 * Every answer of /s/lost takes this long, whether the details matched (a transaction with an
 * event and an e-mail) or not (one read), so its timing does not tell which.
 */
export const LOST_LINK_ANSWER_MS = 400;

async function rotateInTx(
  tx: Tx,
  { requestId, actor, statusUrlFor, now }: { requestId: string; actor: Actor; statusUrlFor: (token: string) => string; now: Date },
) {
  await transitionRequestInTx(tx, { requestId, action: "rotateStatusLink", actor, now });
  const token = newStatusToken();
  await tx.request.update({ where: { id: requestId }, data: { statusTokenHash: hashStatusToken(token) }, select: { id: true } });
  await enqueueStatusLinkRenewed(tx, { requestId, statusUrl: statusUrlFor(token), by: actor.type === "ENTERPRISE" ? "enterprise" : "staff", now });
}

/**
 * The enterprise's request for a new link. When the reference exists and the e-mail is the one
 * it was filed with (in any letter case), the link is rotated and the new one e-mailed; otherwise
 * nothing happens. Either way it answers nothing, after the same time.
 */
export async function requestNewStatusLink({
  reference,
  email,
  statusUrlFor,
  now = new Date(),
  answerAfterMs = LOST_LINK_ANSWER_MS,
}: {
  reference: string;
  email: string;
  statusUrlFor: (token: string) => string;
  now?: Date;
  answerAfterMs?: number;
}): Promise<void> {
  await takingAtLeast(answerAfterMs, () =>
    db.$transaction(async (tx) => {
      const request = await tx.request.findUnique({ where: { reference }, select: { id: true, email: true } });
      if (!request || normalizeEmail(request.email) !== normalizeEmail(email)) return;
      await rotateInTx(tx, { requestId: request.id, actor: { type: "ENTERPRISE" }, statusUrlFor, now });
    }),
  );
}

/** Staff send a new link to the request's e-mail (an enterprise that called the Centre). */
export async function sendNewStatusLink({
  reference,
  viewer,
  actor,
  statusUrlFor,
  now = new Date(),
}: {
  reference: string;
  viewer: Viewer;
  actor: Actor;
  statusUrlFor: (token: string) => string;
  now?: Date;
}) {
  await db.$transaction(async (tx) => {
    const request = await tx.request.findFirst({ where: { reference, ...visibleTo(viewer) }, select: { id: true } });
    if (!request) throw new TransitionError("NOT_FOUND");
    await rotateInTx(tx, { requestId: request.id, actor, statusUrlFor, now });
  });
}
