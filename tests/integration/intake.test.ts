import { describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { action as intakeAction } from "~/routes/requests.new";
import { loader as submittedLoader } from "~/routes/s.$token_.submitted";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";

const random = seededRandom(7);

function post(fields: Record<string, string | string[]>, address = "203.0.113.7") {
  return call(intakeAction, formRequest("/requests/new", fields), {}, { clientAddress: address });
}

async function counts() {
  return {
    requests: await db.request.count(),
    enterprises: await db.enterprise.count(),
    events: await db.requestEvent.count(),
  };
}

describe("intake action", () => {
  it("files a valid request: enterprise, request in NEW with SLA due times, and its first event", async () => {
    const input = buildIntake(random, { category: "SUPPLIES", urgency: "CRITICAL" });
    const fields = intakeFormFields(input);
    fields.phone = "(067) 123-45-67";
    fields.edrpou = ` ${input.edrpou.slice(0, 4)} ${input.edrpou.slice(4)} `;
    const before = Date.now();
    const answer = await post(fields);

    expect(answer.status).toBe(303);
    const token = answer.location!.match(/^\/s\/([A-Za-z0-9_-]{43})\/submitted$/)?.[1];
    expect(token).toBeDefined();

    const request = await db.request.findFirstOrThrow({
      where: { enterprise: { edrpou: input.edrpou } },
      include: { enterprise: true, events: true },
    });
    expect(request.reference).toMatch(/^RRC-\d{4}-\d{6}$/);
    expect(request.status).toBe("NEW");
    expect(request.phone).toBe("+380671234567");
    expect(request.statusTokenHash).not.toContain(token!);
    expect(request.enterprise.name).toBe(input.enterpriseName);
    expect(JSON.parse(request.details)).toEqual({ supplyItems: input.supplyItems });
    // CRITICAL: a coordinator is due within 4 hours.
    expect(request.triageDueAt!.getTime() - request.createdAt.getTime()).toBe(4 * 3600 * 1000);
    expect(request.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(request.events).toHaveLength(1);
    expect(request.events[0]).toMatchObject({ action: "submit", toStatus: "NEW", visibility: "PUBLIC", actorType: "ENTERPRISE" });

    // The confirmation page shows the reference and the full private link.
    const confirmation = await call(submittedLoader, new Request(`http://localhost/s/${token}/submitted`), { token: token! });
    expect(confirmation.status).toBe(200);
    expect(confirmation.data.reference).toBe(request.reference);
    expect(confirmation.data.statusUrl).toBe(`${env.publicUrl}/s/${token}`);
  });

  it("builds the links in the e-mail and on the confirmation page from PUBLIC_URL, never from the request's Host", async () => {
    expect(env.publicUrl).toBe("http://localhost:3000");
    const input = buildIntake(random);
    const request = new Request("http://evil.example/requests/new", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "evil.example", "X-Forwarded-Host": "evil.example" },
      body: new URLSearchParams(Object.entries(intakeFormFields(input)).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))),
    });
    const answer = await call(intakeAction, request, {}, { clientAddress: "203.0.113.8" });
    expect(answer.status).toBe(303);
    const token = answer.location!.split("/")[2]!;
    const filed = await db.request.findFirstOrThrow({ where: { enterprise: { edrpou: input.edrpou } }, select: { id: true } });
    const mail = await db.notification.findFirstOrThrow({ where: { requestId: filed.id, kind: "requestReceived" } });
    expect(mail.body).toContain(`http://localhost:3000/s/${token}`);
    expect(mail.body).not.toContain("evil.example");

    const confirmation = await call(submittedLoader, new Request(`http://evil.example/s/${token}/submitted`), { token });
    expect(confirmation.data.statusUrl).toBe(`http://localhost:3000/s/${token}`);
  });

  it("stores the needed-by date as that day, and ids in the shape of the rest", async () => {
    const input = buildIntake(random, { category: "LOGISTICS" });
    const fields = { ...intakeFormFields(input), neededBy: "2099-03-15" };
    expect((await post(fields)).status).toBe(303);
    const request = await db.request.findFirstOrThrow({ where: { enterprise: { edrpou: input.edrpou } }, include: { events: true, enterprise: true } });
    expect(request.neededBy).toEqual(new Date("2099-03-15T00:00:00.000Z"));
    for (const id of [request.id, request.enterpriseId, request.events[0]!.id]) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    const notification = await db.notification.findFirstOrThrow({ where: { requestId: request.id } });
    expect(notification).toMatchObject({ kind: "requestReceived", recipient: input.email.toLowerCase(), status: "PENDING", attempts: 0 });
    expect(notification.nextAttemptAt).toEqual(request.createdAt);
  });

  it("keeps defence-order details apart as sensitive", async () => {
    const input = buildIntake(random, { category: "DEFENCE_ORDER" });
    const answer = await post(intakeFormFields(input));
    expect(answer.status).toBe(303);
    const request = await db.request.findFirstOrThrow({ where: { enterprise: { edrpou: input.edrpou } } });
    expect(JSON.parse(request.details)).toEqual({});
    expect(JSON.parse(request.sensitiveDetails!)).toMatchObject({ productType: input.defenceProductType });
  });

  it("links a second request to the same enterprise and marks a same-category open one as a possible duplicate", async () => {
    const first = buildIntake(random, { category: "ENERGY" });
    await post(intakeFormFields(first));
    const second = { ...buildIntake(random, { category: "ENERGY" }), edrpou: first.edrpou, enterpriseName: "Нова назва (демо)" };
    expect((await post(intakeFormFields(second))).status).toBe(303);

    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { edrpou: first.edrpou }, include: { requests: true } });
    // EDRPOU codes are public: a later filing never rewrites the registry; each request keeps
    // the details it was filed with.
    expect(enterprise).toMatchObject({ name: first.enterpriseName, contactName: first.contactName, email: first.email, phone: first.phone });
    expect(enterprise.requests.map((r) => r.enterpriseName).sort()).toEqual([first.enterpriseName, "Нова назва (демо)"].sort());
    expect(enterprise.requests).toHaveLength(2);
    const [older, newer] = enterprise.requests.sort((a, b) => a.reference.localeCompare(b.reference));
    expect(newer!.possibleDuplicateOfId).toBe(older!.id);
    expect(older!.possibleDuplicateOfId).toBeNull();
  });

  it("numbers references one after another", async () => {
    await post(intakeFormFields(buildIntake(random)));
    await post(intakeFormFields(buildIntake(random)));
    const refs = (await db.request.findMany({ select: { reference: true }, orderBy: { reference: "desc" }, take: 2 })).map((r) =>
      Number(r.reference.slice(-6)),
    );
    expect(refs[0]! - refs[1]!).toBe(1);
  });

  it("refuses bad input with 400, an error per field, the typed values, and writes nothing", async () => {
    const before = await counts();
    const fields = intakeFormFields(buildIntake(random, { category: "RELOCATION" }));
    fields.edrpou = "12345670"; // the check digit should be 8
    fields.phone = "12-34";
    fields.email = "not-an-email";
    fields.description = "Коротко";
    fields.productionArea = "";
    delete fields.consent;
    const answer = await post(fields);

    expect(answer.status).toBe(400);
    expect(answer.data.error).toMatchObject({
      edrpou: ["edrpouChecksum"],
      phone: ["phone"],
      email: ["email"],
      description: ["tooShort:20"],
      productionArea: ["requiredForCategory"],
      consent: ["consent"],
    });
    expect(answer.data.initialValue).toMatchObject({
      enterpriseName: fields.enterpriseName,
      edrpou: "12345670",
      phone: "12-34",
      description: "Коротко",
    });
    expect(await counts()).toEqual(before);
  });

  it("ignores what was typed in another category's block", async () => {
    const fields = intakeFormFields(buildIntake(random, { category: "OTHER" }));
    fields.productionArea = "not a number";
    const answer = await post(fields);
    expect(answer.status).toBe(303);
    const request = await db.request.findFirstOrThrow({ where: { enterprise: { edrpou: fields.edrpou as string } } });
    expect(request.details).toBe("{}");
  });

  it("refuses a needed-by date in the past", async () => {
    const fields = intakeFormFields(buildIntake(random));
    fields.neededBy = "2020-01-01";
    const answer = await post(fields);
    expect(answer.status).toBe(400);
    expect(answer.data.error.neededBy).toEqual(["datePast"]);
  });

  it("turns away a filled honeypot without writing anything", async () => {
    const before = await counts();
    const fields = { ...intakeFormFields(buildIntake(random)), website: "http://spam.example" };
    const answer = await post(fields);
    expect(answer.status).toBe(400);
    expect(answer.data.error[""]).toEqual(["spam"]);
    expect(await counts()).toEqual(before);
  });
});

