// The queue on PostgreSQL (decisions 051, 053): the same filters as on SQLite
// (queue-filters.server.ts) in one statement that counts and reads the page, in the orders
// SQLite gives, each from an index.
import type { QueueParams } from "~/schemas/queue";
import { CATEGORIES } from "~/domain/taxonomy";
import { db, enginePlaceholders } from "./db.server";
import { CLUSTER_JOIN, type Dir, type QueuePage, type QueuePageRow, type QueueScope, SEARCH_COUNT_CAP, disjointCount, flip, plain, queueFilters, select, where } from "./queue-filters.server";

/**
 * A category's place by its name (SQLite's order of the text), as an integer: PostgreSQL orders
 * an enum as declared and cannot index its text (the cast is not immutable), so the queue orders
 * by this expression and the PostgreSQL migration 20261202150000_queue_orders indexes the same
 * text (tests/integration/migrations.test.ts holds the two together).
 */
export function categoryByName(column: string): string {
  return `CASE ${column} ${[...CATEGORIES]
    .sort()
    .map((category, place) => `WHEN '${category}' THEN ${place}`)
    .join(" ")} END`;
}

/**
 * PostgreSQL's ORDER BY per column, giving the order SQLite's gives: text by code point (SQLite's
 * binary collation; an enum by its name, not its place in the type), NULL first ascending and last
 * descending, ties broken by the id (PostgreSQL has no rowid). Each is read from an index forwards
 * or backwards (the PostgreSQL migration 20261202150000_queue_orders adds those that Prisma's
 * schema cannot say: a collation, NULLS LAST, an expression); the planner picks them itself, there
 * is no "walk" to force. The cluster order is read per cluster (clusterOrderIdsOnPostgres).
 */
const POSTGRES_ORDER: Record<QueueParams["sort"], (dir: Dir) => string> = {
  priority: (dir) => `r."attentionRank" ${dir}, r."urgencyRank" ${dir}, r."dueSortAt" ${dir}, r."createdAt" ${dir}, r."id" ${dir}`,
  reference: (dir) => `r."reference" COLLATE "C" ${dir}`,
  enterprise: (dir) => `r."enterpriseName" COLLATE "C" ${dir}, r."createdAt" desc, r."id" desc`,
  category: (dir) => `${categoryByName(`r."category"`)} ${dir}, r."createdAt" ${dir}, r."id" ${dir}`,
  urgency: (dir) => `r."urgencyRank" ${dir}, r."createdAt" asc, r."id" asc`,
  region: (dir) => `r."region" COLLATE "C" ${dir}, r."createdAt" ${dir}, r."id" ${dir}`,
  status: (dir) => `r."statusRank" ${dir}, r."createdAt" asc, r."id" asc`,
  cluster: (dir) => `c."slug" COLLATE "C" ${dir} ${dir === "asc" ? "NULLS FIRST" : "NULLS LAST"}, r."createdAt" desc, r."id" desc`,
  age: (dir) => `r."createdAt" ${flip(dir)}, r."id" ${flip(dir)}`,
  due: (dir) => (dir === "asc" ? `r."dueSortAt" asc, r."createdAt" asc, r."id" asc` : `r."nextDueAt" desc NULLS LAST, r."createdAt" asc, r."id" desc`),
  updated: (dir) => `r."lastActivityAt" ${dir}, r."id" ${dir}`,
};

/**
 * The ids of a page in cluster order on PostgreSQL, as SQLite's clusterOrderRowids reads them:
 * the requests without a cluster, and each cluster's, newest first, each read from the
 * (assignedClusterId, createdAt) index no further than the page's end; then the page is taken
 * from those runs in slug order.
 */
function clusterOrderIdsOnPostgres(filtered: { sql: string; params: unknown[] }, dir: Dir, size: number, offset: number): { sql: string; params: unknown[] } {
  const and = (condition: string) => (filtered.sql ? `${filtered.sql} AND ${condition}` : `WHERE ${condition}`);
  const newest = `ORDER BY r."createdAt" desc, r."id" desc LIMIT ?`;
  // Without a cluster: first ascending, last descending.
  const unassignedRun = dir === "asc" ? 0 : 2;
  return {
    sql: `SELECT "id" FROM (
      (SELECT r."id", ${unassignedRun} AS "run", NULL::text AS "slug", r."createdAt" FROM "Request" r ${and(`r."assignedClusterId" IS NULL`)} ${newest})
      UNION ALL
      (SELECT p."id", 1, k."slug", p."createdAt" FROM "Cluster" k CROSS JOIN LATERAL
        (SELECT r."id", r."createdAt" FROM "Request" r ${and(`r."assignedClusterId" = k."id"`)} ${newest}) p)
    ) runs ORDER BY "run", "slug" COLLATE "C" ${dir}, "createdAt" desc, "id" desc LIMIT ? OFFSET ?`,
    params: [...filtered.params, offset + size, ...filtered.params, offset + size, size, offset],
  };
}

