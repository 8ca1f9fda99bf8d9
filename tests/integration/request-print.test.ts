// The print view of one request: the same people may print it as may open its page; by default
// the paper leaves out internal notes' text and defence orders' sensitive details.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { loader as printLoader } from "~/routes/requests.$reference_.print";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

let reference: string;
const cookies: Record<"coordinator" | "member" | "otherMember", string> = { coordinator: "", member: "", otherMember: "" };
const print = (who: keyof typeof cookies | null, search = "") =>
  call(printLoader, new Request(`http://localhost/requests/${reference}/print${search}`, { headers: who ? { Cookie: cookies[who] } : {} }), {
    reference,
  });

beforeAll(async () => {
  const seed = (slug: string) => ({
    slug,
    nameUk: slug,
    nameEn: slug,
    kind: "CLUSTER" as const,
    homeRegion: "UA-30" as const,
    capabilities: ["DEFENCE_ORDER" as const],
    regions: [],
  });
  const [mine, other] = [await createCluster(seed("print-a")), await createCluster(seed("print-b"))];
  const coordinator = await createUser({ email: "print.c@rrc.example", name: "Олена Координаторка", password: "pw-123456789012", role: "COORDINATOR" });
  const member = await createUser({ email: "print.m@rrc.example", name: "М", password: "pw-123456789012", role: "CLUSTER_MEMBER", clusterId: mine.id });
  const otherMember = await createUser({ email: "print.o@rrc.example", name: "О", password: "pw-123456789012", role: "CLUSTER_MEMBER", clusterId: other.id });
  cookies.coordinator = await cookieFor(coordinator.id);
  cookies.member = await cookieFor(member.id);
  cookies.otherMember = await cookieFor(otherMember.id);

  const filed = await createRequest({ input: buildIntake(seededRandom(27), { category: "DEFENCE_ORDER", title: "Пошив спорядження для друку" }) });
  reference = filed.reference;
  const actor = { type: "USER" as const, userId: coordinator.id, role: "COORDINATOR" as const, clusterId: null };
  await db.$transaction(async (tx) => {
    await transitionRequestInTx(tx, { requestId: filed.id, action: "note", actor, input: { message: "Внутрішнє: перевірити допуски" } });
    await transitionRequestInTx(tx, { requestId: filed.id, action: "publicMessage", actor, input: { message: "Дякуємо, розглядаємо." } });
    await transitionRequestInTx(tx, { requestId: filed.id, action: "assign", actor, input: { clusterId: mine.id } });
  });
});

describe("print view", () => {
  it("gives staff the details and the whole history; internal notes' text and sensitive details only when asked for", async () => {
    const plain = await print("coordinator");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("Cache-Control")).toBe("private, no-store");
    const request = plain.data.request;
    expect(request).toMatchObject({ reference, title: "Пошив спорядження для друку", full: false, sensitiveDetails: null });
    expect(request.events.map((e: { action: string }) => e.action)).toEqual(["submit", "note", "publicMessage", "assign"]);
    const messages = request.events.map((e: { message: string | null }) => e.message);
    expect(messages).toContain("Дякуємо, розглядаємо.");
    expect(JSON.stringify(plain.data)).not.toContain("перевірити допуски");
    expect(JSON.stringify(plain.data)).not.toContain("Металеві комплектуючі");

    const full = await print("coordinator", "?full=1");
    expect(full.data.request.full).toBe(true);
    expect(full.data.request.events.map((e: { message: string | null }) => e.message)).toContain("Внутрішнє: перевірити допуски");
    expect(full.data.request.sensitiveDetails).toMatchObject({ productType: "Металеві комплектуючі" });
  });

  it("marks the entries of merged requests; another enterprise's merged request stays off the default paper", async () => {
    const original = await db.request.findFirstOrThrow({ where: { reference }, select: { id: true, enterprise: { select: { edrpou: true } } } });
    const random = seededRandom(28);
    const same = await createRequest({ input: buildIntake(random, { edrpou: original.enterprise.edrpou }) });
    const other = await createRequest({ input: buildIntake(random, { edrpou: "00032129" }) });
    const coordinator = await db.user.findUniqueOrThrow({ where: { email: "print.c@rrc.example" } });
    const actor = { type: "USER" as const, userId: coordinator.id, role: "COORDINATOR" as const, clusterId: null };
    const enterprise = { type: "ENTERPRISE" as const };
    for (const [duplicate, text] of [
      [same, "Те саме, ще й тканина."],
      [other, "Лист іншого підприємства."],
    ] as const) {
      await db.$transaction(async (tx) => {
        await transitionRequestInTx(tx, { requestId: duplicate.id, action: "enterpriseMessage", actor: enterprise, input: { message: text } });
        await transitionRequestInTx(tx, {
          requestId: duplicate.id,
          action: "markDuplicate",
          actor,
          input: { duplicateOfId: original.id, message: "Те саме." },
        });
      });
    }

    const plain = (await print("coordinator")).data.request;
    expect(plain.mergedRequests).toEqual([{ reference: same.reference, otherEnterprise: false }]);
    const fromSame = plain.events.filter((e: { mergedFrom: { reference: string } | null }) => e.mergedFrom?.reference === same.reference);
    expect(fromSame.map((e: { message: string | null }) => e.message)).toContain("Те саме, ще й тканина.");
    const paper = JSON.stringify(plain);
    expect(paper).not.toContain(other.reference);
    expect(paper).not.toContain("Лист іншого підприємства.");

    const full = (await print("coordinator", "?full=1")).data.request;
    expect(full.mergedRequests.map((m: { reference: string }) => m.reference)).toEqual([same.reference, other.reference]);
    expect(full.events.find((e: { message: string | null }) => e.message === "Лист іншого підприємства.")).toMatchObject({
      mergedFrom: { reference: other.reference, otherEnterprise: true },
    });
  });

  it("is open to the assigned cluster's members as the request page is, and to nobody else", async () => {
    expect((await print("member")).status).toBe(200);
    expect((await print("otherMember")).status).toBe(404);
    const anonymous = await print(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(`/requests/${reference}/print`)}`);
  });
});
