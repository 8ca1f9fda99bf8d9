// Merged requests as the pages read them. A merge (markDuplicate) points the duplicate at its
// original (Request.duplicateOfId); the original may later be merged itself, so merges form
// trees whose root is the one request still worked on. Merging into a request that is itself
// a duplicate is refused (request-actions.server.ts), so no chain loops; the walks below stop
// after MAX_DEPTH steps anyway.
import type { Db, Tx } from "~/data/db.server";

const MAX_DEPTH = 20;

export type MergedRequest = { id: string; reference: string; enterpriseId: string; lines: Array<{ clusterId: string | null; status: string }> };

/** Every request merged into `rootId`, directly or through another merged request. */
export async function requestsMergedInto(client: Db | Tx, rootId: string): Promise<MergedRequest[]> {
  const found: MergedRequest[] = [];
  let frontier = [rootId];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const next = await client.request.findMany({
      where: { duplicateOfId: { in: frontier }, status: "DUPLICATE" },
      orderBy: { createdAt: "asc" },
      select: { id: true, reference: true, enterpriseId: true, lines: { select: { clusterId: true, status: true } } },
    });
    found.push(...next);
    frontier = next.map((request) => request.id);
  }
  return found;
}

type ChainLink = { id: string; status: string; duplicateOfId: string | null; enterpriseId: string };
const chainLink = { id: true, status: true, duplicateOfId: true, enterpriseId: true } as const;

/** The request a merged one's chain of merges ends in (the request itself when not merged). */
export async function finalOriginal(client: Db | Tx, request: ChainLink): Promise<ChainLink> {
  let current = request;
  for (let depth = 0; depth < MAX_DEPTH && current.status === "DUPLICATE" && current.duplicateOfId; depth++) {
    const next = await client.request.findUnique({ where: { id: current.duplicateOfId }, select: chainLink });
    if (!next) break;
    current = next;
  }
  return current;
}
