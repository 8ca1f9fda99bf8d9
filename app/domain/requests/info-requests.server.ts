// Who asked the enterprise the question it is answering: the answer goes back to them (the
// requestInfo event's actor), whoever they are — a coordinator or a member of the cluster.
import type { Tx } from "~/data/db.server";

export type InfoAsker = { id: string; name: string; email: string; active: boolean };

/** The author of the request's latest question (null if none, or if the system asked). */
export async function infoAskerInTx(tx: Tx, requestId: string): Promise<InfoAsker | null> {
  const asked = await tx.requestEvent.findFirst({
    where: { requestId, action: "requestInfo" },
    orderBy: { createdAt: "desc" },
    select: { actor: { select: { id: true, name: true, email: true, active: true } } },
  });
  return asked?.actor ?? null;
}
