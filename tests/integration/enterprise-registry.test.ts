// The enterprise registry (one row per EDRPOU) against strangers who know a public EDRPOU code,
// and what a cluster member may learn of requests outside its cluster.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import type { Actor } from "~/domain/requests/state-machine";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { db } from "~/data/db.server";
import { buildIntake, type ClusterSeed, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(977);
const PASSWORD = "pw-registry-123456789";
let coordinator: { id: string };
let coordinatorCookie: string;
let clusterA: { id: string };
let clusterB: { id: string };
let memberBCookie: string;

const seedOf = (slug: string, capabilities: ClusterSeed["capabilities"]): ClusterSeed => ({
  slug,
  nameUk: `Кластер ${slug}`,
  nameEn: `Cluster ${slug}`,
  kind: "CLUSTER",
  homeRegion: "UA-30",
  capabilities,
  regions: ["UA-30"],
});

beforeAll(async () => {
  coordinator = await createUser({ email: "registry.c@rrc.example", name: "Олена", password: PASSWORD, role: "COORDINATOR" });
  coordinatorCookie = await cookieFor(coordinator.id);
  clusterA = await createCluster(seedOf("registry-a", ["ENERGY"]));
  clusterB = await createCluster(seedOf("registry-b", ["ENERGY"]));
  const memberB = await createUser({ email: "registry.b@cluster.example", name: "Б", password: PASSWORD, role: "CLUSTER_MEMBER", clusterId: clusterB.id });
  memberBCookie = await cookieFor(memberB.id);
});

const openPage = (reference: string, cookie = coordinatorCookie) =>
  call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });

async function post(reference: string, fields: Record<string, string>, cookie = coordinatorCookie) {
  const version = String((await openPage(reference)).data.request.version);
  return call(requestAction, formRequest(`/requests/${reference}`, { version, ...fields }, { headers: { Cookie: cookie } }), { reference });
}

const coordinatorActor = (): Actor => ({ type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null });
const assign = (requestId: string, clusterId: string) =>
  db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action: "assign", actor: coordinatorActor(), input: { clusterId } }));

describe("the enterprise registry", () => {
  it("is not rewritten by a stranger's filing; staff see where a filing differs and take it in on purpose, on the record", async () => {
    const original = buildIntake(random, { category: "ENERGY" });
    const first = await createRequest({ input: original });
    // Anyone can file with a known EDRPOU code.
    const other = {
      ...buildIntake(random, { category: "ENERGY" }),
      edrpou: original.edrpou,
      enterpriseName: "ТОВ «Підміна» (демо)",
      email: "new@enterprise.example",
    };
    const second = await createRequest({ input: other });

    const registry = () => db.enterprise.findUniqueOrThrow({ where: { edrpou: original.edrpou } });
    expect(await registry()).toMatchObject({ name: original.enterpriseName, email: original.email });
    // Each request's page shows the enterprise as filed with it.
    expect((await openPage(first.reference)).data.request.enterpriseName).toBe(original.enterpriseName);
    expect((await openPage(first.reference)).data.request.enterpriseChanges).toEqual([]);
    const page = await openPage(second.reference);
    expect(page.data.request.enterpriseName).toBe("ТОВ «Підміна» (демо)");
    expect(page.data.request.enterpriseChanges).toEqual(
      expect.arrayContaining([
        { field: "name", from: original.enterpriseName, to: "ТОВ «Підміна» (демо)" },
        { field: "email", from: original.email, to: "new@enterprise.example" },
      ]),
    );

    // The coordinator, having checked, takes the new details into the registry.
    const adopted = await post(second.reference, { intent: "adoptEnterpriseDetails" });
    expect(adopted.status).toBe(303);
    expect(await registry()).toMatchObject({ name: "ТОВ «Підміна» (демо)", email: "new@enterprise.example" });
    const event = await db.requestEvent.findFirstOrThrow({ where: { requestId: second.id, action: "adoptEnterpriseDetails" } });
    expect(event).toMatchObject({ actorUserId: coordinator.id, visibility: "INTERNAL" });
    expect(JSON.parse(event.changes!)).toEqual(expect.arrayContaining([{ field: "name", from: original.enterpriseName, to: "ТОВ «Підміна» (демо)" }]));
    // The first request still shows what it was filed with; now it is the one that differs.
    expect((await openPage(first.reference)).data.request.enterpriseName).toBe(original.enterpriseName);
    expect((await openPage(first.reference)).data.request.enterpriseChanges).toContainEqual({
      field: "name",
      from: "ТОВ «Підміна» (демо)",
      to: original.enterpriseName,
    });

    // Nothing left to take in: refused, and nothing written.
    const again = await post(second.reference, { intent: "adoptEnterpriseDetails" });
    expect(again.status).toBe(422);
    expect(again.data.result.error[""]).toEqual(["NOTHING_TO_CHANGE"]);
    expect(await db.requestEvent.count({ where: { requestId: second.id, action: "adoptEnterpriseDetails" } })).toBe(1);
  });

  it("is changed by staff only: a cluster member holding the request is refused", async () => {
    const original = buildIntake(random, { category: "ENERGY" });
    await createRequest({ input: original });
    const second = await createRequest({
      input: { ...buildIntake(random, { category: "ENERGY" }), edrpou: original.edrpou, enterpriseName: "Інша назва (демо)" },
    });
    await assign(second.id, clusterB.id);
    const refused = await call(
      requestAction,
      formRequest(`/requests/${second.reference}`, { intent: "adoptEnterpriseDetails", version: "1" }, { headers: { Cookie: memberBCookie } }),
      { reference: second.reference },
    );
    expect(refused.status).toBe(422);
    expect((await db.enterprise.findUniqueOrThrow({ where: { edrpou: original.edrpou } })).name).toBe(original.enterpriseName);
  });
});

describe("a cluster member's view of linked requests", () => {
  it("never names a request held by another cluster, not even as a possible duplicate", async () => {
    const input = buildIntake(random, { category: "ENERGY" });
    const held = await createRequest({ input });
    await assign(held.id, clusterA.id);
    const later = await createRequest({ input: { ...buildIntake(random, { category: "ENERGY" }), edrpou: input.edrpou } });
    expect((await db.request.findUniqueOrThrow({ where: { id: later.id } })).possibleDuplicateOfId).toBe(held.id);
    await assign(later.id, clusterB.id);

    const page = await openPage(later.reference, memberBCookie);
    expect(page.status).toBe(200);
    expect(page.data.request.possibleDuplicateOf).toBeNull();
    expect(JSON.stringify(page.data)).not.toContain(held.reference);
    // Staff still see the link.
    expect((await openPage(later.reference)).data.request.possibleDuplicateOf).toEqual({ reference: held.reference, status: "ASSIGNED" });
  });
});
