// The request list behind the coordinators' queue (and, scoped to one cluster, the cluster
// portal): filtered, searched, sorted and paginated in the database, never in the browser.
import type { Prisma } from "~/generated/prisma/client";
import type { QueueParams } from "~/schemas/queue";
import { db } from "~/utils/db.server";
import { normalizeForSearch } from "./search";
import { OPEN_STATUSES } from "./state-machine";

/** Requests whose due time comes within this window are "due soon". */
export const DUE_SOON_MS = 4 * 60 * 60 * 1000;

const ORDER: Record<QueueParams["sort"], (dir: Prisma.SortOrder) => Prisma.RequestOrderByWithRelationInput[]> = {
  reference: (dir) => [{ reference: dir }],
  enterprise: (dir) => [{ enterpriseName: dir }, { createdAt: "desc" }],
  category: (dir) => [{ category: dir }, { createdAt: "desc" }],
  urgency: (dir) => [{ urgencyRank: dir }, { createdAt: "asc" }],
  region: (dir) => [{ region: dir }, { createdAt: "desc" }],
  status: (dir) => [{ statusRank: dir }, { createdAt: "asc" }],
  cluster: (dir) => [{ assignedCluster: { slug: dir } }, { createdAt: "desc" }],
  age: (dir) => [{ createdAt: dir === "asc" ? "desc" : "asc" }],
  // Nothing due (final or paused) goes last either way.
  // Ascending (the default) is one indexed key: lapsed assignments first, then by due time,
  // nothing due last (sla.ts dueSortAt). Descending keeps nothing-due last too, unindexed.
  due: (dir) =>
    dir === "asc" ? [{ dueSortAt: "asc" }, { createdAt: "asc" }] : [{ nextDueAt: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }],
  updated: (dir) => [{ lastActivityAt: dir }],
};

export type QueueScope = { clusterId?: string };

export function queueWhere(params: QueueParams, scope: QueueScope, now: Date): Prisma.RequestWhereInput {
  const and: Prisma.RequestWhereInput[] = [];
  if (scope.clusterId) and.push({ assignedClusterId: scope.clusterId });
  if (params.status.length) and.push({ status: { in: params.status } });
  if (params.category) and.push({ category: params.category });
  if (params.urgency) and.push({ urgency: params.urgency });
  if (params.region) and.push({ region: params.region });
  if (params.cluster) and.push({ assignedCluster: { slug: params.cluster } });
  if (params.unassigned) and.push({ assignedClusterId: null, status: { in: [...OPEN_STATUSES] } });
  if (params.overdue) and.push({ nextDueAt: { lt: now } });
  if (params.duplicates) and.push({ possibleDuplicateOfId: { not: null }, status: { in: [...OPEN_STATUSES] } });
  if (params.q) and.push(searchWhere(params.q));
  return and.length ? { AND: and } : {};
}

/** A reference or an EDRPOU is looked up exactly (indexed); other text by substring. */
function searchWhere(q: string): Prisma.RequestWhereInput {
  const trimmed = q.trim();
  if (/^rrc-\d{4}-\d{6}$/i.test(trimmed)) return { reference: trimmed.toUpperCase() };
  if (/^\d{8}(\d{2})?$/.test(trimmed)) return { enterprise: { edrpou: trimmed } };
  return { searchText: { contains: normalizeForSearch(trimmed) } };
}

/** Counting substring matches scans every request; past this many we say "more than". */
export const SEARCH_COUNT_CAP = 1000;

export async function findQueue(params: QueueParams, scope: QueueScope = {}, now = new Date()) {
  const where = queueWhere(params, scope, now);
  const capped = params.q !== undefined;
  const [counted, rows] = await Promise.all([
    db.request.count({ where, ...(capped ? { take: SEARCH_COUNT_CAP + 1 } : {}) }),
    db.request.findMany({
      where,
      orderBy: ORDER[params.sort](params.dir),
      skip: (params.page - 1) * params.size,
      take: params.size,
      select: {
        id: true,
        reference: true,
        title: true,
        category: true,
        urgency: true,
        region: true,
        status: true,
        createdAt: true,
        nextDueAt: true,
        lastActivityAt: true,
        possibleDuplicateOfId: true,
        notAcceptedInTime: true,
        enterpriseName: true,
        assignedCluster: { select: { slug: true, nameUk: true, nameEn: true } },
      },
    }),
  ]);
  return {
    rows: rows.map(({ enterpriseName, ...row }) => ({
      ...row,
      enterprise: enterpriseName,
      possibleDuplicate: row.possibleDuplicateOfId !== null,
      overdue: row.nextDueAt !== null && row.nextDueAt < now,
      dueSoon: row.nextDueAt !== null && row.nextDueAt >= now && row.nextDueAt.getTime() - now.getTime() < DUE_SOON_MS,
    })),
    total: Math.min(counted, capped ? SEARCH_COUNT_CAP : counted),
    totalIsLowerBound: capped && counted > SEARCH_COUNT_CAP,
    page: params.page,
    size: params.size,
    pageCount: Math.max(1, Math.ceil(Math.min(counted, capped ? SEARCH_COUNT_CAP : counted) / params.size)),
  };
}

export type QueueRow = Awaited<ReturnType<typeof findQueue>>["rows"][number];

/** Clusters for the filter and assignment lists. */
export async function listClusters() {
  return db.cluster.findMany({
    where: { active: true },
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, nameUk: true, nameEn: true },
  });
}

export function getClusterName(id: string) {
  return db.cluster.findUniqueOrThrow({ where: { id }, select: { nameUk: true, nameEn: true } });
}
