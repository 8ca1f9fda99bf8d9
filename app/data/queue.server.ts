// The SQL behind the coordinators' queue (and, scoped to one cluster, the cluster portal):
// filtered, searched, sorted and paginated in the database, never in the browser
// (app/domain/queue/queue.server.ts turns its rows into the page's). Written for SQLite by hand
// on the read-only connection (docs/decisions/010-queue-reads.md): Prisma spent more time
// compiling these queries than SQLite spent answering them, the plan for a large filter with
// another column's order has to be chosen here (rowids, `+column`), and search reads the FTS5
// trigram index. On PostgreSQL the same filters run as one statement that counts and reads the
// page, search through the pg_trgm index, and its planner chooses (decisions 051, 053).
import type { QueueParams } from "~/schemas/queue";
import { onPostgres } from "./db.server";
import { readDb, readStatement } from "./read-db.server";
import { readQueuePageOnPostgres } from "./queue-postgres.server";
import { type Dir, type Filter, type QueuePage, type QueuePageRow, type QueueScope, SEARCH_COUNT_CAP, conditions, disjointCount, flip, placeholders, plain, queueFilters, select, unindexed, where } from "./queue-filters.server";

export { SEARCH_COUNT_CAP, type QueueScope };

/**
 * ORDER BY per column. Each ends in the row id, so a page boundary never depends on how the
 * database happened to break a tie, and each is read from one index forwards or backwards
 * (prisma/schema.prisma); the cluster order walks the clusters in slug order (clusterOrderRowids).
 */
const ORDER: Record<QueueParams["sort"], (dir: Dir) => string> = {
  // Read from one index (attentionRank, urgencyRank, dueSortAt, createdAt) forwards or backwards.
  priority: (dir) => `r."attentionRank" ${dir}, r."urgencyRank" ${dir}, r."dueSortAt" ${dir}, r."createdAt" ${dir}, r."rowid" ${dir}`,
  reference: (dir) => `r."reference" ${dir}`,
  enterprise: (dir) => `r."enterpriseName" ${dir}, r."createdAt" desc, r."rowid" desc`,
  // Within a category (region), oldest first ascending and newest first descending: one index
  // read forwards or backwards.
  category: (dir) => `r."category" ${dir}, r."createdAt" ${dir}, r."rowid" ${dir}`,
  urgency: (dir) => `r."urgencyRank" ${dir}, r."createdAt" asc, r."rowid" asc`,
  region: (dir) => `r."region" ${dir}, r."createdAt" ${dir}, r."rowid" ${dir}`,
  status: (dir) => `r."statusRank" ${dir}, r."createdAt" asc, r."rowid" asc`,
  cluster: (dir) => `c."slug" ${dir}, r."createdAt" desc, r."rowid" desc`,
  // Oldest first is "age, descending".
  age: (dir) => `r."createdAt" ${flip(dir)}, r."rowid" ${flip(dir)}`,
  // Ascending (the default) is one indexed key: lapsed assignments first, then by due time,
  // nothing due last (sla.ts dueSortAt). Descending keeps nothing due (final or paused) last too:
  // SQLite puts NULL last in a descending order.
  due: (dir) => (dir === "asc" ? `r."dueSortAt" asc, r."createdAt" asc, r."rowid" asc` : `r."nextDueAt" desc, r."createdAt" asc, r."rowid" desc`),
  updated: (dir) => `r."lastActivityAt" ${dir}, r."rowid" ${dir}`,
};

/**
 * How many requests match, up to SEARCH_COUNT_CAP + 1 for a search; for a search through the
 * trigram index also `reach`: the largest rowid among the matches counted. The index yields
 * matches in rowid order as it reads them, so a common word stops after its first thousand
 * (`x IN (SELECT … MATCH …)` would collect every match first); and how far into the table those
 * reached tells how common the text is beyond the cap.
 */
function countMatches(filters: Filter[], capped: boolean): { counted: number; reach: number | null } {
  const counting = filters.filter((f) => !f.pageOnly);
  const search = counting.find((f) => f.match !== undefined);
  if (search?.match !== undefined) {
    const others = conditions(
      counting.filter((f) => f !== search),
      plain,
    );
    // CROSS JOIN: SQLite keeps this order, the index's matches first.
    return readStatement(
      `SELECT count(*) AS "counted", max("rowid") AS "reach" FROM (SELECT r."rowid" FROM "RequestSearch" s CROSS JOIN "Request" r ON r."rowid" = s."rowid"
        WHERE s."RequestSearch" MATCH ? ${others.sql ? `AND ${others.sql}` : ""} LIMIT ${SEARCH_COUNT_CAP + 1})`,
    ).get(search.match, ...others.params) as { counted: number; reach: number | null };
  }
  const [only] = counting;
  if (counting.length === 1 && only?.countAlone && !capped) return { counted: readStatement(only.countAlone.sql).get(...only.countAlone.params) as number, reach: null };
  const split = disjointCount(counting);
  if (split && !capped) return { counted: readStatement(`SELECT ${split.sql}`).get(...split.params) as number, reach: null };
  const indexed = where(counting, plain);
  const counted = readStatement(
    capped
      ? `SELECT count(*) FROM (SELECT 1 FROM "Request" r ${indexed.sql} LIMIT ${SEARCH_COUNT_CAP + 1})`
      : `SELECT count(*) FROM "Request" r ${indexed.sql}`,
  ).get(...indexed.params) as number;
  return { counted, reach: null };
}

