// The request list behind the coordinators' queue (and, scoped to one cluster, the cluster
// portal): filtered, searched, sorted and paginated in the database, never in the browser.
// Read with hand-written SQL on the read-only connection (docs/decisions/010-queue-reads.md):
// Prisma spent more time compiling these queries than SQLite spent answering them, and the
// plan for a large filter with another column's order has to be chosen here.
import type { QueueParams } from "~/schemas/queue";
import { readDb, readStatement, sqliteTimestamp } from "~/utils/read-db.server";
import { normalizeForSearch } from "./search";
import { OPEN_STATUSES, type Status } from "./state-machine";
import type { Category, Urgency } from "./taxonomy";

/** Requests whose due time comes within this window are "due soon". */
export const DUE_SOON_MS = 4 * 60 * 60 * 1000;

/** Counting substring matches reads every match; past this many we say "more than". */
export const SEARCH_COUNT_CAP = 1000;

type Dir = "asc" | "desc";
const flip = (dir: Dir): Dir => (dir === "asc" ? "desc" : "asc");

/**
 * ORDER BY per column. Each ends in the row id, so a page boundary never depends on how the
 * database happened to break a tie. Every one but cluster and "due, descending" is served by an
 * index (prisma/schema.prisma).
 */
const ORDER: Record<QueueParams["sort"], (dir: Dir) => string> = {
  reference: (dir) => `r."reference" ${dir}`,
  enterprise: (dir) => `r."enterpriseName" ${dir}, r."createdAt" desc, r."rowid" desc`,
  category: (dir) => `r."category" ${dir}, r."createdAt" desc, r."rowid" desc`,
  urgency: (dir) => `r."urgencyRank" ${dir}, r."createdAt" asc, r."rowid" asc`,
  region: (dir) => `r."region" ${dir}, r."createdAt" desc, r."rowid" desc`,
  status: (dir) => `r."statusRank" ${dir}, r."createdAt" asc, r."rowid" asc`,
  cluster: (dir) => `c."slug" ${dir}, r."createdAt" desc, r."rowid" desc`,
  // Oldest first is "age, descending".
  age: (dir) => `r."createdAt" ${flip(dir)}, r."rowid" ${flip(dir)}`,
  // Ascending (the default) is one indexed key: lapsed assignments first, then by due time,
  // nothing due last (sla.ts dueSortAt). Descending keeps nothing due (final or paused) last too.
  due: (dir) =>
    dir === "asc"
      ? `r."dueSortAt" asc, r."createdAt" asc, r."rowid" asc`
      : `r."nextDueAt" IS NULL, r."nextDueAt" desc, r."createdAt" asc, r."rowid" asc`,
  updated: (dir) => `r."lastActivityAt" ${dir}, r."rowid" ${dir}`,
};

export type QueueScope = { clusterId?: string };

/**
 * A filter as SQL. `column` writes a filtered column: plain, or as `+r."x"`, which tells
 * SQLite not to look the filter up by index but to walk the sort order's index instead.
 */
type Filter = {
  sql: (column: (name: string) => string) => string;
  params: unknown[];
};

const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

export function queueFilters(params: QueueParams, scope: QueueScope, now: Date): Filter[] {
  const filters: Filter[] = [];
  const open = [...OPEN_STATUSES];
  if (scope.clusterId)
    filters.push({
      sql: (c) => `${c("assignedClusterId")} = ?`,
      params: [scope.clusterId],
    });
  if (params.status.length)
    filters.push({
      sql: (c) => `${c("status")} IN (${placeholders(params.status)})`,
      params: params.status,
    });
  if (params.category)
    filters.push({
      sql: (c) => `${c("category")} = ?`,
      params: [params.category],
    });
  if (params.urgency)
    filters.push({
      sql: (c) => `${c("urgency")} = ?`,
      params: [params.urgency],
    });
  if (params.region) filters.push({ sql: (c) => `${c("region")} = ?`, params: [params.region] });
  if (params.cluster)
    filters.push({
      sql: (c) => `${c("assignedClusterId")} = (SELECT "id" FROM "Cluster" WHERE "slug" = ?)`,
      params: [params.cluster],
    });
  if (params.unassigned)
    filters.push({
      sql: (c) => `${c("assignedClusterId")} IS NULL AND ${c("status")} IN (${placeholders(open)})`,
      params: open,
    });
  if (params.overdue)
    filters.push({
      sql: (c) => `${c("nextDueAt")} < ?`,
      params: [sqliteTimestamp(now)],
    });
  if (params.duplicates)
    filters.push({
      sql: (c) => `${c("possibleDuplicateOfId")} IS NOT NULL AND ${c("status")} IN (${placeholders(open)})`,
      params: open,
    });
  if (params.q) filters.push(searchFilter(params.q));
  return filters;
}

/**
 * A reference or an EDRPOU is looked up exactly (indexed); other text of three characters or
 * more through the trigram index ("RequestSearch", a phrase: the words in that order, as a
 * substring); shorter text by scanning the column.
 */
