// "Unread": enterprise activity a person has not seen yet. When the enterprise acts after filing
// (a message, an answer, a reopening, a confirmation), everyone who looks after the request gets
// a mark (RequestUnread): the coordinators and admins, and the members of each cluster holding
// one of its lines. Opening
// the request's page removes that person's mark. Marks rather than "seen up to" timestamps
// compared at read time: the queue's filter then costs what a person has left unread, not what
// the enterprise ever did (docs/decisions/025-unread-marks.md).
import { type Tx, inTransaction, writeTransaction } from "~/data/db.server";
import { markUnread, removeUnreadMark, unreadMark } from "~/data/unread.server";
import { seesClusterRequest } from "../auth/access";

/** In the enterprise's transition's transaction: marks the request unread for everyone who looks after it. */
export async function markUnreadInTx(tx: Tx, { requestId, clusterIds, now }: { requestId: string; clusterIds: readonly string[]; now: Date }) {
  // SQL on the transaction's connection, as the outbox writes (decision 011).
  await inTransaction(tx, markUnread({ requestId, at: now, sees: seesClusterRequest(clusterIds) }));
}

/**
 * The person has opened the request's page, which showed the enterprise's activity up to
 * `shownUpTo`: their mark goes, unless the enterprise acted again after what the page showed.
 * A GET writes here, so only when there is a mark to remove. Returns when their unseen activity
 * began (null: nothing was new to them), for marking what is new on the page.
 */
export async function markRequestSeen({ userId, requestId, shownUpTo }: { userId: string; requestId: string; shownUpTo: Date | null }): Promise<Date | null> {
  const mark = await unreadMark(userId, requestId);
  if (!mark) return null;
  if (shownUpTo && mark.lastAt <= shownUpTo) await writeTransaction(() => removeUnreadMark({ userId, requestId, shownUpTo }));
  return mark.since;
}
