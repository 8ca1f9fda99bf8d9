import { beforeAll, describe, expect, it } from "vitest";
import { loadMatchingCandidates, recommendClusters } from "~/domain/matching/cluster-matching.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor, Status } from "~/domain/requests/state-machine";
import type { Category, Region } from "~/domain/taxonomy";
import { db } from "~/data/db.server";
import { buildIntake, type ClusterSeed, createCluster, createRequestInStatus, createUser, seededRandom } from "../factories";

const random = seededRandom(23);
const HOUR = 60 * 60 * 1000;
let clock = new Date("2026-05-04T07:00:00.000Z").getTime();
const nextHour = () => new Date((clock += HOUR));

type Ref = { id: string; slug: string };
let coordinator: { id: string };
let clusters: Record<"alpha" | "bravo" | "charlie" | "delta" | "echo" | "foxtrot" | "golf", Ref>;
let targetId: string;

function seed(slug: string, homeRegion: Region, capabilities: Category[], regions: Region[], sectors: string[] = []): ClusterSeed {
  return { slug, nameUk: `Кластер ${slug}`, nameEn: `Cluster ${slug}`, kind: "CLUSTER", homeRegion, capabilities, regions, sectors };
}

const memberOf = async (cluster: Ref) => {
  const user = await createUser({
    email: `${cluster.slug}@member.example`,
    name: cluster.slug,
    password: "pw-123456789",
    role: "CLUSTER_MEMBER",
    clusterId: cluster.id,
  });
  return { id: user.id, clusterId: cluster.id };
};

async function act(requestId: string, action: Action, actor: Actor, input: { message?: string; clusterId?: string } = {}) {
  await db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input, now: nextHour() }));
}

async function fileIn(status: Status, cluster?: Ref, member?: { id: string; clusterId: string }, category: Category = "SUPPLIES") {
  const created = await createRequestInStatus({
    input: buildIntake(random, { category }),
    status,
    createdAt: nextHour(),
    coordinator,
    cluster,
    member,
    stepMs: 60_000,
  });
  return created.id;
}

const byCoordinator = (): Actor => ({ type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null });
const byMember = (member: { id: string; clusterId: string }): Actor => ({
  type: "USER",
  userId: member.id,
  role: "CLUSTER_MEMBER",
  clusterId: member.clusterId,
});

