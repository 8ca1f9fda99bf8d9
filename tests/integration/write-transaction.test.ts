// A write transaction is all or nothing on both engines, also where PostgreSQL sends a piece of
// work's inserts together (`insertLater`, app/data/sql.ts): a filing holds the year's reference
// counter until it commits, so its inserts wait and go as one statement. What those inserts wrote
// is there for the work's next read, and one that fails undoes everything the work did.
import { beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "~/data/db.server";
import { builder, execute, first, insertLater } from "~/data/sql";
import { createRequest } from "~/domain/requests/intake.server";
import { buildIntake, seededRandom } from "../factories";

const random = seededRandom(4242);
let requestId: string;
let serial = 0;

function noteEvent(onRequest: string) {
  serial += 1;
  return builder
    .insertInto("RequestEvent")
    .values({ id: `later-event-${serial}`, requestId: onRequest, action: "comment", actorType: "SYSTEM", visibility: "INTERNAL", createdAt: new Date() });
}

function* eventsOf(id: string) {
  const row = yield* first(
    builder
      .selectFrom("RequestEvent")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("requestId", "=", id),
  );
  return Number(row!.n);
}

function* titleOf(id: string) {
  return (yield* first(builder.selectFrom("Request").select("title").where("id", "=", id)))!.title;
}

beforeAll(async () => {
  ({ id: requestId } = await createRequest({ input: buildIntake(random, { title: "Перенесення цеху" }) }));
});

describe("a write transaction", () => {
  it("lets the work read what its waiting inserts wrote", async () => {
    const seen = await writeTransaction(function* () {
      const before = yield* eventsOf(requestId);
      yield* insertLater(noteEvent(requestId));
      yield* insertLater(noteEvent(requestId));
      return { before, after: yield* eventsOf(requestId) };
    });
    expect(seen.after).toBe(seen.before + 2);
  });

  it("is undone whole when one of its inserts fails: the change before it and the other inserts too", async () => {
    const events = await writeTransaction(() => eventsOf(requestId));
    await expect(
      writeTransaction(function* () {
        yield* execute(builder.updateTable("Request").set({ title: "Змінено" }).where("id", "=", requestId));
        yield* insertLater(noteEvent(requestId));
        // No such request: the foreign key refuses it.
        yield* insertLater(noteEvent("no-such-request"));
      }),
    ).rejects.toThrow();
    expect(await writeTransaction(() => titleOf(requestId))).toBe("Перенесення цеху");
    expect(await writeTransaction(() => eventsOf(requestId))).toBe(events);
  });
});
