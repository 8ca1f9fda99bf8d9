// PostgreSQL only (vitest.postgres.config.ts): its triggers note each write that can change a
// dashboard's finished week (prisma/postgres/migrations/20261202160000_dashboard_changes), so
// the dashboard keeps those figures while nothing noted happens. Work dated now is not noted —
// that is what lets the figures be kept through a working day — and each write that could
// change a finished week is, whoever wrote it.
import { beforeAll, describe, expect, it } from "vitest";
import { atOneMoment, changeMarks } from "~/data/dashboard.server";
import { db } from "~/data/db.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Actor } from "~/domain/requests/state-machine";
import { buildIntake, createUser, seededRandom } from "../factories";

const random = seededRandom(5150);
const DAY = 24 * 3_600_000;
let coordinator: Actor;

async function noted(): Promise<number> {
  const marks = await atOneMoment(changeMarks());
  if (marks.kind !== "noted") throw new Error(`PostgreSQL's marks are notes, not ${marks.kind}`);
  return marks.noted;
}

beforeAll(async () => {
  const user = await createUser({ email: "notes@d.example", name: "N", password: "pw-123456789", role: "COORDINATOR" });
  coordinator = { type: "USER", userId: user.id, role: "COORDINATOR", clusterId: null };
});

describe("the dashboard's change notes on PostgreSQL", () => {
  it("note a filing or a change dated in the past and a new urgency, and not today's work", async () => {
    const before = await noted();
    const today = await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-46", urgency: "NORMAL" }), now: new Date() });
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: today.id,
        action: "triage",
        actor: coordinator,
        now: new Date(),
        input: { triage: { category: "SUPPLIES", urgency: "NORMAL", ownerId: null } },
      }),
    );
    expect(await noted()).toBe(before);

    // Filed ten days ago (an import, a test's clock): the request and its first event.
    await createRequest({ input: buildIntake(random, { category: "ENERGY", region: "UA-63" }), now: new Date(Date.now() - 10 * DAY) });
    const afterOld = await noted();
    expect(afterOld).toBeGreaterThan(before);

    // A new urgency, written today, can change last week's SLA figures.
    await db.request.update({ where: { id: today.id }, data: { urgency: "CRITICAL" } });
    const afterUrgency = await noted();
    expect(afterUrgency).toBeGreaterThan(afterOld);
    // The same urgency again changes nothing.
    await db.request.update({ where: { id: today.id }, data: { urgency: "CRITICAL" } });
    expect(await noted()).toBe(afterUrgency);
  });
});
