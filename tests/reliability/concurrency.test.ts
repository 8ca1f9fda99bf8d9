// Many staff acting on the same request at the same moment, each with the version their page
// showed: exactly one wins per version, the rest are told it changed (409), and the request's
// status, version and audit trail stay in step (one event per change, version = events after submit).
import { beforeAll, describe, expect, it } from "vitest";
import { action as requestAction } from "~/routes/requests.$reference/route";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createRequestInStatus, createUser, seededRandom } from "../factories";
import { call, formRequest } from "../integration/route-helpers";
import { cookieFor } from "../integration/sessions";

const random = seededRandom(9001);
const PARALLEL = 30;
const REQUESTS = 5;

let cookies: string[] = [];
let cluster: { id: string };
let coordinator: { id: string };

beforeAll(async () => {
  cluster = await createCluster({
    slug: "concurrency-cluster",
    nameUk: "Кластер паралельності",
    nameEn: "Concurrency cluster",
    kind: "CLUSTER",
    homeRegion: "UA-46",
    capabilities: ["SUPPLIES", "RELOCATION", "ENERGY"],
    regions: ["UA-46", "UA-30"],
  });
  const staff = await Promise.all(
    [1, 2, 3].map((n) => createUser({ email: `concurrent${n}@rrc.example`, name: `Координатор ${n}`, password: "concurrency-pw-123456", role: "COORDINATOR" })),
  );
  coordinator = staff[0]!;
  cookies = await Promise.all(staff.map((user) => cookieFor(user.id)));
}, 30_000);

/** The posts the coordinators race with: different intents, all valid from TRIAGED. */
function racingPost(i: number, version: number) {
  const intents = [
    { intent: "requestInfo", message: `Уточніть обсяги (${i})` },
    { intent: "reject", message: `Поза межами роботи (${i})` },
    { intent: "assign", clusterId: cluster.id },
  ] as const;
  return { ...intents[i % intents.length], version: String(version) } as Record<string, string>;
}

async function post(reference: string, fields: Record<string, string>, cookie: string) {
  return call(
    requestAction,
    formRequest(`/requests/${reference}`, fields, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    { reference },
  );
}

async function expectConsistent(id: string) {
  const request = await db.request.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } });
  const events = await db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" }, select: { action: true, toStatus: true } });
  expect(events.filter((e) => e.action === "submit")).toHaveLength(1);
  expect(request.version).toBe(events.length - 1);
  const lastStatusChange = events.filter((e) => e.toStatus !== null).at(-1);
  expect(lastStatusChange?.toStatus).toBe(request.status);
  return { ...request, events };
}

describe("simultaneous actions on the same request", () => {
  it(`lets exactly one of ${PARALLEL} racing posts per version win`, { timeout: 60_000 }, async () => {
    const requests = [];
    for (let i = 0; i < REQUESTS; i++) {
      requests.push(
        await createRequestInStatus({
          input: buildIntake(random),
          status: "TRIAGED",
          createdAt: new Date(Date.now() - 3_600_000),
          coordinator,
          stepMs: 60_000,
        }),
      );
    }

    // Round 1: 30 racing state changes on each request at once (150 posts in flight).
    const before = await Promise.all(requests.map((r) => expectConsistent(r.id)));
    const answers = await Promise.all(
      requests.flatMap((request, r) =>
        Array.from({ length: PARALLEL }, (_, i) => post(request.reference, racingPost(i + r, before[r]!.version), cookies[i % cookies.length]!)),
      ),
    );
    for (let r = 0; r < REQUESTS; r++) {
      const mine = answers.slice(r * PARALLEL, (r + 1) * PARALLEL);
      const statuses = mine.map((a) => a.status);
      expect(
        statuses.filter((s) => s === 303),
        `answers: ${statuses.join(",")}`,
      ).toHaveLength(1);
      expect(statuses.filter((s) => s !== 303).every((s) => s === 409)).toBe(true);
      const after = await expectConsistent(requests[r]!.id);
      expect(after.version).toBe(before[r]!.version + 1);
      expect(after.events.length).toBe(before[r]!.events.length + 1);
      expect(["NEEDS_INFO", "REJECTED", "ASSIGNED"]).toContain(after.status);
    }

    // Round 2: internal notes also bump the version; again one winner per version, and a
    // stale version (the one from round 1) never wins.
    const middle = await Promise.all(requests.map((r) => expectConsistent(r.id)));
    const notes = await Promise.all(
      requests.flatMap((request, r) =>
        Array.from({ length: PARALLEL }, (_, i) =>
          post(
            request.reference,
            { intent: "note", message: `Нотатка ${i}`, version: String(i % 5 === 0 ? before[r]!.version : middle[r]!.version) },
            cookies[i % cookies.length]!,
          ),
        ),
      ),
    );
    for (let r = 0; r < REQUESTS; r++) {
      const statuses = notes.slice(r * PARALLEL, (r + 1) * PARALLEL).map((a) => a.status);
      expect(
        statuses.filter((s) => s === 303),
        `answers: ${statuses.join(",")}`,
      ).toHaveLength(1);
      expect(statuses.filter((s) => s !== 303).every((s) => s === 409)).toBe(true);
      const after = await expectConsistent(requests[r]!.id);
      expect(after.version).toBe(middle[r]!.version + 1);
      expect(after.status).toBe(middle[r]!.status);
    }
  });
});
