// A lost status link: /s/lost rotates the link when the reference and the filed e-mail match and
// mails the new one there; the answer (status, location, body, time) is the same when they do
// not; attempts are limited per address and per reference; staff can send a new link too.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { LOST_LINK_ANSWER_MS } from "~/domain/requests/status-links.server";
import { action as lostAction, loader as lostLoader } from "~/routes/s.lost";
import { action as sendLinkAction } from "~/routes/requests.$reference_.status-link";
import { loader as statusLoader } from "~/routes/s.$token";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(26);
let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter}`;

const open = (token: string) => call(statusLoader, new Request(`http://localhost/s/${token}`), { token });
const askForLink = (form: Record<string, string>, address = freshAddress()) => call(lostAction, formRequest("/s/lost", form), {}, { clientAddress: address });

async function file(email = "Olena.Koval@Enterprise.example") {
  return createRequest({ input: buildIntake(random, { email: email.toLowerCase() }) });
}

/** The private links mailed for a request, oldest first. */
async function mailedLinks(requestId: string) {
  const rows = await db.notification.findMany({ where: { requestId, kind: "statusLinkRenewed" }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ ...row, token: /\/s\/([A-Za-z0-9_-]{43})/.exec(row.body)![1]! }));
}

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

let coordinatorCookie: string;
let memberCookie: string;

beforeAll(async () => {
  const coordinator = await createUser({ email: "links.coordinator@rrc.example", name: "К", password: "pw-123456789012", role: "COORDINATOR" });
  const cluster = await createCluster({ slug: "links", nameUk: "К", nameEn: "C", kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["OTHER"], regions: [] });
  const member = await createUser({ email: "links.member@rrc.example", name: "М", password: "pw-123456789012", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  coordinatorCookie = await cookieFor(coordinator.id);
  memberCookie = await cookieFor(member.id);
});

describe("/s/lost", () => {
  it("with the reference and the filed e-mail (any letter case), mails a new link; the old one stops working at once", async () => {
    const { id, token, reference } = await file();
    const before = await db.request.findUniqueOrThrow({ where: { id } });

    const answer = await askForLink({ reference: ` ${reference.toLowerCase()} `, email: "OLENA.KOVAL@enterprise.EXAMPLE" });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/s/lost?sent=1");

    expect((await open(token)).status).toBe(404);
    const [mail, ...more] = await mailedLinks(id);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ recipient: "olena.koval@enterprise.example", status: "PENDING" });
    expect(mail!.subject).toContain(reference);
    expect(mail!.body).toContain("Попереднє посилання більше не відкриває сторінку запиту");
    expect(mail!.body).toContain("Якщо ви нового посилання не просили");
    const renewed = await open(mail!.token);
    expect(renewed.status).toBe(200);
    expect(renewed.data.request.reference).toBe(reference);

    // On the staff timeline as an INTERNAL event by the enterprise; not on the enterprise's page.
    const events = await db.requestEvent.findMany({ where: { requestId: id, action: "rotateStatusLink" } });
    expect(events).toMatchObject([{ actorType: "ENTERPRISE", visibility: "INTERNAL", fromStatus: null, toStatus: null }]);
    expect(renewed.data.request.events.map((e: { action: string }) => e.action)).not.toContain("rotateStatusLink");
    // Not activity: the request's clocks and its place in the queue are as they were.
    const after = await db.request.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ status: before.status, lastActivityAt: before.lastActivityAt, version: before.version + 1 });
  });

  it("answers exactly the same, after the same time, when the e-mail or the reference does not match, and changes nothing", async () => {
    const { id, token, reference } = await file("someone@enterprise.example");
    const hash = (await db.request.findUniqueOrThrow({ where: { id } })).statusTokenHash;
    const notifications = await db.notification.count();
    const events = await db.requestEvent.count();

    const wrongEmail = await timed(() => askForLink({ reference, email: "attacker@evil.example" }));
    const unknownReference = await timed(() => askForLink({ reference: "RRC-2026-999999", email: "someone@enterprise.example" }));
    const matching = await timed(() => askForLink({ reference, email: "someone@enterprise.example" }));
    for (const { result } of [wrongEmail, unknownReference]) {
      expect({ status: result.status, location: result.location, data: result.data }).toEqual({
        status: matching.result.status,
        location: matching.result.location,
        data: matching.result.data,
      });
    }
    for (const { ms } of [wrongEmail, unknownReference, matching]) expect(ms).toBeGreaterThanOrEqual(LOST_LINK_ANSWER_MS - 5);

    // Only the matching attempt wrote anything.
    expect(await db.notification.count()).toBe(notifications + 1);
    expect(await db.requestEvent.count()).toBe(events + 1);
    expect((await db.request.findUniqueOrThrow({ where: { id } })).statusTokenHash).not.toBe(hash);
    expect((await open(token)).status).toBe(404);
  });

  it("shows the same notice after the redirect, and keeps what was typed beside each error", async () => {
    const page = await call(lostLoader, new Request("http://localhost/s/lost?sent=1"));
    expect(page.data).toEqual({ sent: true });
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");

    const bad = await askForLink({ reference: "12345", email: "not-an-email" });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toEqual({ reference: ["referenceFormat"], email: ["email"] });
    expect(bad.data.initialValue).toEqual({ reference: "12345", email: "not-an-email" });
    const empty = await askForLink({});
    expect(empty.status).toBe(400);
    expect(empty.data.error).toEqual({ reference: ["required"], email: ["required"] });
  });

  it("limits attempts per reference, from any address, the same for a reference that does not exist", async () => {
    const { id, reference } = await file("limited@enterprise.example");
    for (const ref of [reference, "RRC-2026-888888"]) {
      for (let i = 0; i < 5; i++) expect((await askForLink({ reference: ref, email: `guess${i}@evil.example` })).status).toBe(303);
      const refused = await askForLink({ reference: ref, email: "limited@enterprise.example" });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(3000);
      expect(refused.data.error).toEqual({ "": ["tooManyTries:60"] });
      // What was typed stays in the form.
      expect(refused.data.initialValue).toMatchObject({ email: "limited@enterprise.example" });
    }
    // The refused attempt with the right e-mail did not rotate the link.
    expect(await mailedLinks(id)).toEqual([]);
  });

  it("limits attempts per client address, whatever the reference", async () => {
    const address = "203.0.113.200";
    for (let i = 0; i < 10; i++) {
      expect((await askForLink({ reference: `RRC-2026-7000${String(i).padStart(2, "0")}`, email: "x@evil.example" }, address)).status).toBe(303);
    }
    const refused = await askForLink({ reference: "RRC-2026-700099", email: "x@evil.example" }, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await askForLink({ reference: "RRC-2026-700099", email: "x@evil.example" }, freshAddress())).status).toBe(303);
  });

  it("cannot keep an enterprise out: every new link is mailed to it, and the newest one always opens the page", async () => {
    const { id, reference } = await file("kept@enterprise.example");
    for (let i = 0; i < 3; i++) await askForLink({ reference, email: "kept@enterprise.example" });
    const links = await mailedLinks(id);
    expect(links.map((l) => l.recipient)).toEqual(["kept@enterprise.example", "kept@enterprise.example", "kept@enterprise.example"]);
    expect((await open(links[2]!.token)).status).toBe(200);
    for (const old of links.slice(0, 2)) expect((await open(old.token)).status).toBe(404);
  });

  it('leaves a pending "still needed?" question open', async () => {
    const { id, reference } = await file("asked@enterprise.example");
    const askedAt = new Date("2026-11-20T10:00:00Z");
    await db.$transaction((tx) => tx.request.update({ where: { id }, data: { stillNeededAskedAt: askedAt } }));
    await askForLink({ reference, email: "asked@enterprise.example" });
    expect((await db.request.findUniqueOrThrow({ where: { id } })).stillNeededAskedAt).toEqual(askedAt);
  });
});