describe("intake's transaction", () => {
  it("rolls back everything when one statement fails: no enterprise, no counter step, no message", async () => {
    // Step the reference counter back so the next reference is one already taken.
    const year = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Kyiv", year: "numeric" }).format(new Date()));
    await createRequest({ input: buildIntake(random) });
    const counter = await db.referenceCounter.findUniqueOrThrow({ where: { year } });
    await db.referenceCounter.update({ where: { year }, data: { last: counter.last - 1 } });
    const before = { ...(await counts()), notifications: await db.notification.count() };
    const input = buildIntake(random);

    await expect(createRequest({ input })).rejects.toThrow(/unique constraint/i);

    expect({ ...(await counts()), notifications: await db.notification.count() }).toEqual(before);
    expect(await db.enterprise.findUnique({ where: { edrpou: input.edrpou } })).toBeNull();
    expect((await db.referenceCounter.findUniqueOrThrow({ where: { year } })).last).toBe(counter.last - 1);
    await db.referenceCounter.update({ where: { year }, data: { last: counter.last } });
  });

  it("waits for a staff transaction that is open, then files; both are kept", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const staffNote = `note ${Date.now()}`;
    const open = db.$transaction(async (tx) => {
      await tx.enterprise.create({
        data: { edrpou: "00000000", name: staffNote, region: "UA-80", city: "Київ", contactName: "x", phone: "+380671234567", email: "x@example.org" },
      });
      await gate;
    });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the transaction has begun
    const input = buildIntake(random);
    let filed = false;
    const filing = createRequest({ input }).then((created) => {
      filed = true;
      return created;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // SQLite has one writer at a time; PostgreSQL lets the filing write beside the other rows.
    if (env.database.engine === "sqlite") expect(filed).toBe(false);

    release();
    await open;
    const created = await filing;
    expect(await db.enterprise.findUnique({ where: { edrpou: "00000000" } })).toMatchObject({ name: staffNote });
    const request = await db.request.findUniqueOrThrow({ where: { id: created.id }, include: { events: true, notifications: true } });
    expect(request.events).toHaveLength(1);
    expect(request.notifications).toHaveLength(1);
    await db.enterprise.delete({ where: { edrpou: "00000000" } });
  });
});

describe("several needs on one form", () => {
  it("files each other need as a line of its own, waiting for its cluster, all followed by one link", async () => {
    const input = buildIntake(random, { category: "EQUIPMENT" });
    const fields = {
      ...intakeFormFields(input),
      need2Category: "LOGISTICS",
      need2Summary: "Перевезення 12 верстатів до Львова",
      need3Category: "",
      need3Summary: "",
    };
    const answer = await post(fields);
    expect(answer.status).toBe(303);
    const request = await db.request.findFirstOrThrow({
      where: { enterprise: { edrpou: input.edrpou } },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect(request.status).toBe("NEW");
    expect(request.lines.map((line) => [line.position, line.category, line.summary, line.status, line.clusterId])).toEqual([
      [1, "EQUIPMENT", "", "OPEN", null],
      [2, "LOGISTICS", "Перевезення 12 верстатів до Львова", "OPEN", null],
    ]);
  });

  it("refuses a need given half (a category without what is needed, or the reverse) beside its field, keeps what was typed and writes nothing", async () => {
    const input = buildIntake(random, { category: "EQUIPMENT" });
    const before = await counts();
    const answer = await post({ ...intakeFormFields(input), need2Category: "LOGISTICS", need3Summary: "Приміщення на 800 м²" });
    expect(answer.status).toBe(400);
    expect(answer.data.error.need2Summary).toEqual(["required"]);
    expect(answer.data.error.need3Category).toEqual(["choose"]);
    expect(answer.data.initialValue).toMatchObject({ need2Category: "LOGISTICS", need3Summary: "Приміщення на 800 м²", title: input.title });
    expect(await counts()).toEqual(before);
    expect(await db.requestLine.count({ where: { request: { enterprise: { edrpou: input.edrpou } } } })).toBe(0);
  });
});
