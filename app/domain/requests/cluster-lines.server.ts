// A cluster's own lines on the requests its portal lists (decision 055): on a request of several
// lines, the request's status says how the whole goes; the member needs their own line's state
// (waiting for their acceptance, in their work) beside it.
import { db } from "~/data/db.server";
import type { LineStatus } from "./lines";

export type OwnLine = { position: number; status: LineStatus };

/** For each of `requestIds` that has several lines still counted, `clusterId`'s own among them. */
export async function ownLinesOf(requestIds: readonly string[], clusterId: string): Promise<Map<string, OwnLine[]>> {
  if (!requestIds.length) return new Map();
  const lines = await db.requestLine.findMany({
    where: { requestId: { in: [...requestIds] }, status: { not: "CANCELLED" } },
    orderBy: { position: "asc" },
    select: { requestId: true, position: true, status: true, clusterId: true },
  });
  const byRequest = new Map<string, typeof lines>();
  for (const line of lines) byRequest.set(line.requestId, [...(byRequest.get(line.requestId) ?? []), line]);
  const own = new Map<string, OwnLine[]>();
  for (const [requestId, each] of byRequest) {
    if (each.length < 2) continue;
    own.set(
      requestId,
      each.filter((line) => line.clusterId === clusterId).map(({ position, status }) => ({ position, status })),
    );
  }
  return own;
}