describe("the new link's address", () => {
  it("comes from PUBLIC_URL, never from the Host a visitor's or a coordinator's browser sent", async () => {
    const hostile = { Host: "evil.example", "X-Forwarded-Host": "evil.example", "Content-Type": "application/x-www-form-urlencoded" };
    const asked = await file("host@enterprise.example");
    const answer = await call(
      lostAction,
      formRequest("/s/lost", { reference: asked.reference, email: "host@enterprise.example" }, { headers: hostile }),
      {},
      { clientAddress: freshAddress() },
    );
    expect(answer.status).toBe(303);
    const sent = await file("host2@enterprise.example");
    const sending = new Request(`http://evil.example/requests/${sent.reference}/status-link`, {
      method: "POST",
      headers: { ...hostile, Cookie: coordinatorCookie },
      body: "",
    });
    expect((await call(sendLinkAction, sending, { reference: sent.reference })).status).toBe(303);
    for (const { id } of [asked, sent]) {
      const [mail] = await mailedLinks(id);
      expect(mail!.body).toContain(`${env.publicUrl}/s/${mail!.token}`);
      expect(mail!.body).not.toContain("evil.example");
    }
  });
});

describe("staff send a new link", () => {
  const send = (reference: string, cookie: string) =>
    call(sendLinkAction, formRequest(`/requests/${reference}/status-link`, {}, { headers: { Cookie: cookie } }), { reference });

  it("a coordinator sends it to the request's e-mail; the old link stops working; the timeline says who", async () => {
    const { id, token, reference } = await file("called@enterprise.example");
    const answer = await send(reference, coordinatorCookie);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/requests/${reference}?done=statusLink`);
    expect((await open(token)).status).toBe(404);
    const [mail] = await mailedLinks(id);
    expect(mail!.recipient).toBe("called@enterprise.example");
    expect(mail!.body).toContain("Координатор Центру надіслав вам нове посилання");
    expect((await open(mail!.token)).status).toBe(200);
    const event = await db.requestEvent.findFirstOrThrow({ where: { requestId: id, action: "rotateStatusLink" }, include: { actor: true } });
    expect(event).toMatchObject({ actorType: "USER", visibility: "INTERNAL" });
    expect(event.actor?.email).toBe("links.coordinator@rrc.example");
  });

  it("a cluster member may not, and an unknown reference is a 404", async () => {
    const { token, reference } = await file();
    expect((await send(reference, memberCookie)).status).toBe(403);
    expect((await open(token)).status).toBe(200);
    expect((await send("RRC-2026-404404", coordinatorCookie)).status).toBe(404);
  });
});
