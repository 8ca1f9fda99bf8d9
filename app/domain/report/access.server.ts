// Who may export which weekly report, and with whose sensitive (defence-order) details.
import type { ReportScopeKind } from "~/schemas/reports";
import { db } from "~/data/db.server";
import { type Viewer, requestScope } from "../auth/access";
import type { ReportScope, SensitiveAccess } from "./types";

export type ReportViewer = Pick<Viewer, "role" | "clusterId">;

export type ReportAccess =
  | { ok: true; scope: ReportScope; sensitive: SensitiveAccess; cluster: { id: string; slug: string } | null }
  | { ok: false; reason: "FORBIDDEN" | "UNKNOWN_CLUSTER" };

/**
 * Coordinators and admins export everything ("all", with sensitive details), everything
 * redacted ("partners") or one cluster (redacted). A cluster member exports only their own
 * cluster; asking for anything else is refused. Without a requested scope: "all" for staff,
 * the own cluster for a member.
 */
export async function reportAccessFor({
  viewer,
  scope,
  clusterSlug,
}: {
  viewer: ReportViewer;
  scope?: ReportScopeKind;
  clusterSlug?: string;
}): Promise<ReportAccess> {
  const sees = requestScope(viewer);
  if (sees.kind === "none") return { ok: false, reason: "FORBIDDEN" };
  if (sees.kind === "cluster") {
    if (scope && scope !== "cluster") return { ok: false, reason: "FORBIDDEN" };
    const own = await db.cluster.findUnique({ where: { id: sees.clusterId }, select: { id: true, slug: true } });
    if (!own) return { ok: false, reason: "FORBIDDEN" };
    if (clusterSlug && clusterSlug !== own.slug) return { ok: false, reason: "FORBIDDEN" };
    return { ok: true, scope: { kind: "cluster", clusterId: own.id }, sensitive: { currentClusterId: own.id }, cluster: own };
  }
  const kind = scope ?? (clusterSlug ? "cluster" : "all");
  if (kind === "all") return { ok: true, scope: { kind: "all" }, sensitive: "all", cluster: null };
  if (kind === "partners") return { ok: true, scope: { kind: "partners" }, sensitive: "none", cluster: null };
  const cluster = clusterSlug ? await db.cluster.findUnique({ where: { slug: clusterSlug }, select: { id: true, slug: true } }) : null;
  if (!cluster) return { ok: false, reason: "UNKNOWN_CLUSTER" };
  return { ok: true, scope: { kind: "cluster", clusterId: cluster.id }, sensitive: "none", cluster };
}
