// The request list behind the coordinators' queue (and, scoped to one cluster, the cluster
// portal): filtered, searched, sorted and paginated in the database, never in the browser
// (the SQL: app/data/queue.server.ts). Here its rows become the page's: due soon, overdue, unread.
import type { QueueParams } from "~/schemas/queue";
import { type QueuePlan, type QueueScope, SEARCH_COUNT_CAP, readQueuePage } from "~/data/queue.server";
import { activeStaff } from "~/data/users.server";

export type { QueuePlan, QueueScope } from "~/data/queue.server";

/** Requests whose due time comes within this window are "due soon". */
const DUE_SOON_MS = 4 * 60 * 60 * 1000;

/**
 * A page of the queue. `plan` is how the database reads a filtered page: "auto" chooses; tests
 * force "lookup" or "walk" to check both agree.
 */
export async function findQueue(params: QueueParams, scope: QueueScope = {}, now = new Date(), plan: QueuePlan = "auto") {
  const capped = params.q !== undefined;
  const { counted, rows } = await readQueuePage(params, scope, now, plan);
  const total = Math.min(counted, capped ? SEARCH_COUNT_CAP : counted);
  return {
    rows: rows.map((row) => {
      const nextDueAt = row.nextDueAt === null ? null : new Date(row.nextDueAt);
      return {
        id: row.id,
        reference: row.reference,
        title: row.title,
        category: row.category,
        urgency: row.urgency,
        region: row.region,
        status: row.status,
        createdAt: new Date(row.createdAt),
        nextDueAt,
        lastActivityAt: new Date(row.lastActivityAt),
        notAcceptedInTime: row.notAcceptedInTime === 1,
        enterprise: row.enterpriseName,
        assignedCluster:
          row.clusterSlug === null
            ? null
            : {
                slug: row.clusterSlug,
                nameUk: row.clusterNameUk ?? "",
                nameEn: row.clusterNameEn ?? "",
              },
        owner: row.ownerId === null ? null : { id: row.ownerId, name: row.ownerName ?? "" },
        possibleDuplicate: row.possibleDuplicateOfId !== null,
        unread: row.unread === 1,
        overdue: nextDueAt !== null && nextDueAt < now,
        dueSoon: nextDueAt !== null && nextDueAt >= now && nextDueAt.getTime() - now.getTime() < DUE_SOON_MS,
      };
    }),
    total,
    totalIsLowerBound: capped && counted > SEARCH_COUNT_CAP,
    page: params.page,
    size: params.size,
    pageCount: Math.max(1, Math.ceil(total / params.size)),
  };
}

export type QueueRow = Awaited<ReturnType<typeof findQueue>>["rows"][number];

/** Staff who may own requests (active coordinators and admins), for the owner filter. */
export async function listOwners(): Promise<Array<{ id: string; name: string }>> {
  return activeStaff();
}
