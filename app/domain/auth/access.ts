// What a signed-in person may see: the one rule every list, page, export, document and link
// applies. Coordinators and admins see every request; a cluster member sees only the requests
// one of whose lines is their own cluster's (and nothing if their account has no cluster): of a
// request of one line, those assigned to it (decision 055). What a person
// may *do* to a request they can see is the state machine's table (requests/state-machine.ts),
// which pages a role may open is auth.server.ts (PAGES_FOR and the guards).
//
// The rule is a value, a `RequestScope`, so each reader can apply it the way it reads: as a
// Prisma `where`, as SQL on the request table, or to a request already read.
import type { Role } from "~/generated/prisma/client";
import { raw } from "~/data/sql";

/** A signed-in person, as far as access is concerned. */
export type Viewer = { id: string; role: Role; clusterId: string | null };

/** Which requests a person may see. */
export type RequestScope = { kind: "all" } | { kind: "cluster"; clusterId: string } | { kind: "none" };

/** Coordinators and admins: they see every request and work the queue. */
export function isStaff(viewer: Pick<Viewer, "role">): boolean {
  return viewer.role !== "CLUSTER_MEMBER";
}

/** The cluster a person acts for (a member's documents and notes are marked with it); null for staff. */
export function actingCluster(viewer: Pick<Viewer, "role" | "clusterId">): string | null {
  return isStaff(viewer) ? null : viewer.clusterId;
}

export function requestScope(viewer: Pick<Viewer, "role" | "clusterId">): RequestScope {
  if (isStaff(viewer)) return { kind: "all" };
  return viewer.clusterId ? { kind: "cluster", clusterId: viewer.clusterId } : { kind: "none" };
}

/** A line's own: a line the cluster holds and that still counts (not joined away). */
const holds = (clusterId: string) => ({ clusterId, status: { not: "CANCELLED" as const } });

/** The scope as a Prisma `where` on Request (spread it into the query's own). */
export function scopeWhere(scope: RequestScope): { lines?: { some: ReturnType<typeof holds> }; id?: { in: string[] } } {
  if (scope.kind === "all") return {};
  if (scope.kind === "cluster") return { lines: { some: holds(scope.clusterId) } };
  return { id: { in: [] } };
}

/**
 * The scope as SQL on the request table. `sql` takes how the query names a column of that
 * table (e.g. `(name) => \`r."${name}"\``) and gives the condition; `params` are its values.
 * Null when the scope lets everything through, so the query adds no condition (and its planner
 * keeps its choice of index).
 */
export function scopeSql(scope: RequestScope): { sql: (column: (name: string) => string) => string; params: string[]; requestIds?: string } | null {
  if (scope.kind === "all") return null;
  if (scope.kind === "cluster") {
    // The cluster's lines first, from their (clusterId, status) index, not a correlated EXISTS
    // per request read (measured in decision 055). `requestIds` is that list alone (same
    // parameters), for a query that reads it its own way.
    const requestIds = `SELECT "scopeLine"."requestId" FROM "RequestLine" "scopeLine" WHERE "scopeLine"."clusterId" = ? AND "scopeLine"."status" <> 'CANCELLED'`;
    return { sql: (column) => `${column("id")} IN (${requestIds})`, params: [scope.clusterId], requestIds };
  }
  return { sql: () => "0 = 1", params: [] };
}

/**
 * A request's filed details (and a defence order's sensitive ones) are its first line's: staff
 * see them, and a member of the cluster that holds that line now (decision 055). The request's
 * page and a cluster's own weekly export both ask this.
 */
export function seesFiledDetails(viewer: Pick<Viewer, "role" | "clusterId">, firstLineClusterId: string | null): boolean {
  return isStaff(viewer) || (firstLineClusterId !== null && firstLineClusterId === viewer.clusterId);
}

/** The same rule for a request already read with its lines (e.g. one linked from another). */
export function inScope(scope: RequestScope, request: { lines: ReadonlyArray<{ clusterId: string | null; status: string }> }): boolean {
  if (scope.kind === "all") return true;
  return scope.kind === "cluster" && request.lines.some((line) => line.clusterId === scope.clusterId && line.status !== "CANCELLED");
}

/**
 * The rule read the other way, as typed SQL on the user table (aliased `u`): true for the active
 * people who see a request whose lines are held by `clusterIds` (none: staff alone).
 */
export const seesClusterRequest = (clusterIds: readonly string[]) =>
  clusterIds.length
    ? raw<boolean>`u."active" = ${true} AND (u."role" <> 'CLUSTER_MEMBER' OR u."clusterId" IN (${raw.join(clusterIds)}))`
    : raw<boolean>`u."active" = ${true} AND u."role" <> 'CLUSTER_MEMBER'`;

/** A viewer's scope as a Prisma `where` on Request: `{ reference, ...visibleTo(viewer) }`. */
export function visibleTo(viewer: Pick<Viewer, "role" | "clusterId">) {
  return scopeWhere(requestScope(viewer));
}