/**
 * Rows a page may read walking the sort order's index before the filters' own indexes (then a
 * sort of the matches) become the cheaper way: with `matched` of `total` rows passing the
 * filters, reaching the page's last row takes about (offset + size) × total / matched steps.
 */
const SORT_INDEX_WALK_LIMIT = 20_000;

/**
 * The page's rowids in cluster order (slug, then newest first) as two runs, each read in index
 * order with no sort: the requests without a cluster (first ascending, last descending), and
 * the rest by walking the clusters in slug order and each cluster's requests by its index.
 */
function clusterOrderRowids(filters: Filter[], column: (name: string) => string, dir: Dir, size: number, offset: number): number[] {
  const { sql: filtered, params: filterParams } = where(filters, column);
  const and = (condition: string) => (filtered ? `${filtered} AND ${condition}` : `WHERE ${condition}`);
  const unassigned = `FROM "Request" r ${and(`r."assignedClusterId" IS NULL`)}`;
  const assigned = `FROM "Cluster" c JOIN "Request" r ON r."assignedClusterId" = c."id" ${filtered}`;
  const runs = [
    { from: unassigned, order: `r."createdAt" desc, r."rowid" desc` },
    { from: assigned, order: `c."slug" ${dir}, r."createdAt" desc, r."rowid" desc` },
  ];
  if (dir === "desc") runs.reverse();
  const [first, second] = runs as [(typeof runs)[number], (typeof runs)[number]];
  // Only whether the page starts or ends in the first run matters: count no further than its end.
  const firstCount = readStatement(`SELECT count(*) FROM (SELECT 1 ${first.from} LIMIT ?)`).get(...filterParams, offset + size) as number;
  const read = (run: (typeof runs)[number], limit: number, skip: number) =>
    limit > 0 ? (readStatement(`SELECT r."rowid" ${run.from} ORDER BY ${run.order} LIMIT ? OFFSET ?`).all(...filterParams, limit, skip) as number[]) : [];
  const fromFirst = read(first, Math.min(size, firstCount - offset), offset);
  return [...fromFirst, ...read(second, size - fromFirst.length, Math.max(0, offset - firstCount))];
}

/**
 * How to read a filtered page: "auto" chooses by the count (SORT_INDEX_WALK_LIMIT); tests force
 * "lookup" (by the filters' indexes) or "walk" (along the sort's index) to check both agree.
 */
export type QueuePlan = "auto" | "lookup" | "walk";

/** The page of `params` and how many requests match (up to SEARCH_COUNT_CAP + 1 for a search), read at one moment. */
export async function readQueuePage(params: QueueParams, scope: QueueScope, now: Date, plan: QueuePlan): Promise<QueuePage> {
  return onPostgres ? readQueuePageOnPostgres(params, scope, now) : readQueuePageOnSqlite(params, scope, now, plan);
}

function readQueuePageOnSqlite(params: QueueParams, scope: QueueScope, now: Date, plan: QueuePlan): QueuePage {
  const filters = queueFilters(params, scope, now);
  const capped = params.q !== undefined;
  const offset = (params.page - 1) * params.size;
  const prepare = readStatement;
  // One read transaction: the count and the page describe the same moment.
  return readDb().transaction(() => {
    const { counted, reach } = countMatches(filters, capped);
    let column = plan === "walk" ? unindexed : plain;
    if (plan === "auto" && filters.length && counted > 0 && !filters.some((f) => f.selective)) {
      // The table's size from its last rowid (new rows take the next one): counting a million
      // rows would cost more than the page.
      const total = prepare(`SELECT max("rowid") FROM "Request"`).get() as number;
      // Past the search's cap, its matches are as dense as they were up to `reach`.
      const matched = reach !== null && counted > SEARCH_COUNT_CAP ? (counted * total) / reach : counted;
      if (((offset + params.size) * total) / matched <= SORT_INDEX_WALK_LIMIT) column = unindexed;
    }
    // The page's rows are found first by rowid alone (from the sort's index, which holds it: a
    // deep page skips index entries, not table rows), then read in full.
    const order = ORDER[params.sort](params.dir);
    const filtered = where(filters, column);
    const rowids =
      params.sort === "cluster"
        ? clusterOrderRowids(filters, column, params.dir, params.size, offset)
        : (prepare(`SELECT r."rowid" FROM "Request" r ${filtered.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
            ...filtered.params,
            params.size,
            offset,
          ) as number[]);
    const viewer = scope.viewerId ? [scope.viewerId] : [];
    const rows = rowids.length
      ? (prepare(`${select(viewer.length > 0)} WHERE r."rowid" IN (${placeholders(rowids)}) ORDER BY ${order}`).all(...viewer, ...rowids) as QueuePageRow[])
      : [];
    return { counted, rows };
  })();
}