/**
 * Every column of Request that an order of POSTGRES_ORDER reads (the cluster's slug through
 * assignedClusterId): what a set of matched requests keeps of each, to find its page in any order
 * before reading that page's rows in full (readQueuePageOnPostgres).
 */
const SORT_KEY_COLUMNS = [
  "id",
  "attentionRank",
  "urgencyRank",
  "dueSortAt",
  "createdAt",
  "reference",
  "enterpriseName",
  "category",
  "region",
  "statusRank",
  "nextDueAt",
  "lastActivityAt",
  "assignedClusterId",
]
  .map((column) => `r."${column}"`)
  .join(", ");

export async function readQueuePageOnPostgres(params: QueueParams, scope: QueueScope, now: Date): Promise<QueuePage> {
  const filters = queueFilters(params, scope, now);
  const offset = (params.page - 1) * params.size;
  const capped = params.q !== undefined;
  const counting = filters.filter((f) => !f.pageOnly);
  const split = capped ? null : disjointCount(counting);
  const [only] = counting;
  // Unread alone is counted from the viewer's marks, as on SQLite: each belongs to a request.
  const alone = counting.length === 1 && only?.countAlone && !capped ? only.countAlone : null;
  const plainCount = where(counting, plain);
  // Alternatives no row meets both of ("mine or nobody's") are counted one by one, each a range
  // of an index, as on SQLite: the OR alone makes PostgreSQL read the whole index.
  const count = alone
    ? { sql: `SELECT (${alone.sql}) AS "count"`, params: alone.params }
    : split
      ? { sql: `SELECT ${split.sql} AS "count"`, params: split.params }
      : {
          sql: capped
            ? `SELECT count(*) AS "count" FROM (SELECT 1 FROM "Request" r ${plainCount.sql} LIMIT ${SEARCH_COUNT_CAP + 1}) AS capped`
            : `SELECT count(*) AS "count" FROM "Request" r ${plainCount.sql}`,
          params: plainCount.params,
        };
  const filtered = where(filters, plain);
  const viewer = scope.viewerId ? [scope.viewerId] : [];
  const order = `ORDER BY ${POSTGRES_ORDER[params.sort](params.dir)}`;
  const asInt = (flag: string) => `(${flag})::int`;
  let page: { sql: string; params: unknown[] };
  if (!alone && filters.some((f) => f.selective)) {
    // A person's unread marks with other filters: their requests read first, by the marks, then
    // counted, and the page found among them, as on SQLite. Left to itself the planner walks the
    // order's index testing each request it meets against the marks and the other filters, taking
    // the matches to be spread evenly along it; they are not (a viewer's unread requests are
    // recent), and it walked a quarter of the table for a page (decision 053). MATERIALIZED keeps
    // the matches apart from the order and counts them once; only the page's rows are read whole.
    const counted = capped ? `SELECT count(*) FROM (SELECT 1 FROM "matched" LIMIT ${SEARCH_COUNT_CAP + 1}) AS capped` : `SELECT count(*) FROM "matched"`;
    page = {
      sql: `WITH "matched" AS MATERIALIZED (SELECT ${SORT_KEY_COLUMNS} FROM "Request" r ${filtered.sql})
        ${select(viewer.length > 0, asInt, `(${counted}) AS "total", `)}
        WHERE r."id" IN (SELECT r."id" FROM "matched" r ${CLUSTER_JOIN} ${order} LIMIT ? OFFSET ?) ${order}`,
      params: [...filtered.params, ...viewer, params.size, offset],
    };
  } else {
    // The count as a subquery of the page's statement: one round trip, and the count and the page
    // describe the same moment. PostgreSQL works it out once.
    const columns = select(viewer.length > 0, asInt, `(${count.sql}) AS "total", `);
    if (params.sort === "cluster") {
      const ids = clusterOrderIdsOnPostgres(filtered, params.dir, params.size, offset);
      page = { sql: `${columns} WHERE r."id" IN (${ids.sql}) ${order}`, params: [...count.params, ...viewer, ...ids.params] };
    } else page = { sql: `${columns} ${filtered.sql} ${order} LIMIT ? OFFSET ?`, params: [...count.params, ...viewer, ...filtered.params, params.size, offset] };
  }
  // Only a page past the end, which has no row to carry the count, asks for it on its own.
  type Counted = QueuePageRow & { total: bigint };
  const found = await db.$queryRawUnsafe<Counted[]>(enginePlaceholders(page.sql), ...page.params);
  const rows = found.map(({ total: _total, ...row }) => row);
  if (found[0]) return { counted: Number(found[0].total), rows };
  const [counted] = await db.$queryRawUnsafe<Array<{ count: bigint }>>(enginePlaceholders(count.sql), ...count.params);
  return { counted: Number(counted!.count), rows };
}