function searchFilter(q: string): Filter {
  const trimmed = q.trim();
  if (/^rrc-\d{4}-\d{6}$/i.test(trimmed)) return { sql: (c) => `${c("reference")} = ?`, params: [trimmed.toUpperCase()] };
  if (/^\d{8}(\d{2})?$/.test(trimmed))
    return { sql: (c) => `${c("enterpriseId")} = (SELECT "id" FROM "Enterprise" WHERE "edrpou" = ?)`, params: [trimmed] };
  const text = normalizeForSearch(trimmed);
  if ([...text].length >= 3)
    return {
      sql: (c) => `${c("rowid")} IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?)`,
      params: [`"${text.replaceAll('"', '""')}"`],
    };
  return { sql: (c) => `${c("searchText")} LIKE ? ESCAPE '\\'`, params: [`%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`] };
}

const where = (filters: Filter[], column: (name: string) => string) =>
  filters.length ? `WHERE ${filters.map((f) => `(${f.sql(column)})`).join(" AND ")}` : "";
const plain = (name: string) => `r."${name}"`;
const unindexed = (name: string) => `+r."${name}"`;

/**
 * Rows a page may read walking the sort order's index before the filters' own indexes (then a
 * sort of the matches) become the cheaper way: with `matched` of `total` rows passing the
 * filters, reaching the page's last row takes about (offset + size) × total / matched steps.
 */
const SORT_INDEX_WALK_LIMIT = 20_000;

type Row = {
  id: string;
  reference: string;
  title: string;
  category: Category;
  urgency: Urgency;
  region: string;
  status: Status;
  createdAt: string;
  nextDueAt: string | null;
  lastActivityAt: string;
  possibleDuplicateOfId: string | null;
  notAcceptedInTime: number;
  enterpriseName: string;
  clusterSlug: string | null;
  clusterNameUk: string | null;
  clusterNameEn: string | null;
};

const CLUSTER_JOIN = `LEFT JOIN "Cluster" c ON c."id" = r."assignedClusterId"`;
const SELECT = `SELECT r."id", r."reference", r."title", r."category", r."urgency", r."region", r."status",
  r."createdAt", r."nextDueAt", r."lastActivityAt", r."possibleDuplicateOfId", r."notAcceptedInTime", r."enterpriseName",
  c."slug" AS "clusterSlug", c."nameUk" AS "clusterNameUk", c."nameEn" AS "clusterNameEn"
  FROM "Request" r ${CLUSTER_JOIN}`;

export async function findQueue(params: QueueParams, scope: QueueScope = {}, now = new Date()) {
  const filters = queueFilters(params, scope, now);
  const filterParams = filters.flatMap((f) => f.params);
  const capped = params.q !== undefined;
  const offset = (params.page - 1) * params.size;
  const prepare = readStatement;
  // One read transaction: the count and the page describe the same moment.
  const { counted, rows } = readDb().transaction(() => {
    const counted = capped
      ? (prepare(`SELECT count(*) FROM (SELECT 1 FROM "Request" r ${where(filters, plain)} LIMIT ${SEARCH_COUNT_CAP + 1})`).get(
          ...filterParams
        ) as number)
      : (prepare(`SELECT count(*) FROM "Request" r ${where(filters, plain)}`).get(...filterParams) as number);
    let column = plain;
    if (filters.length && counted > 0) {
      const total = prepare(`SELECT count(*) FROM "Request"`).get() as number;
      if (((offset + params.size) * total) / counted <= SORT_INDEX_WALK_LIMIT) column = unindexed;
    }
    // The page's rows are found first by rowid alone (from the sort's index, which holds it: a
    // deep page skips index entries, not table rows), then read in full.
    const order = ORDER[params.sort](params.dir);
    const join = params.sort === "cluster" ? CLUSTER_JOIN : "";
    const rows = prepare(
      `${SELECT} WHERE r."rowid" IN (SELECT r."rowid" FROM "Request" r ${join} ${where(filters, column)} ORDER BY ${order} LIMIT ? OFFSET ?) ORDER BY ${order}`,
    ).all(...filterParams, params.size, offset) as Row[];
    return { counted, rows };
  })();
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
        possibleDuplicate: row.possibleDuplicateOfId !== null,
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

type ClusterChoice = { id: string; slug: string; nameUk: string; nameEn: string };

/** Clusters for the filter and assignment lists. */
export async function listClusters(): Promise<ClusterChoice[]> {
  return readStatement(
    `SELECT "id", "slug", "nameUk", "nameEn" FROM "Cluster" WHERE "active" = 1 ORDER BY "slug"`
  ).all() as ClusterChoice[];
}

export async function getClusterName(id: string): Promise<{ nameUk: string; nameEn: string }> {
  const cluster = readStatement(`SELECT "nameUk", "nameEn" FROM "Cluster" WHERE "id" = ?`).get(id) as
    | { nameUk: string; nameEn: string }
    | undefined;
  if (!cluster) throw new Error(`No cluster ${id}`);
  return cluster;
}
