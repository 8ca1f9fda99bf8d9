// The lines of the requests a table lists (decision 055). On a request of several lines the
// request's own status and cluster say little: the queue names each line's cluster, and the
// cluster portal the member's own line's state, beside the request's.
import { db } from "~/data/db.server";
import type { LineStatus } from "./lines";

type RowLine = { position: number; status: LineStatus; clusterId: string | null; cluster: { nameUk: string; nameEn: string } | null };

/** For each of `requestIds` that has several lines still counted, its lines in order. */
async function linesOfSeveral(requestIds: readonly string[]): Promise<Map<string, RowLine[]>> {
  if (!requestIds.length) return new Map();
  const lines = await db.requestLine.findMany({
    where: { requestId: { in: [...requestIds] }, status: { not: "CANCELLED" } },
    orderBy: { position: "asc" },
    select: { requestId: true, position: true, status: true, clusterId: true, cluster: { select: { nameUk: true, nameEn: true } } },
  });
  const byRequest = new Map<string, RowLine[]>();
  for (const { requestId, ...line } of lines) byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), line]);
  for (const [requestId, each] of byRequest) if (each.length < 2) byRequest.delete(requestId);
  return byRequest;
}

/** The queue's rows, each request of several lines with its lines' clusters (staff see them all). */
export async function withLineClusters<Row extends { id: string }>(rows: readonly Row[]) {
  const lines = await linesOfSeveral(rows.map((row) => row.id));
  return rows.map((row) => ({
    ...row,
    lineClusters: lines.get(row.id)?.map(({ position, cluster }) => ({ position, cluster })) ?? null,
  }));
}

/** The portal's rows, each request of several lines with the member's own lines and their state. */
export async function withOwnLines<Row extends { id: string }>(rows: readonly Row[], clusterId: string) {
  const lines = await linesOfSeveral(rows.map((row) => row.id));
  return rows.map((row) => ({
    ...row,
    ownLines: lines.get(row.id)?.flatMap(({ position, status, clusterId: holder }) => (holder === clusterId ? [{ position, status }] : [])) ?? null,
  }));
}
