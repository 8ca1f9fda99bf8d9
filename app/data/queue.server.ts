// The SQL behind the coordinators' queue (and, scoped to one cluster, the cluster portal):
// filtered, searched, sorted and paginated in the database, never in the browser
// (app/domain/queue/queue.server.ts turns its rows into the page's). Written for SQLite by hand
// on the read-only connection (docs/decisions/010-queue-reads.md): Prisma spent more time
// compiling these queries than SQLite spent answering them, the plan for a large filter with
// another column's order has to be chosen here (rowids, `+column`), and search reads the FTS5
// trigram index. On PostgreSQL the same filters run as one statement that counts and reads the
// page, search through the pg_trgm index, and its planner chooses (decisions 051, 053).
import type { QueueParams } from "~/schemas/queue";
import { type RequestScope, scopeSql } from "~/domain/auth/access";
import { normalizeForSearch } from "~/domain/queue/search";
import { attentionRank } from "~/domain/requests/request-keys";
import { OPEN_STATUSES, STATUSES, type Status } from "~/domain/requests/state-machine";
import { CATEGORIES, type Category, type Urgency } from "~/domain/taxonomy";
import { db, enginePlaceholders, onPostgres } from "./db.server";
import { readDb, readStatement } from "./read-db.server";
import { sqliteTimestamp } from "./sqlite-time";

/** The statuses waiting on a coordinator (attentionRank 0). */
const WAITING = STATUSES.filter((status) => attentionRank(status) === 0);

/** Counting substring matches reads every match; past this many we say "more than". */
export const SEARCH_COUNT_CAP = 1000;

type Dir = "asc" | "desc";
const flip = (dir: Dir): Dir => (dir === "asc" ? "desc" : "asc");

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
 * Whose list it is: a cluster's (the portal, scoped to it), or a staff member's (`viewerId`:
 * what "mine" means in the owner filter, and whose "unread" marks it shows).
 */
export type QueueScope = { requests?: RequestScope; viewerId?: string };

/** Enterprise activity the viewer has not seen (app/domain/requests/unread.server.ts); one parameter, the viewer's id. */
const UNREAD_IDS = `SELECT "requestId" FROM "RequestUnread" WHERE "userId" = ?`;

/**
 * A filter as SQL. `column` writes a filtered column: plain, or as `+r."x"`, which tells
 * SQLite not to look the filter up by index but to walk the sort order's index instead.
 */
type Filter = {
  sql: (column: (name: string) => string) => string;
  params: unknown[];
  /** Another way to test the same thing, cheaper row by row while walking the sort's index. */
  whileWalking?: Omit<Filter, "whileWalking">;
  /**
   * Matches few rows, and not spread evenly along any order (a person's unread marks): read by
   * its own index and sort the matches, whatever the count says.
   */
  selective?: true;
  /** Implied by the other filters, so no use to the count: it only tells the page's read where to start. */
  pageOnly?: true;
  /** A search through the trigram index: its MATCH phrase, to count matches as the index yields them. */
  match?: string;
  /**
   * The same test as alternatives no row meets both of: counted one by one and added up, each
   * a plain range of an index, where SQLite would gather the rowids of an OR to drop doubles.
   */
  disjoint?: Omit<Filter, "disjoint">[];
  /** How many requests match when this is the only filter, counted without reading Request. */
  countAlone?: { sql: string; params: unknown[] };
};

const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

