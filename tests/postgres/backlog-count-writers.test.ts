// PostgreSQL only (vitest.postgres.config.ts): coordinators acting on different requests at the
// same moment are never refused for a deadlock on the dashboard's counts (BacklogCount), whose
// triggers add to and take from shared rows in their own orders
// (prisma/postgres/migrations/20261203190000_backlog_count_one_writer, decision 057).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/data/db.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Actor } from "~/domain/requests/state-machine";
import { CATEGORIES, REGIONS } from "~/domain/taxonomy";
import { buildIntake, createUser, seededRandom } from "../factories";

const random = seededRandom(5757);
const REQUESTS = 10;
const ROUNDS = 6;
let coordinator: Actor;

function act(requestId: string, action: "triage" | "requestInfo" | "resumeWithoutReply", category?: string) {
  return db.$transaction((tx) =>
    transitionRequestInTx(tx, {
      requestId,
      action,
      actor: coordinator,
      now: new Date(),
      input: {
        message: "Уточніть, будь ласка, обсяги.",
        ...(action === "triage" ? { triage: { category: category as never, urgency: "HIGH", ownerId: null } } : {}),
      },
    }),
  );
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
      const category = CATEGORIES[i % CATEGORIES.length]!;
      const filed = await createRequest({ input: buildIntake(random, { category, region: REGIONS[i]!, urgency: "HIGH" }), now: new Date() });
      await act(filed.id, "triage", category);
      if (i % 2) await act(filed.id, "requestInfo");
      ids.push(filed.id);
    }
    const refused: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Half go to the enterprise with a question while the other half come back from one.
      const asked = (i: number) => (i + round) % 2 === 1;
      const results = await Promise.allSettled(ids.map((id, i) => act(id, asked(i) ? "resumeWithoutReply" : "requestInfo")));
      refused.push(...results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : [])));
    }
    expect(refused).toEqual([]);

    const counted = await db.backlogCount.findMany({ where: { dimension: "status", value: { in: ["TRIAGED", "NEEDS_INFO"] } } });
    const stored = await db.request.groupBy({ by: ["status"], where: { status: { in: ["TRIAGED", "NEEDS_INFO"] } }, _count: true });
    expect(Object.fromEntries(counted.map((row) => [row.value, row.count]))).toEqual(Object.fromEntries(stored.map((row) => [row.status, row._count])));
  });
});
