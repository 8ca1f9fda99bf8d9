// Two server processes on one database behave as one (issue #15): filings sent to both at once
// get unique references with no gap, each complete with its first event; each "request
// received" e-mail goes out once although both run the timed jobs every second; and each
// scheduler window's jobs ran in one process only. On the test file's own database: a SQLite file
// in `npm run test:unit`, a PostgreSQL database in `npm run test:postgres` (vitest.postgres.config.ts).
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/data/db.server";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import { type ProductionServer, TMP_DIR, cleanUp, formBody, startProductionServer } from "./server";

const TOTAL = 60;
const ENGINE = process.env.DATABASE_URL!.startsWith("file:") ? "sqlite" : "postgresql";
const CONNECTIONS_EACH = 8;

const servers: ProductionServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  await db.$disconnect();
  cleanUp();
});

describe("two server processes on one database", () => {
  it("give unique, gap-free references, send each e-mail once and run each window's jobs once", { timeout: 120_000 }, async () => {
    // The servers' outbox and documents folders go here; the database is the file's own.
    const scratch = path.join(TMP_DIR, `two-processes-${Date.now()}`);
    fs.mkdirSync(scratch, { recursive: true });
    const settings = { SCHEDULER_INTERVAL_SECONDS: "1", DATABASE_URL: process.env.DATABASE_URL! };
    const [first, second] = await Promise.all([startProductionServer(scratch, settings), startProductionServer(scratch, settings)]);
    servers.push(first!, second!);
    const random = seededRandom(15);
    const bodies = Array.from({ length: TOTAL }, () => formBody(intakeFormFields(buildIntake(random))));

    let next = 0;
    const acknowledged: string[] = [];
    const worker = (server: ProductionServer) => async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const response = await fetch(`${server.url}/requests/new`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        expect(response.status, `${server.url}: ${response.status}`).toBe(303);
        acknowledged.push(response.headers.get("Location")!);
      }
    };
    await Promise.all([first!, second!].flatMap((server) => Array.from({ length: CONNECTIONS_EACH }, () => worker(server)())));
    expect(new Set(acknowledged).size).toBe(TOTAL);

    const references = (await db.request.findMany({ select: { reference: true }, orderBy: { reference: "asc" } })).map((row) => row.reference);
    expect(references).toHaveLength(TOTAL);
    // RRC-YYYY-000001 … RRC-YYYY-000060: one year's numbers, none twice, none skipped.
    const numbers = references.map((reference) => Number(reference.slice(-6)));
    expect(numbers).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    // Each complete: exactly one "submit" event.
    const submits = await db.request.findMany({ select: { reference: true, _count: { select: { events: { where: { action: "submit" } } } } } });
    expect(submits.filter((row) => row._count.events !== 1)).toEqual([]);

    // Both processes deliver the outbox every second; each message is sent once.
    const deadline = Date.now() + 60_000;
    const waiting = () => db.notification.count({ where: { status: { not: "SENT" } } });
    while ((await waiting()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = await db.notification.findMany({ select: { kind: true, attempts: true } });
    expect(sent.filter((message) => message.kind === "requestReceived")).toHaveLength(TOTAL);
    expect(sent.every((message) => message.attempts === 1)).toBe(true);
    expect(await waiting()).toBe(0);

    // Each one-second window that ran was claimed by one process; windows ran at most once a second.
    const ticks = await db.schedulerTick.findMany({ select: { tick: true, runner: true }, orderBy: { tick: "asc" } });
    expect(ticks.length).toBeGreaterThan(1);
    const starts = ticks.map((row) => row.tick.getTime());
    expect(new Set(starts).size).toBe(ticks.length);
    for (const start of starts) expect(start % 1000).toBe(0);
    const runners = new Set(ticks.map((row) => row.runner));
    expect([...runners].every((runner) => runner.endsWith(`:${first!.pid}`) || runner.endsWith(`:${second!.pid}`))).toBe(true);
  });

  it("count the intake limit once for both on PostgreSQL, and per process on SQLite (one process serves it there)", { timeout: 120_000 }, async () => {
    const scratch = path.join(TMP_DIR, `two-processes-limit-${Date.now()}`);
    fs.mkdirSync(scratch, { recursive: true });
    const settings = { DATABASE_URL: process.env.DATABASE_URL!, INTAKE_RATE_LIMIT: "4/600" };
    const pair = await Promise.all([startProductionServer(scratch, settings), startProductionServer(scratch, settings)]);
    servers.push(...pair);
    // The filings above counted against the same address (on PostgreSQL, in the database).
    await db.rateLimitWindow.deleteMany();
    const random = seededRandom(16);
    const statuses: number[] = [];
    // Ten filings from one address, to each server in turn.
    for (let i = 0; i < 10; i++) {
      const server = pair[i % 2]!;
      const response = await fetch(`${server.url}/requests/new`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
        body: formBody(intakeFormFields(buildIntake(random))),
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    const accepted = statuses.filter((status) => status === 303).length;
    expect(statuses.filter((status) => status !== 303 && status !== 429)).toEqual([]);
    expect(accepted).toBe(ENGINE === "postgresql" ? 4 : 8);
  });
});