function queueFilters(params: QueueParams, scope: QueueScope, now: Date): Filter[] {
  const filters: Filter[] = [];
  const open = [...OPEN_STATUSES];
  const scoped = scope.requests && scopeSql(scope.requests);
  if (scoped) filters.push(scoped);
  if (params.status.length) {
    const status: Filter = { sql: (c) => `${c("status")} IN (${placeholders(params.status)})`, params: params.status };
    const ranks = params.status.map(attentionRank);
    // Walking the default order's index, whose first column follows from the status: start and
    // stop at the statuses' ranks instead of walking every request of the ranks before them.
    filters.push(
      params.sort === "priority"
        ? {
            ...status,
            whileWalking: {
              sql: (c) => `r."attentionRank" BETWEEN ? AND ? AND ${status.sql(c)}`,
              params: [Math.min(...ranks), Math.max(...ranks), ...params.status],
            },
          }
        : status,
    );
  }
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
  if (params.sector) filters.push({ sql: (c) => `${c("sector")} = ?`, params: [params.sector] });
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
      params: [onPostgres ? now : sqliteTimestamp(now)],
    });
  if (params.duplicates)
    filters.push({
      sql: (c) => `${c("possibleDuplicateOfId")} IS NOT NULL AND ${c("status")} IN (${placeholders(open)})`,
      params: open,
    });
  // Read from the viewer's own marks: as many as they have left unread, whatever the table's size.
  // Alone, the marks are the count: each belongs to a request (deleted with it).
  if (params.unread && scope.viewerId)
    filters.push({
      sql: (c) => `${c("id")} IN (${UNREAD_IDS})`,
      params: [scope.viewerId],
      selective: true,
      countAlone: { sql: `SELECT count(*) FROM "RequestUnread" WHERE "userId" = ?`, params: [scope.viewerId] },
    });
  // "Waiting on a coordinator": the statuses whose next move is theirs (attentionRank 0).
  if (params.waiting) filters.push({ sql: (c) => `${c("status")} IN (${placeholders(WAITING)})`, params: [...WAITING] });
  const owner = ownerFilter(params.owner, scope);
  if (owner) filters.push(owner);
  // The default order walks (attentionRank, …) from its start, past everything waiting on a
  // coordinator. Without a status filter (which bounds the walk itself, above), "waiting" says
  // which rank can match: naming it, always by index, starts the walk there.
  if (params.sort === "priority" && params.waiting && !params.status.length) {
    const ranks = [...new Set(WAITING.map(attentionRank))];
    filters.push({ sql: () => `r."attentionRank" IN (${placeholders(ranks)})`, params: ranks, pageOnly: true });
  }
  if (params.q) filters.push(searchFilter(params.q));
  return filters;
}

/** "Mine", "nobody's", "mine or nobody's" or one person's, for a staff member's queue. */
function ownerFilter(owner: QueueParams["owner"], scope: QueueScope): Filter | null {
  if (!owner || owner === "any" || !scope.viewerId || (scope.requests && scope.requests.kind !== "all")) return null;
  if (owner === "nobody") return { sql: (c) => `${c("ownerId")} IS NULL`, params: [] };
  if (owner === "me-or-nobody")
    return {
      sql: (c) => `(${c("ownerId")} = ? OR ${c("ownerId")} IS NULL)`,
      params: [scope.viewerId],
      disjoint: [
        { sql: (c) => `${c("ownerId")} = ?`, params: [scope.viewerId] },
        { sql: (c) => `${c("ownerId")} IS NULL`, params: [] },
      ],
    };
  return { sql: (c) => `${c("ownerId")} = ?`, params: [owner === "me" ? scope.viewerId : owner] };
}

/**
 * A reference or an EDRPOU is looked up exactly (indexed); other text of three characters or
 * more through the trigram index ("RequestSearch", a phrase: the words in that order, as a
 * substring); shorter text by scanning the column.
 */
function searchFilter(q: string): Filter {
  const trimmed = q.trim();
  if (/^rrc-\d{4}-\d{6}$/i.test(trimmed)) return { sql: (c) => `${c("reference")} = ?`, params: [trimmed.toUpperCase()] };
  if (/^\d{8}(\d{2})?$/.test(trimmed)) return { sql: (c) => `${c("enterpriseId")} = (SELECT "id" FROM "Enterprise" WHERE "edrpou" = ?)`, params: [trimmed] };
  const text = normalizeForSearch(trimmed);
  const scan: Filter = { sql: (c) => `${c("searchText")} LIKE ? ESCAPE '\\'`, params: [`%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`] };
  // PostgreSQL's trigram index (pg_trgm, prisma/postgres/migrations) serves the LIKE itself.
  if ([...text].length < 3 || onPostgres) return scan;
  // A common word matches much of the table: then testing each row met on the sort's index is
  // cheaper than collecting every match from the search index first.
  const phrase = `"${text.replaceAll('"', '""')}"`;
  return {
    sql: (c) => `${c("rowid")} IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?)`,
    params: [phrase],
    whileWalking: scan,
    match: phrase,
  };
}

