// Which member cluster is best placed to take a request: the one matching rule, pure so it can
// be tested on hand-made fixtures. Every recommendation comes with the reasons behind its score
// (typed, so the UI renders them in Ukrainian or English; see app/i18n/messages/matching.ts).
// The server side (cluster-matching.server.ts) only gathers the numbers.
import { type Category, sectorOfDivision } from "../taxonomy";

/** A cluster as the rule sees it: what it does, where, and how it has handled requests so far. */
export type ClusterCandidate = {
  id: string;
  slug: string;
  nameUk: string;
  nameEn: string;
  capabilities: readonly Category[];
  /** Regions (ISO 3166-2:UA) it serves; its home region counts as served even if not listed. */
  regions: readonly string[];
  homeRegion: string;
  /** The industries it serves: NACE sections ("C") and divisions ("31"). */
  sectors: readonly string[];
  /** Requests now ASSIGNED to it or IN_PROGRESS with it. */
  openCount: number;
  /** Times a request was assigned to it, including offers still pending or pulled back. */
  assignedTotal: number;
  acceptedTotal: number;
  /** Assignments it declined or let lapse (decline + acceptTimeout). */
  declinedTotal: number;
  resolvedTotal: number;
  /** It declined this very request, or let it lapse: offering it again would waste time. */
  declinedThisRequest: boolean;
  active: boolean;
};

/** The request being matched. */
export type MatchRequest = {
  category: Category;
  region: string;
  /** The enterprise's NACE section and class ("31.01"); null on requests filed before they were asked. */
  sector?: string | null;
  naceClass?: string | null;
  /** The cluster the request is assigned to now, if any: reassigning to it is not a choice. */
  assignedClusterId?: string | null;
};

/**
 * One reason behind a score. `points` is its share of the score (the score is their sum);
 * `rate` is the observed share (0..1) before smoothing, `of` how many requests it is taken over.
 */
export type MatchReason =
  | { kind: "handlesCategory"; points: number }
  | { kind: "lacksCategory"; points: number }
  | { kind: "servesRegion"; points: number }
  | { kind: "homeRegion"; points: number }
  | { kind: "outsideRegion"; points: number }
  | { kind: "sameDivision"; division: string; points: number }
  | { kind: "sameSector"; sector: string; points: number }
  | { kind: "otherSector"; points: number }
  | { kind: "openLoad"; open: number; points: number }
  | { kind: "acceptRate"; accepted: number; of: number; rate: number; points: number }
  | { kind: "resolveRate"; resolved: number; of: number; rate: number; points: number }
  | { kind: "noHistory"; points: number };
export type MatchReasonKind = MatchReason["kind"];

export const MATCH_REASON_KINDS = [
  "handlesCategory",
  "lacksCategory",
  "servesRegion",
  "homeRegion",
  "outsideRegion",
  "sameDivision",
  "sameSector",
  "otherSector",
  "openLoad",
  "acceptRate",
  "resolveRate",
  "noHistory",
] as const satisfies readonly MatchReasonKind[];

export type RankedCluster = { cluster: ClusterCandidate; score: number; reasons: MatchReason[] };

// The weights. The tiers are strict: the worst case of a higher tier still beats the best case
// of every lower tier together (checked in tests/unit/cluster-matching.test.ts).

/** Handling the category is what helps the enterprise at all: outweighs region, industry, load and record together (55 + 8 + 20 + 20). */
const CATEGORY_WEIGHT = 105;
/** Being in the region saves travel and brings local contacts: outweighs industry, load and record together (8 + 20 + 20). */
const SERVES_REGION_WEIGHT = 50;
/** Being based there helps a little more than only serving it; about two open requests' worth. */
const HOME_REGION_BONUS = 5;
/**
 * Serving the enterprise's own industry — its division ("manufacture of furniture"): the
 * cluster knows its suppliers, machines and standards; about four open requests' worth, more
 * than being based in the region. Serving only the section (all of manufacturing) says less.
 */
const SAME_DIVISION_BONUS = 8;
const SAME_SECTOR_BONUS = 4;
/** Each request a cluster already carries slows the next one down. */
const OPEN_LOAD_PENALTY = 2;
/** Past this many open requests a cluster is simply busy; counting more would bury a region's only expert. */
export const MAX_COUNTED_OPEN = 10;
/** Taking requests on when asked; a smoothed rate of 1 earns +5, 0 earns −5 (centred on the prior). */
const ACCEPT_RATE_WEIGHT = 10;
/** Seeing accepted requests through to resolution; same scale as acceptance. */
const RESOLVE_RATE_WEIGHT = 10;
/** The neutral rate a cluster without history is assumed to have: neither reliable nor unreliable. */
const PRIOR_RATE = 0.5;
/** The prior counts as this many requests, so one lucky (or unlucky) request moves a rate only a little. */
const PRIOR_WEIGHT = 4;

