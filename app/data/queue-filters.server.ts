// The queue's filters as SQL, for both engines' readers (queue.server.ts for SQLite,
// queue-postgres.server.ts): what each filter of the URL tests, how a page's columns are read,
// and the counts that add up ranges of an index. See queue.server.ts for why this is SQL.
import type { QueueParams } from "~/schemas/queue";
import { type RequestScope, scopeSql } from "~/domain/auth/access";
import { normalizeForSearch } from "~/domain/queue/search";
import { attentionRank } from "~/domain/requests/request-keys";
import { OPEN_STATUSES, STATUSES, type Status } from "~/domain/requests/state-machine";
import { type Category, type Urgency } from "~/domain/taxonomy";
import { onPostgres } from "./db.server";
import { sqliteTimestamp } from "./sqlite-time";

/** The statuses waiting on a coordinator (attentionRank 0). */
const WAITING = STATUSES.filter((status) => attentionRank(status) === 0);

/** Counting substring matches reads every match; past this many we say "more than". */
export const SEARCH_COUNT_CAP = 1000;

export type Dir = "asc" | "desc";
export const flip = (dir: Dir): Dir => (dir === "asc" ? "desc" : "asc");

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
export type Filter = {
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

export const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

export function queueFilters(params: QueueParams, scope: QueueScope, now: Date): Filter[] {
  const filters: Filter[] = [];
  const open = [...OPEN_STATUSES];
  const scoped = scope.requests && scopeSql(scope.requests);
  if (scoped) filters.push(scoped.requestIds ? byClusterLines(scoped.requestIds, scoped.params) : scoped);
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
  // A cluster's requests are those with a line it holds, as a member's scope reads them (decision
  // 055). "No cluster yet": a need still waits for one (the request's count of such lines, kept
  // by the executor, in one index with its cluster and status).
  if (params.cluster)
    filters.push(
      byClusterLines(
        `SELECT "byCluster"."requestId" FROM "RequestLine" "byCluster" WHERE "byCluster"."clusterId" = (SELECT "id" FROM "Cluster" WHERE "slug" = ?) AND "byCluster"."status" <> 'CANCELLED'`,
        [params.cluster],
      ),
    );
  if (params.unassigned)
    filters.push({
      sql: (c) =>
        `${c("assignedClusterId")} IS NULL AND ${c("status")} IN (${placeholders(open)}) AND ${c("waitingLines")} > 0`,
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

/**
 * The requests whose ids `requestIds` lists (a cluster's, by its lines). They are few and bunched
 * along the default order (after everything waiting on a coordinator), not spread evenly:
 * - on SQLite, walking the sort's index tests membership of the matching rowids, read once:
 *   every index holds the rowid, so the walk reads no table row to test it (testing each row's
 *   id read one for each of the tens of thousands walked past: 36 ms for a member's first page
 *   of 100,000 requests, against 4 ms; decision 055);
 * - on PostgreSQL the list is read first, each request then found by its key, and the page found
 *   among the matches (`selective`, as a person's unread marks): as `IN (…)` the planner read the
 *   whole table to hash-join it with the list (135 ms for a member's first page).
 */
function byClusterLines(requestIds: string, params: unknown[]): Filter {
  if (onPostgres) return { sql: (c) => `${c("id")} = ANY(ARRAY(${requestIds}))`, params, selective: true };
  return {
    sql: (c) => `${c("id")} IN (${requestIds})`,
    params,
    whileWalking: { sql: (c) => `${c("rowid")} IN (SELECT "walked"."rowid" FROM "Request" "walked" WHERE "walked"."id" IN (${requestIds}))`, params },
  };
}

/** The filters as a WHERE clause and its parameters, for reading by index (plain) or walking. */
export function where(filters: Filter[], column: (name: string) => string): { sql: string; params: unknown[] } {
  const { sql, params } = conditions(filters, column);
  return { sql: sql ? `WHERE ${sql}` : "", params };
}

/** The filters' conditions joined by AND ("" for none). */
export function conditions(filters: Filter[], column: (name: string) => string): { sql: string; params: unknown[] } {
  const used = filters.map((f) => (column === unindexed && f.whileWalking ? f.whileWalking : f));
  return { sql: used.map((f) => `(${f.sql(column)})`).join(" AND "), params: used.flatMap((f) => f.params) };
}

/**
 * The count of `counting` as a sum of counts, one per alternative of its disjoint filter (each a
 * plain range of an index), as an SQL expression; null when no filter has such alternatives.
 */
export function disjointCount(counting: Filter[]): { sql: string; params: unknown[] } | null {
  const split = counting.find((f) => f.disjoint);
  if (!split?.disjoint) return null;
  const parts = split.disjoint.map((part) => where(counting.map((f) => (f === split ? part : f)), plain));
  return { sql: parts.map((part) => `(SELECT count(*) FROM "Request" r ${part.sql})`).join(" + "), params: parts.flatMap((part) => part.params) };
}

export const plain = (name: string) => `r."${name}"`;
export const unindexed = (name: string) => `+r."${name}"`;

export type QueuePageRow = {
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

export const CLUSTER_JOIN = `LEFT JOIN "Cluster" c ON c."id" = r."assignedClusterId"`;

/**
 * The page's columns; with a viewer, whether each row has activity they have not seen (one
 * parameter). Flags come as 0/1 on either engine. `leading`: columns before them (their
 * parameters come first).
 */
export const select = (viewer: boolean, asInt = (flag: string) => flag, leading = "") => `SELECT ${leading}r."id", r."reference", r."title", r."category", r."urgency", r."region", r."status",
  r."createdAt", r."nextDueAt", r."lastActivityAt", r."possibleDuplicateOfId", ${asInt(`r."notAcceptedInTime"`)} AS "notAcceptedInTime", r."enterpriseName",
  c."slug" AS "clusterSlug", c."nameUk" AS "clusterNameUk", c."nameEn" AS "clusterNameEn",
  r."ownerId", o."name" AS "ownerName",
  ${viewer ? asInt(`EXISTS (SELECT 1 FROM "RequestUnread" u WHERE u."userId" = ? AND u."requestId" = r."id")`) : "0"} AS "unread"
  FROM "Request" r ${CLUSTER_JOIN} LEFT JOIN "User" o ON o."id" = r."ownerId"`;

export type QueuePage = { counted: number; rows: QueuePageRow[] };

