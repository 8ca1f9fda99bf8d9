import { describe, expect, it } from "vitest";
import {
  type ClusterCandidate,
  MATCH_REASON_KINDS,
  type MatchReason,
  type MatchRequest,
  MAX_COUNTED_OPEN,
  rankClusters,
  type RankedCluster,
  smoothedRate,
} from "~/domain/matching/cluster-matching";
import { matchingMessages, matchReasonMessage } from "~/i18n/messages/matching";

// The request every fixture is matched against: raw materials (SUPPLIES) in Kharkiv (UA-63).
const REQUEST: MatchRequest = { category: "SUPPLIES", region: "UA-63" };

/**
 * A candidate that, unless told otherwise, handles SUPPLIES, serves UA-63 without being based
 * there (home: Kyiv city), carries no open requests and has no record.
 */
function cluster(slug: string, overrides: Partial<ClusterCandidate> = {}): ClusterCandidate {
  return {
    id: `id-${slug}`,
    slug,
    nameUk: slug,
    nameEn: slug,
    capabilities: ["SUPPLIES"],
    regions: ["UA-63"],
    homeRegion: "UA-30",
    sectors: [],
    openCount: 0,
    assignedTotal: 0,
    acceptedTotal: 0,
    declinedTotal: 0,
    resolvedTotal: 0,
    declinedThisRequest: false,
    active: true,
    ...overrides,
  };
}

/** A record of answered offers: how many it accepted, declined (or let lapse), and resolved. */
function record(accepted: number, declined: number, resolved: number) {
  return { assignedTotal: accepted + declined, acceptedTotal: accepted, declinedTotal: declined, resolvedTotal: resolved };
}

const OUTSIDE = { regions: ["UA-46"], homeRegion: "UA-46" }; // Lviv: far from Kharkiv
const BASED_HERE = { homeRegion: "UA-63" };
const OTHER_WORK = { capabilities: ["LOGISTICS", "ENERGY"] } as const;

/** A furniture maker (NACE 31.01, section C) in Kharkiv needing raw materials. */
const FURNITURE_MAKER: MatchRequest = { ...REQUEST, sector: "C", naceClass: "31.01" };

