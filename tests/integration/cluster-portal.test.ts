// A member sees only their own cluster's requests, in the list and on every request page.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { loader as clusterLoader } from "~/routes/cluster";
import { loader as requestLoader } from "~/routes/requests.$reference/route";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, type RouteHandler } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(77);
const refs: Record<"a" | "b", string[]> = { a: [], b: [] };
let memberA: string;

beforeAll(async () => {
  const seed = (slug: string) => ({
    slug,
    nameUk: slug,
    nameEn: slug,
    kind: "CLUSTER" as const,
    homeRegion: "UA-30" as const,
    capabilities: ["OTHER" as const],
    regions: ["UA-30" as const],
  });
  const a = await createCluster(seed("cluster-a"));
  const b = await createCluster(seed("cluster-b"));
  const coordinator = await createUser({ email: "c@p.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  memberA = (await createUser({ email: "a@p.example", name: "A", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: a.id })).id;
  for (const [key, cluster] of [
    ["a", a],
    ["b", b],
  ] as const) {
    for (let i = 0; i < 3; i++) {
      const filed = await createRequest({ input: buildIntake(random) });
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, {
          requestId: filed.id,
          action: "assign",
          actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
          input: { clusterId: cluster.id },
        }),
      );
      refs[key].push(filed.reference);
    }
  }
  // And one nobody has been given yet.
  refs.b.push((await createRequest({ input: buildIntake(random) })).reference);
});

async function asMemberA(url: string, handler: RouteHandler, params: Record<string, string> = {}) {
  return call(handler, new Request(`http://localhost${url}`, { headers: { Cookie: await cookieFor(memberA) } }), params);
}

describe("cluster portal scoping", () => {
  it("lists only the member's own cluster's requests, whatever the filters ask", async () => {
    for (const query of ["", "?cluster=cluster-b", "?unassigned=1", `?q=${refs.b[0]}`, "?size=100"]) {
      const answer = await asMemberA(`/cluster${query}`, clusterLoader);
      expect(answer.status).toBe(200);
      const listed: string[] = answer.data.queue.rows.map((r: { reference: string }) => r.reference);
      expect(listed.every((ref) => refs.a.includes(ref))).toBe(true);
      if (query === "") expect(listed.sort()).toEqual([...refs.a].sort());
    }
  });

  it("answers 404 for every other request's page", async () => {
    for (const reference of refs.b) {
      const answer = await asMemberA(`/requests/${reference}`, requestLoader, { reference });
      expect(answer.status).toBe(404);
    }
    const own = await asMemberA(`/requests/${refs.a[0]}`, requestLoader, { reference: refs.a[0]! });
    expect(own.status).toBe(200);
  });
});
