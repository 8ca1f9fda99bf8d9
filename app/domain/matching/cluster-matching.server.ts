// Gathers what the matching rule (cluster-matching.ts) needs from the database: the request,
// every cluster, and each cluster's load and record, in a fixed handful of grouped queries
// whatever the number of clusters.
import { db } from "~/data/db.server";
import { type ClusterCandidate, type MatchRequest, type RankedCluster, rankClusters } from "./cluster-matching";
import type { Action } from "../requests/state-machine";

/** A cluster said no, or let the acceptance deadline pass. */
const DECLINES = ["decline", "acceptTimeout"] as const satisfies readonly Action[];
/** The events that make up a cluster's record; each has `clusterId` set to the cluster concerned. */
const RECORD_ACTIONS = ["assign", "accept", "resolve", ...DECLINES] as const satisfies readonly Action[];

/** The request's matching facts and every cluster as a candidate, or null if there is no such request. */
export async function loadMatchingCandidates({ requestId }: { requestId: string }): Promise<{ request: MatchRequest; candidates: ClusterCandidate[] } | null> {
  const request = await db.request.findUnique({
    where: { id: requestId },
    select: { category: true, region: true, sector: true, naceClass: true, assignedClusterId: true },
  });
  if (!request) return null;

  // Inactive clusters are loaded too: leaving them out is the rule's decision, made in one place.
  const [clusters, openByCluster, recordByCluster, declinedThis] = await Promise.all([
    db.cluster.findMany({
      select: {
        id: true,
        slug: true,
        nameUk: true,
        nameEn: true,
        homeRegion: true,
        active: true,
        capabilities: { select: { category: true } },
        regions: { select: { region: true } },
        sectors: { select: { sector: true } },
      },
    }),
    // A cluster's load: the lines it holds, handed over or in work, on requests still open (a
    // request of three lines with three clusters loads each once; decision 055). BacklogCount's
    // cluster dimension, kept by triggers: one small read whatever the number of requests.
    db.backlogCount.findMany({ where: { dimension: "cluster", value: { not: "" } }, select: { value: true, count: true } }),
    db.requestEvent.groupBy({
      by: ["clusterId", "action"],
      where: { action: { in: [...RECORD_ACTIONS] }, clusterId: { not: null } },
      _count: { _all: true },
    }),
    db.requestEvent.findMany({
      where: { requestId, action: { in: [...DECLINES] }, clusterId: { not: null } },
      select: { clusterId: true },
      distinct: ["clusterId"],
    }),
  ]);

  const open = new Map(openByCluster.map((row) => [row.value, row.count]));
  const record = new Map<string, number>();
  for (const row of recordByCluster) record.set(`${row.clusterId}:${row.action}`, row._count._all);
  const count = (clusterId: string, action: Action) => record.get(`${clusterId}:${action}`) ?? 0;
  const declinedThisRequest = new Set(declinedThis.map((event) => event.clusterId));

  const candidates = clusters.map((cluster): ClusterCandidate => ({
    id: cluster.id,
    slug: cluster.slug,
    nameUk: cluster.nameUk,
    nameEn: cluster.nameEn,
    capabilities: cluster.capabilities.map((capability) => capability.category),
    regions: cluster.regions.map((region) => region.region),
    sectors: cluster.sectors.map((sector) => sector.sector),
    homeRegion: cluster.homeRegion,
    openCount: open.get(cluster.id) ?? 0,
    assignedTotal: count(cluster.id, "assign"),
    acceptedTotal: count(cluster.id, "accept"),
    declinedTotal: DECLINES.reduce((sum, action) => sum + count(cluster.id, action), 0),
    resolvedTotal: count(cluster.id, "resolve"),
    declinedThisRequest: declinedThisRequest.has(cluster.id),
    active: cluster.active,
  }));
  return { request, candidates };
}

/** The clusters best placed to take the request, best first, each with its score and reasons; null if no such request. */
export async function recommendClusters({ requestId, limit = 5 }: { requestId: string; limit?: number }): Promise<RankedCluster[] | null> {
  const loaded = await loadMatchingCandidates({ requestId });
  if (!loaded) return null;
  return rankClusters(loaded.request, loaded.candidates, { limit });
}

/**
 * On a request of several lines, the clusters to recommend for each of `lines` (those waiting for
 * a cluster, or one's acceptance): the same rule, for the line's own need and cluster.
 */
export async function recommendClustersForLines({
  requestId,
  lines,
  limit = 5,
}: {
  requestId: string;
  lines: ReadonlyArray<{ id: string; position: number; category: MatchRequest["category"]; clusterId: string | null }>;
  limit?: number;
}) {
  const loaded = await loadMatchingCandidates({ requestId });
  if (!loaded) return [];
  return lines.map((line) => ({
    lineId: line.id,
    position: line.position,
    category: line.category,
    ranked: rankClusters({ ...loaded.request, category: line.category, assignedClusterId: line.clusterId }, loaded.candidates, { limit }),
  }));
}