/** A reason's label filled in, as the page shows it. */
function translated(reason: MatchReason, locale: "uk" | "en") {
  const { key, params } = matchReasonMessage(reason, locale);
  return matchingMessages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

const slugs = (ranked: RankedCluster[]) => ranked.map((entry) => entry.cluster.slug);
const rank = (candidates: ClusterCandidate[], request: MatchRequest = REQUEST) => slugs(rankClusters(request, candidates));

describe("rankClusters", () => {
  it("puts a cluster that handles the category above one that does not, whatever the rest", () => {
    // The worst possible specialist against the best possible local generalist.
    // specialist-far: 105 (category) + 0 (outside) − 20 (25 open, counted up to 10)
    //   + acceptance 2 of 40 → smoothed 4/44 → −4.09, resolution 0 of 2 → 2/6 → −1.67  ≈ 74.2
    // generalist-local: 0 + 50 + 5 (based here) − 0 + 100 of 100 twice → +4.81 +4.81  ≈ 64.6
    const ranked = rank([
      cluster("generalist-local", { ...OTHER_WORK, ...BASED_HERE, ...record(100, 0, 100) }),
      cluster("specialist-far", { ...OUTSIDE, openCount: 25, ...record(2, 38, 0) }),
    ]);
    expect(ranked).toEqual(["specialist-far", "generalist-local"]);
  });

  it("puts a cluster that serves the region above one that does not, whatever its load and record", () => {
    // local-busy: 100 + 50 − 20 (12 open) + acceptance 1 of 20 → 3/24 → −3.75,
    //   resolution 0 of 1 → 2/5 → −1.00                                              ≈ 125.3
    // far-idle:   100 + 0 − 0 + 50 of 50 twice → +4.63 +4.63                        ≈ 109.3
    const ranked = rank([cluster("far-idle", { ...OUTSIDE, ...record(50, 0, 50) }), cluster("local-busy", { openCount: 12, ...record(1, 19, 0) })]);
    expect(ranked).toEqual(["local-busy", "far-idle"]);
  });

  it("counts the home region a little more than only serving it", () => {
    // based-here 155 against serves-here 150 …
    expect(rank([cluster("serves-here"), cluster("based-here", BASED_HERE)])).toEqual(["based-here", "serves-here"]);
    // … but the bonus is worth less than three open requests: 155 − 6 = 149 < 150.
    expect(rank([cluster("serves-here"), cluster("based-here", { ...BASED_HERE, openCount: 3 })])).toEqual(["serves-here", "based-here"]);
  });

  it("prefers fewer open requests, and past the cap a busy cluster is simply busy", () => {
    // 0, 1 and 4 open: 150, 148, 142.
    expect(rank([cluster("four-open", { openCount: 4 }), cluster("none-open"), cluster("one-open", { openCount: 1 })])).toEqual([
      "none-open",
      "one-open",
      "four-open",
    ]);

    // 10 and 40 open both cost the capped 20 points, so the slug decides.
    const capped = rankClusters(REQUEST, [cluster("ten-open", { openCount: MAX_COUNTED_OPEN }), cluster("forty-open", { openCount: 40 })]);
    expect(slugs(capped)).toEqual(["forty-open", "ten-open"]);
    expect(capped[0]!.score).toBe(capped[1]!.score);
  });

  it("prefers a better acceptance and resolution record at equal load", () => {
    // reliable:   accepted 9 of 10 → 11/14 → +2.86; resolved 8 of 9 → 10/13 → +2.69   = +5.55
    // unfinished: accepted 9 of 10 → +2.86;          resolved 2 of 9 → 4/13 → −1.92    = +0.94
    // hesitant:   accepted 3 of 10 → 5/14 → −1.43;   resolved 3 of 3 → 5/7 → +2.14    = +0.71
    expect(rank([cluster("hesitant", record(3, 7, 3)), cluster("unfinished", record(9, 1, 2)), cluster("reliable", record(9, 1, 8))])).toEqual([
      "reliable",
      "unfinished",
      "hesitant",
    ]);

    // Load and record trade off: three more open requests (−6) outweigh reliable's lead (+4.84).
    expect(rank([cluster("hesitant", record(3, 7, 3)), cluster("reliable", { ...record(9, 1, 8), openCount: 3 })])).toEqual(["hesitant", "reliable"]);
  });

  it("does not let a short record dominate a long one, and scores no history as neutral", () => {
    // Unsmoothed, one-lucky (100 %, 100 %) would beat long-good (90 %, 89 %); smoothed it does not.
    // long-good:   18 of 20 → 20/24 → +3.33; 16 of 18 → 18/22 → +3.18   = +6.52
    // one-lucky:   1 of 1 → 3/5 → +1.00;     1 of 1 → +1.00              = +2.00
    // newcomer:    nothing yet                                           =  0
    // one-unlucky: 0 of 1 → 2/5 → −1.00;     nothing accepted            = −1.00
    // long-poor:   4 of 20 → 6/24 → −2.50;   2 of 4 → 4/8 → 0            = −2.50
    const ranked = rankClusters(REQUEST, [
      cluster("newcomer"),
      cluster("long-poor", record(4, 16, 2)),
      cluster("one-lucky", record(1, 0, 1)),
      cluster("one-unlucky", record(0, 1, 0)),
      cluster("long-good", record(18, 2, 16)),
    ]);
    expect(slugs(ranked)).toEqual(["long-good", "one-lucky", "newcomer", "one-unlucky", "long-poor"]);
    expect(ranked.find((entry) => entry.cluster.slug === "newcomer")!.reasons.at(-1)).toEqual({ kind: "noHistory", points: 0 });
    expect(smoothedRate(0, 0)).toBe(0.5);
  });

  it("never recommends an inactive cluster, one that declined or let this request lapse, or the one it is with", () => {
    // Each excluded cluster would otherwise be the best match by far.
    const best = { ...BASED_HERE, ...record(30, 0, 30) };
    const ranked = rank(
      [
        cluster("declined-it", { ...best, declinedThisRequest: true }),
        cluster("inactive", { ...best, active: false }),
        cluster("has-it-now", best),
        cluster("ordinary", { ...OUTSIDE, ...OTHER_WORK, openCount: 7 }),
      ],
      { ...REQUEST, assignedClusterId: "id-has-it-now" },
    );
    expect(ranked).toEqual(["ordinary"]);
  });

  it("breaks ties by slug, whatever order the clusters arrive in", () => {
    const tied = [cluster("poltava-agro"), cluster("dnipro-energy"), cluster("kharkiv-metal")];
    const expected = ["dnipro-energy", "kharkiv-metal", "poltava-agro"];
    expect(rank(tied)).toEqual(expected);
    expect(rank([...tied].reverse())).toEqual(expected);
    expect(rank([tied[1]!, tied[2]!, tied[0]!])).toEqual(expected);
  });

  it("prefers the cluster of the enterprise's own industry: its division over its section, a section over another industry", () => {
    const candidates = [
      cluster("a-agriculture", { sectors: ["A", "10"] }),
      cluster("b-no-sectors"),
      cluster("c-manufacturing", { sectors: ["C"] }),
      cluster("d-furniture", { sectors: ["31", "16"] }),
      cluster("e-automotive", { sectors: ["29"] }),
    ];
    // Division 31 → section C (directly, or through another of its divisions: 29, 10) → the rest, by slug.
    expect(rank(candidates, FURNITURE_MAKER)).toEqual(["d-furniture", "a-agriculture", "c-manufacturing", "e-automotive", "b-no-sectors"]);
    const reasons = Object.fromEntries(
      rankClusters(FURNITURE_MAKER, candidates).map((entry) => [entry.cluster.slug, entry.reasons.filter((r) => /Sector|Division/.test(r.kind))]),
    );
    expect(reasons).toEqual({
      "d-furniture": [{ kind: "sameDivision", division: "31", points: 8 }],
      "a-agriculture": [{ kind: "sameSector", sector: "C", points: 4 }],
      "c-manufacturing": [{ kind: "sameSector", sector: "C", points: 4 }],
      "e-automotive": [{ kind: "sameSector", sector: "C", points: 4 }],
      "b-no-sectors": [],
    });
    // Without a class code only the section counts; a request filed before industries were asked is ranked as before.
    expect(rankClusters({ ...REQUEST, sector: "C" }, candidates).find((e) => e.cluster.slug === "d-furniture")!.reasons).toContainEqual({
      kind: "sameSector",
      sector: "C",
      points: 4,
    });
    expect(rank(candidates, REQUEST)).toEqual(["a-agriculture", "b-no-sectors", "c-manufacturing", "d-furniture", "e-automotive"]);
    // An industry never outweighs being in the region.
    expect(rank([cluster("far-furniture", { ...OUTSIDE, sectors: ["31"] }), cluster("near-agriculture", { sectors: ["A"] })], FURNITURE_MAKER)).toEqual([
      "near-agriculture",
      "far-furniture",
    ]);
  });

  it("returns only the first `limit` clusters", () => {
    const candidates = [
      cluster("c-four-open", { openCount: 4 }),
      cluster("a-none-open"),
      cluster("e-far", OUTSIDE),
      cluster("b-one-open", { openCount: 1 }),
      cluster("d-other-work", OTHER_WORK),
    ];
    const all = ["a-none-open", "b-one-open", "c-four-open", "e-far", "d-other-work"];
    expect(rank(candidates)).toEqual(all);
    expect(slugs(rankClusters(REQUEST, candidates, { limit: 2 }))).toEqual(all.slice(0, 2));
    expect(rankClusters(REQUEST, candidates, { limit: 0 })).toEqual([]);
    expect(slugs(rankClusters(REQUEST, candidates, { limit: 50 }))).toEqual(all);
  });

  it("explains the score: the reasons' points add up to it", () => {
    const [match] = rankClusters(REQUEST, [cluster("based-here", { ...BASED_HERE, openCount: 2, ...record(9, 1, 8) })]);
    expect(match!.reasons).toEqual([
      { kind: "handlesCategory", points: 105 },
      { kind: "servesRegion", points: 50 },
      { kind: "homeRegion", points: 5 },
      { kind: "openLoad", open: 2, points: -4 },
      { kind: "acceptRate", accepted: 9, of: 10, rate: 0.9, points: expect.closeTo(10 * (11 / 14 - 0.5), 10) },
      { kind: "resolveRate", resolved: 8, of: 9, rate: 8 / 9, points: expect.closeTo(10 * (10 / 13 - 0.5), 10) },
    ]);
    expect(match!.score).toBeCloseTo(160 - 4 + 10 * (11 / 14 - 0.5) + 10 * (10 / 13 - 0.5), 10);

    const [stranger] = rankClusters(REQUEST, [cluster("stranger", { ...OUTSIDE, ...OTHER_WORK })]);
    expect(stranger).toEqual({
      cluster: expect.objectContaining({ slug: "stranger" }),
      score: 0,
      reasons: [
        { kind: "lacksCategory", points: 0 },
        { kind: "outsideRegion", points: 0 },
        { kind: "openLoad", open: 0, points: 0 },
        { kind: "noHistory", points: 0 },
      ],
    });
  });

  it("keeps the tiers strict across every mix of region, industry, load and record", () => {
    // Every combination, ranked together: all category handlers come first; within each
    // category group, all clusters serving the region come before those outside it, whatever
    // their industry.
    const regions = { home: BASED_HERE, serves: {}, outside: OUTSIDE };
    const industries = { division: ["31"], section: ["C"], other: ["A"], none: [] };
    const loads = [0, 3, MAX_COUNTED_OPEN, 50];
    const records = [record(0, 0, 0), record(0, 40, 0), record(40, 0, 40), record(1, 0, 1), record(40, 0, 0)];
    const candidates: ClusterCandidate[] = [];
    for (const handles of [true, false])
      for (const [where, region] of Object.entries(regions))
        for (const [industry, sectors] of Object.entries(industries))
          for (const openCount of loads)
            records.forEach((history, i) =>
              candidates.push(
                cluster(`${handles ? "handles" : "other"}-${where}-${industry}-${openCount}-${i}`, {
                  ...(handles ? {} : OTHER_WORK),
                  ...region,
                  sectors,
                  openCount,
                  ...history,
                }),
              ),
            );
    const tier = (entry: RankedCluster) =>
      (entry.reasons.some((r) => r.kind === "handlesCategory") ? 0 : 2) + (entry.reasons.some((r) => r.kind === "servesRegion") ? 0 : 1);
    const tiers = rankClusters(FURNITURE_MAKER, candidates).map(tier);
    expect(tiers).toHaveLength(candidates.length);
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  });
});

describe("matching reason labels", () => {
  const examples: MatchReason[] = [
    { kind: "handlesCategory", points: 105 },
    { kind: "lacksCategory", points: 0 },
    { kind: "servesRegion", points: 50 },
    { kind: "homeRegion", points: 5 },
    { kind: "outsideRegion", points: 0 },
    { kind: "sameDivision", division: "31", points: 8 },
    { kind: "sameSector", sector: "C", points: 4 },
    { kind: "otherSector", points: 0 },
    { kind: "openLoad", open: 3, points: -6 },
    { kind: "acceptRate", accepted: 9, of: 10, rate: 0.9, points: 2.86 },
    { kind: "resolveRate", resolved: 8, of: 9, rate: 8 / 9, points: 2.69 },
    { kind: "noHistory", points: 0 },
  ];

  it("has a label for every reason kind in both languages, using exactly the placeholders it is given", () => {
    expect(examples.map((reason) => reason.kind)).toEqual([...MATCH_REASON_KINDS]);
    for (const reason of examples) {
      for (const locale of ["uk", "en"] as const) {
        const { key, params } = matchReasonMessage(reason, locale);
        const label = matchingMessages[locale][key];
        expect(label).toBeTruthy();
        const placeholders = [...label.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
        expect(placeholders, `${locale} ${key}`).toEqual(Object.keys(params).sort());
      }
    }
  });

  it("names the industry in the reader's language, inside the sentence", () => {
    expect(translated({ kind: "sameDivision", division: "31", points: 8 }, "en")).toBe("Same industry as the enterprise: manufacture of furniture");
    expect(translated({ kind: "sameDivision", division: "31", points: 8 }, "uk")).toBe("Та сама галузь, що й у підприємства: виробництво меблів");
    expect(translated({ kind: "sameSector", sector: "C", points: 4 }, "en")).toBe("Works with the enterprise's NACE section: manufacturing");
  });

  it("gives rates as whole percentages in the reader's language", () => {
    const reason = examples.find((r) => r.kind === "resolveRate")!;
    expect(matchReasonMessage(reason, "en").params).toEqual({ resolved: 8, of: 9, rate: "89%" });
    expect(matchReasonMessage(reason, "uk").params.rate).toMatch(/^89\s?%$/);
  });
});