beforeAll(async () => {
  coordinator = await createUser({ email: "coordinator@matching.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  clusters = {
    // Raw materials, based in Kharkiv: the natural fit, but busy with a mixed record.
    alpha: await createCluster(seed("alpha", "UA-63", ["SUPPLIES", "LOGISTICS"], ["UA-63"])),
    // Raw materials, based in Kharkiv, no history yet.
    bravo: await createCluster(seed("bravo", "UA-63", ["SUPPLIES"], ["UA-63", "UA-59"])),
    // Raw materials, but only in Lviv: a perfect short record.
    // It serves all of manufacturing, the target's section.
    charlie: await createCluster(seed("charlie", "UA-46", ["SUPPLIES"], ["UA-46"], ["C"])),
    // Kharkiv, but logistics only, and for farms.
    delta: await createCluster(seed("delta", "UA-63", ["LOGISTICS"], ["UA-63"], ["A"])),
    // Would fit, but declines the target request.
    echo: await createCluster(seed("echo", "UA-63", ["SUPPLIES"], ["UA-63"])),
    // Would fit, but is no longer active.
    foxtrot: await createCluster(seed("foxtrot", "UA-63", ["SUPPLIES"], ["UA-63"])),
    // Would fit, but lets the target request lapse.
    golf: await createCluster(seed("golf", "UA-12", ["SUPPLIES"], ["UA-63", "UA-12"])),
  };
  await db.$transaction((tx) => tx.cluster.update({ where: { id: clusters.foxtrot.id }, data: { active: false } }));

  // alpha's record: 4 assignments; accepted 2 (one still in progress, one resolved), declined 1,
  // one still awaiting an answer. Two of them are on its desk now.
  const alphaMember = await memberOf(clusters.alpha);
  await fileIn("IN_PROGRESS", clusters.alpha, alphaMember);
  await fileIn("ASSIGNED", clusters.alpha, alphaMember, "LOGISTICS");
  await fileIn("RESOLVED", clusters.alpha, alphaMember);
  const declinedByAlpha = await fileIn("ASSIGNED", clusters.alpha, alphaMember);
  await act(declinedByAlpha, "decline", byMember(alphaMember), { message: "Немає потужностей цього місяця." });

  // charlie's record: one request accepted, resolved and closed (no longer open).
  await fileIn("CLOSED", clusters.charlie, await memberOf(clusters.charlie));

  // The request to match: raw materials for a furniture maker in Kharkiv. echo declined it, golf let it lapse.
  targetId = (
    await createRequestInStatus({
      input: buildIntake(random, { category: "SUPPLIES", region: "UA-63", sector: "C", naceClass: "31.01" }),
      status: "TRIAGED",
      createdAt: nextHour(),
      coordinator,
    })
  ).id;
  const echoMember = await memberOf(clusters.echo);
  await act(targetId, "assign", byCoordinator(), { clusterId: clusters.echo.id });
  await act(targetId, "decline", byMember(echoMember), { message: "Не наш профіль." });
  await act(targetId, "assign", byCoordinator(), { clusterId: clusters.golf.id });
  await act(targetId, "acceptTimeout", { type: "SYSTEM" });
});

describe("loadMatchingCandidates", () => {
  it("counts each cluster's open requests and record from the events, and who declined this request", async () => {
    const loaded = await loadMatchingCandidates({ requestId: targetId });
    expect(loaded!.request).toEqual({ category: "SUPPLIES", region: "UA-63", sector: "C", naceClass: "31.01", assignedClusterId: null });
    const bySlug = Object.fromEntries(loaded!.candidates.map((candidate) => [candidate.slug, candidate]));
    expect(Object.keys(bySlug).sort()).toEqual(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"]);

    const stats = (slug: string) => {
      const { openCount, assignedTotal, acceptedTotal, declinedTotal, resolvedTotal, declinedThisRequest, active } = bySlug[slug]!;
      return { openCount, assignedTotal, acceptedTotal, declinedTotal, resolvedTotal, declinedThisRequest, active };
    };
    const none = { openCount: 0, assignedTotal: 0, acceptedTotal: 0, declinedTotal: 0, resolvedTotal: 0, declinedThisRequest: false, active: true };
    expect(stats("alpha")).toEqual({ ...none, openCount: 2, assignedTotal: 4, acceptedTotal: 2, declinedTotal: 1, resolvedTotal: 1 });
    expect(stats("bravo")).toEqual(none);
    expect(stats("charlie")).toEqual({ ...none, assignedTotal: 1, acceptedTotal: 1, resolvedTotal: 1 });
    expect(stats("delta")).toEqual(none);
    // A decline and a lapse both count against the record and rule the cluster out for this request.
    expect(stats("echo")).toEqual({ ...none, assignedTotal: 1, declinedTotal: 1, declinedThisRequest: true });
    expect(stats("golf")).toEqual({ ...none, assignedTotal: 1, declinedTotal: 1, declinedThisRequest: true });
    expect(stats("foxtrot")).toEqual({ ...none, active: false });

    expect(bySlug.alpha).toMatchObject({
      capabilities: expect.arrayContaining(["SUPPLIES", "LOGISTICS"]),
      regions: ["UA-63"],
      homeRegion: "UA-63",
      sectors: [],
      nameEn: "Cluster alpha",
    });
    expect(bySlug.charlie!.sectors).toEqual(["C"]);
  });
});

describe("recommendClusters", () => {
  it("ranks the eligible clusters with their reasons", async () => {
    // bravo:   105 + 50 + 5, nothing open, no history                                 = 160
    // alpha:   105 + 50 + 5 − 4 (2 open) + accepted 2 of 3 → 4/7 → +0.71
    //          + resolved 1 of 2 → 3/6 → 0                                             ≈ 156.7
    // charlie: 105 + 0 (Lviv only) + 4 (manufacturing) + accepted 1 of 1 → +1
    //          + resolved 1 of 1 → +1                                                  = 111
    // delta:   0 (logistics only) + 50 + 5 + 0 (farming, not the enterprise's)       = 55
    // echo and golf turned this request down; foxtrot is inactive.
    const ranked = await recommendClusters({ requestId: targetId });
    expect(ranked!.map((entry) => entry.cluster.slug)).toEqual(["bravo", "alpha", "charlie", "delta"]);
    expect(ranked!.map((entry) => entry.score)).toEqual([160, expect.closeTo(156 + 10 * (4 / 7 - 0.5), 10), 111, 55]);
    expect(ranked![2]!.reasons).toContainEqual({ kind: "sameSector", sector: "C", points: 4 });
    expect(ranked![3]!.reasons).toContainEqual({ kind: "otherSector", points: 0 });
    expect(ranked![1]!.reasons.map((reason) => reason.kind)).toEqual([
      "handlesCategory",
      "servesRegion",
      "homeRegion",
      "openLoad",
      "acceptRate",
      "resolveRate",
    ]);
    expect(ranked![1]!.reasons).toContainEqual(expect.objectContaining({ kind: "acceptRate", accepted: 2, of: 3 }));
    expect(ranked![0]!.reasons).toContainEqual({ kind: "noHistory", points: 0 });

    expect((await recommendClusters({ requestId: targetId, limit: 2 }))!.map((entry) => entry.cluster.slug)).toEqual(["bravo", "alpha"]);
  });

  it("leaves out the cluster the request is with now, and counts it as that cluster's open work", async () => {
    await act(targetId, "assign", byCoordinator(), { clusterId: clusters.bravo.id });
    const ranked = await recommendClusters({ requestId: targetId });
    expect(ranked!.map((entry) => entry.cluster.slug)).toEqual(["alpha", "charlie", "delta"]);
    const bravo = (await loadMatchingCandidates({ requestId: targetId }))!.candidates.find((c) => c.slug === "bravo");
    expect(bravo).toMatchObject({ openCount: 1, assignedTotal: 1 });
  });

  it("answers null for an unknown request", async () => {
    expect(await recommendClusters({ requestId: "no-such-request" })).toBeNull();
  });
});
