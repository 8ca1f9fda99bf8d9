// PostgreSQL only (vitest.postgres.config.ts): coordinators acting on different requests at the
// same moment are never refused for a deadlock on the dashboard's counts (BacklogCount), whose
// triggers add to and take from shared rows in their own orders
// (prisma/postgres/migrations/20261203190000_backlog_count_one_writer, decision 057).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/data/db.server";
import { createRequest } from "~/domain/requests/intake.server";
import { TransitionError } from "~/domain/errors";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Actor } from "~/domain/requests/state-machine";
import { CATEGORIES, REGIONS } from "~/domain/taxonomy";
import { buildIntake, createUser, seededRandom } from "../factories";

const random = seededRandom(5757);
const REQUESTS = 10;
const ROUNDS = 6;
let coordinator: Actor;

function act(requestId: string, action: "triage" | "requestInfo" | "resumeWithoutReply" | "markDuplicate", category?: string, duplicateOfId?: string) {
  return db.$transaction((tx) =>
    transitionRequestInTx(tx, {
      requestId,
      action,
      actor: coordinator,
      now: new Date(),
      input: {
        message: "Уточніть, будь ласка, обсяги.",
        ...(action === "triage" ? { triage: { category: category as never, urgency: "HIGH", ownerId: null } } : {}),
        duplicateOfId,
      },
    }),
  );
}

/** Files a request of one urgency and triages it. */
async function triaged(i: number) {
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const filed = await createRequest({ input: buildIntake(random, { category, region: REGIONS[i % REGIONS.length]!, urgency: "HIGH" }), now: new Date() });
  await act(filed.id, "triage", category);
  return filed.id;
}

/** The counts of two statuses as BacklogCount keeps them, and as the requests are. */
async function countsOf(statuses: string[]) {
  const counted = await db.backlogCount.findMany({ where: { dimension: "status", value: { in: statuses } } });
  const stored = await db.request.groupBy({ by: ["status"], where: { status: { in: statuses as never } }, _count: true });
  return {
    counted: Object.fromEntries(counted.filter((row) => row.count > 0).map((row) => [row.value, row.count])),
    stored: Object.fromEntries(stored.map((row) => [row.status, row._count])),
  };
}

beforeAll(async () => {
  const user = await createUser({ email: "writers@d.example", name: "W", password: "pw-123456789", role: "COORDINATOR" });
  coordinator = { type: "USER", userId: user.id, role: "COORDINATOR", clusterId: null };
});

describe("the dashboard's counts on PostgreSQL, written by many at once", () => {
  it("refuse no coordinator's action for a deadlock, and count each request once", async () => {
    // One urgency for all, every other count on rows of their own: the orders in which the
    // triggers lock their rows cross as soon as two requests move opposite ways.
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const id = await triaged(i);
      if (i % 2) await act(id, "requestInfo");
      ids.push(id);
    }
    const refused: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Half go to the enterprise with a question while the other half come back from one.
      const asked = (i: number) => (i + round) % 2 === 1;
      const results = await Promise.allSettled(ids.map((id, i) => act(id, asked(i) ? "resumeWithoutReply" : "requestInfo")));
      refused.push(...results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : [])));
    }
    expect(refused).toEqual([]);

    const { counted, stored } = await countsOf(["TRIAGED", "NEEDS_INFO"]);
    expect(counted).toEqual(stored);
  });

  it("refuse neither a merge nor an action on its original for a deadlock, when both come at once", async () => {
    // A merge changes two requests: the duplicate, then its original. Someone asking the
    // original's enterprise a question at the same moment changes the original first. Either may
    // come second and be told the request changed meanwhile (CONFLICT); none may fail otherwise.
    const unexpected: string[] = [];
    let merged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const pairs: Array<{ duplicate: string; original: string }> = [];
      for (let i = 0; i < REQUESTS / 2; i++) pairs.push({ duplicate: await triaged(2 * i), original: await triaged(2 * i + 1) });
      const results = await Promise.allSettled(
        pairs.flatMap(({ duplicate, original }) => [act(duplicate, "markDuplicate", undefined, original), act(original, "requestInfo")]),
      );
      for (const result of results) {
        if (result.status === "fulfilled") merged += result.value.plan.to === "DUPLICATE" ? 1 : 0;
        else if (!(result.reason instanceof TransitionError && result.reason.code === "CONFLICT")) unexpected.push(String(result.reason));
      }
    }
    expect(unexpected).toEqual([]);
    expect(merged).toBeGreaterThan(0);
    const { counted, stored } = await countsOf(["TRIAGED", "NEEDS_INFO"]);
    expect(counted).toEqual(stored);
  });
});