/** The filters as a WHERE clause and its parameters, for reading by index (plain) or walking. */
function where(filters: Filter[], column: (name: string) => string): { sql: string; params: unknown[] } {
  const { sql, params } = conditions(filters, column);
  return { sql: sql ? `WHERE ${sql}` : "", params };
}

/** The filters' conditions joined by AND ("" for none). */
function conditions(filters: Filter[], column: (name: string) => string): { sql: string; params: unknown[] } {
  const used = filters.map((f) => (column === unindexed && f.whileWalking ? f.whileWalking : f));
  return { sql: used.map((f) => `(${f.sql(column)})`).join(" AND "), params: used.flatMap((f) => f.params) };
}

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
 * The count of `counting` as a sum of counts, one per alternative of its disjoint filter (each a
 * plain range of an index), as an SQL expression; null when no filter has such alternatives.
 */
function disjointCount(counting: Filter[]): { sql: string; params: unknown[] } | null {
  const split = counting.find((f) => f.disjoint);
  if (!split?.disjoint) return null;
  const parts = split.disjoint.map((part) => where(counting.map((f) => (f === split ? part : f)), plain));
  return { sql: parts.map((part) => `(SELECT count(*) FROM "Request" r ${part.sql})`).join(" + "), params: parts.flatMap((part) => part.params) };
}

const plain = (name: string) => `r."${name}"`;
const unindexed = (name: string) => `+r."${name}"`;

/**
 * Rows a page may read walking the sort order's index before the filters' own indexes (then a
 * sort of the matches) become the cheaper way: with `matched` of `total` rows passing the
 * filters, reaching the page's last row takes about (offset + size) × total / matched steps.
 */
const SORT_INDEX_WALK_LIMIT = 20_000;

type QueuePageRow = {
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
  unread: number;
  ownerId: string | null;
  ownerName: string | null;
};

const CLUSTER_JOIN = `LEFT JOIN "Cluster" c ON c."id" = r."assignedClusterId"`;

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
 * The page's columns; with a viewer, whether each row has activity they have not seen (one
 * parameter). Flags come as 0/1 on either engine. `leading`: columns before them (their
 * parameters come first).
 */
const select = (viewer: boolean, asInt = (flag: string) => flag, leading = "") => `SELECT ${leading}r."id", r."reference", r."title", r."category", r."urgency", r."region", r."status",
  r."createdAt", r."nextDueAt", r."lastActivityAt", r."possibleDuplicateOfId", ${asInt(`r."notAcceptedInTime"`)} AS "notAcceptedInTime", r."enterpriseName",
  c."slug" AS "clusterSlug", c."nameUk" AS "clusterNameUk", c."nameEn" AS "clusterNameEn",
  r."ownerId", o."name" AS "ownerName",
  ${viewer ? asInt(`EXISTS (SELECT 1 FROM "RequestUnread" u WHERE u."userId" = ? AND u."requestId" = r."id")`) : "0"} AS "unread"
  FROM "Request" r ${CLUSTER_JOIN} LEFT JOIN "User" o ON o."id" = r."ownerId"`;

/**
 * How to read a filtered page: "auto" chooses by the count (SORT_INDEX_WALK_LIMIT); tests force
 * "lookup" (by the filters' indexes) or "walk" (along the sort's index) to check both agree.
 */
export type QueuePlan = "auto" | "lookup" | "walk";

type QueuePage = { counted: number; rows: QueuePageRow[] };

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

async function readQueuePageOnPostgres(params: QueueParams, scope: QueueScope, now: Date): Promise<QueuePage> {
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
