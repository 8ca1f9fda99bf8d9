// The demo data a fresh `npm start` shows: a centre at work, not one in crisis.
import { describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { findQueue } from "~/domain/queue/queue.server";
import { runScheduledJobs } from "~/domain/scheduler.server";
import { OPEN_STATUSES } from "~/domain/requests/state-machine";
import { DEFAULT_QUEUE_PARAMS } from "~/schemas/queue";
import { db } from "~/data/db.server";
import { seed } from "../../prisma/seed";
import { buildIntake } from "../factories";

describe("the demo data", () => {
  const now = new Date();

  it("leaves the timed rules nothing to do at the first start, and only a few requests late", async () => {
    const seeded = await seed({ requests: 300, now });
    expect(seeded.requests).toBeGreaterThan(250);

    const ran = await runScheduledJobs({ now });
    expect({ notAccepted: ran.notAcceptedInTime, autoClosed: ran.autoClosed, stale: ran.closedAsStale, asked: ran.askedStillNeeded }).toEqual({
      notAccepted: 0,
      autoClosed: 0,
      stale: 0,
      asked: 0,
    });

    const open = await db.request.count({ where: { status: { in: [...OPEN_STATUSES] } } });
    const late = await db.request.count({ where: { status: { in: [...OPEN_STATUSES] }, nextDueAt: { lt: now } } });
    // A working centre: plenty of open work, most of it on time, some of it late.
    expect(open).toBeGreaterThan(40);
    expect(late).toBeGreaterThan(0);
    expect(late / open).toBeLessThan(0.15);
    // Seeding the whole demo through the state machine takes a while on a busy machine.
  }, 180_000);

  it("puts a just-filed critical request in the first rows of the default queue", async () => {
    const { reference } = await createRequest({ input: buildIntake(Math.random, { urgency: "CRITICAL", title: "Обстріл: зупинено цех" }) });
    const queue = await findQueue(DEFAULT_QUEUE_PARAMS);
    const position = queue.rows.findIndex((row) => row.reference === reference);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThan(10);
  });
});