/**
 * Bayesian (beta-binomial) smoothing: the observed successes plus PRIOR_WEIGHT imagined requests
 * at PRIOR_RATE. With no history it is PRIOR_RATE; with a long history it tends to the observed rate.
 */
export function smoothedRate(successes: number, trials: number) {
  return (successes + PRIOR_RATE * PRIOR_WEIGHT) / (trials + PRIOR_WEIGHT);
}

/** Whether the rule would ever offer this cluster the request. */
function isEligible(request: MatchRequest, cluster: ClusterCandidate) {
  return cluster.active && !cluster.declinedThisRequest && cluster.id !== request.assignedClusterId;
}

/** Scores one cluster for the request, with the reasons (their points add up to the score). */
function scoreCluster(request: MatchRequest, cluster: ClusterCandidate): Omit<RankedCluster, "cluster"> {
  const reasons: MatchReason[] = [];

  reasons.push(cluster.capabilities.includes(request.category) ? { kind: "handlesCategory", points: CATEGORY_WEIGHT } : { kind: "lacksCategory", points: 0 });

  const isHome = cluster.homeRegion === request.region;
  if (isHome || cluster.regions.includes(request.region)) {
    reasons.push({ kind: "servesRegion", points: SERVES_REGION_WEIGHT });
    if (isHome) reasons.push({ kind: "homeRegion", points: HOME_REGION_BONUS });
  } else {
    reasons.push({ kind: "outsideRegion", points: 0 });
  }

  const industry = industryReason(request, cluster);
  if (industry) reasons.push(industry);

  const open = Math.max(0, cluster.openCount);
  reasons.push({ kind: "openLoad", open, points: penalty(OPEN_LOAD_PENALTY * Math.min(open, MAX_COUNTED_OPEN)) });

  // Acceptance is judged on the offers it answered (accepted, declined or let lapse); offers
  // still pending or pulled back by a coordinator say nothing about the cluster.
  const accepted = Math.max(0, cluster.acceptedTotal);
  const answered = accepted + Math.max(0, cluster.declinedTotal);
  // Resolution is judged on the requests it accepted; resolved can never exceed that.
  const resolved = Math.min(Math.max(0, cluster.resolvedTotal), accepted);
  if (answered === 0) {
    reasons.push({ kind: "noHistory", points: 0 });
  } else {
    reasons.push({
      kind: "acceptRate",
      accepted,
      of: answered,
      rate: accepted / answered,
      points: recordPoints(ACCEPT_RATE_WEIGHT, accepted, answered),
    });
    if (accepted > 0) {
      reasons.push({
        kind: "resolveRate",
        resolved,
        of: accepted,
        rate: resolved / accepted,
        points: recordPoints(RESOLVE_RATE_WEIGHT, resolved, accepted),
      });
    }
  }

  return { score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons };
}

/**
 * The eligible clusters, best first: highest score, then slug (so the order never depends on the
 * order the database returned them in). `limit` keeps the first few.
 */
export function rankClusters(
  request: MatchRequest,
  candidates: readonly ClusterCandidate[],
  { limit = Number.POSITIVE_INFINITY }: { limit?: number } = {},
): RankedCluster[] {
  return candidates
    .filter((cluster) => isEligible(request, cluster))
    .map((cluster) => ({ cluster, ...scoreCluster(request, cluster) }))
    .sort((a, b) => b.score - a.score || compareSlugs(a.cluster.slug, b.cluster.slug))
    .slice(0, Math.max(0, Math.floor(limit)));
}

/**
 * How the cluster's industries meet the enterprise's: its division (of the class code the
 * enterprise gave), else its section, served directly or through one of its divisions. Nothing
 * when the request or the cluster has no industry to compare.
 */
function industryReason(request: MatchRequest, cluster: ClusterCandidate): MatchReason | null {
  if (!request.sector || cluster.sectors.length === 0) return null;
  const division = request.naceClass?.slice(0, 2);
  if (division && cluster.sectors.includes(division)) return { kind: "sameDivision", division, points: SAME_DIVISION_BONUS };
  if (cluster.sectors.some((code) => code === request.sector || sectorOfDivision(code) === request.sector)) {
    return { kind: "sameSector", sector: request.sector, points: SAME_SECTOR_BONUS };
  }
  return { kind: "otherSector", points: 0 };
}

/** Centred on the prior: no history scores 0, a record better than neutral scores above it. */
function recordPoints(weight: number, successes: number, trials: number) {
  return weight * (smoothedRate(successes, trials) - PRIOR_RATE);
}

/** A deduction as a negative number; never −0, which would read oddly and compare unequal in tests. */
function penalty(amount: number) {
  return 0 - amount;
}

/** Code-unit order, not locale collation: slugs are ASCII and the order must be the same everywhere. */
function compareSlugs(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}
