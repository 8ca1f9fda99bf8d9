// Hearing back, both ways: every PUBLIC action of staff or the Centre e-mails the enterprise
// (derived from the state machine, so a new action is covered as soon as it has its entry in
// app/domain/notifications/announcements.ts), and the enterprise's messages, answers and reopenings e-mail the
// people who look after the request. No staff message ever carries the private link.
import { beforeAll, describe, expect, it } from "vitest";
import { ENTERPRISE_NOTICE, STAFF_NOTICE_ON_ENTERPRISE_ACTION } from "~/domain/notifications/announcements";
import { createRequest } from "~/domain/requests/intake.server";
import { renderBilingual } from "~/domain/notifications/notification-templates";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { enterpriseAction, addEnterpriseMessage } from "~/domain/requests/status-page.server";
import { type Action, type Actor, type Status, TRANSITIONS, actorKindFor } from "~/domain/requests/state-machine";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const random = seededRandom(1313);
type Person = { id: string; email: string };
let cluster: { id: string };
let otherCluster: { id: string };
let owner: Person;
let colleague: Person;
let member: Person & { clusterId: string | null };
let otherMember: Person;

beforeAll(async () => {
  cluster = await createCluster({
    slug: "steel",
    nameUk: "Сталь",
    nameEn: "Steel",
    kind: "CLUSTER",
    homeRegion: "UA-12",
    capabilities: ["SUPPLIES"],
    regions: ["UA-12"],
  });
  otherCluster = await createCluster({
    slug: "cloth",
    nameUk: "Тканини",
    nameEn: "Cloth",
    kind: "CLUSTER",
    homeRegion: "UA-46",
    capabilities: ["SUPPLIES"],
    regions: ["UA-46"],
  });
  owner = await createUser({ email: "owner@rrc.example", name: "Owner", password: "pw-123456789", role: "COORDINATOR" });
  colleague = await createUser({ email: "colleague@rrc.example", name: "Colleague", password: "pw-123456789", role: "COORDINATOR" });
  member = await createUser({ email: "member@steel.example", name: "Member", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  otherMember = await createUser({
    email: "member@cloth.example",
    name: "Other",
    password: "pw-123456789",
    role: "CLUSTER_MEMBER",
    clusterId: otherCluster.id,
  });
  const former = await createUser({ email: "former@steel.example", name: "Former", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  await db.$transaction((tx) => tx.user.update({ where: { id: former.id }, data: { active: false } }));
  await createUser({ email: "admin@rrc.example", name: "Admin", password: "pw-123456789", role: "ADMIN" });
});

const asUser = (user: { id: string; role?: string; clusterId?: string | null }, role: "COORDINATOR" | "CLUSTER_MEMBER" = "COORDINATOR"): Actor => ({
  type: "USER",
  userId: user.id,
  role,
  clusterId: user.clusterId ?? null,
});
const coordinator = () => asUser(owner);
const assignedMember = () => asUser(member, "CLUSTER_MEMBER");

async function act(requestId: string, action: Action, actor: Actor, input: Parameters<typeof transitionRequestInTx>[1]["input"] = {}) {
  return db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input }));
}

/** The actions that take a new request to each status. */
const PATHS: Partial<Record<Status, Action[]>> = {
  NEW: [],
  TRIAGED: ["triage"],
  NEEDS_INFO: ["triage", "requestInfo"],
  ASSIGNED: ["triage", "assign"],
  IN_PROGRESS: ["triage", "assign", "accept"],
  RESOLVED: ["triage", "assign", "accept", "resolve"],
  CLOSED: ["triage", "assign", "accept", "resolve", "close"],
  DUPLICATE: ["markDuplicate"],
};

async function fileIn(status: Status, { withOwner = true } = {}) {
  const created = await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-12" }) });
  for (const action of PATHS[status]!) {
    const actor = action === "accept" || action === "resolve" ? assignedMember() : coordinator();
    const original = action === "markDuplicate" ? await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-12" }) }) : null;
    await act(created.id, action, actor, {
      message: "Крок",
      clusterId: cluster.id,
      duplicateOfId: original?.id,
      triage: action === "triage" ? { category: "SUPPLIES", urgency: "HIGH", ownerId: withOwner ? owner.id : null } : undefined,
    });
  }
  const { email } = await db.request.findUniqueOrThrow({ where: { id: created.id }, select: { email: true } });
  return { ...created, email: email.toLowerCase() };
}

/** The messages written after `since` (an id-free way to see what one action wrote). */
async function writtenBy<T>(requestId: string, run: () => Promise<T>) {
  const before = new Set((await db.notification.findMany({ where: { requestId }, select: { id: true } })).map((n) => n.id));
  await run();
  const all = await db.notification.findMany({ where: { requestId }, orderBy: { recipient: "asc" } });
  return all.filter((n) => !before.has(n.id));
}

/** A correction of the request's title, everything else as filed. */
async function correctionOf(requestId: string) {
  const r = await db.request.findUniqueOrThrow({ where: { id: requestId } });
  return {
    enterpriseName: r.enterpriseName,
    contactName: r.contactName,
    phone: r.phone,
    email: r.email,
    region: r.region,
    city: r.city,
    sector: r.sector,
    naceClass: r.naceClass,
    category: r.category,
    urgency: r.urgency,
    title: `${r.title} (виправлено)`,
    description: r.description,
    neededBy: r.neededBy,
    details: r.details,
    sensitiveDetails: r.sensitiveDetails,
  };
}

/** Someone who may take `action` on a request in `status` (assigned to `cluster`). */
function actorFor(action: Action): Actor {
  const by = TRANSITIONS[action].by as readonly string[];
  if (by.includes("COORDINATOR")) return coordinator();
  if (by.includes("ASSIGNED_MEMBER")) return assignedMember();
  return { type: "SYSTEM" };
}

describe("the enterprise hears of every public action of staff and the Centre", () => {
  for (const [action, kind] of Object.entries(ENTERPRISE_NOTICE) as [Action, string | null][]) {
    const from = (TRANSITIONS[action].from as readonly (Status | null)[]).find((s): s is Status => s !== null && s in PATHS);
    it(`${action} → “${kind ?? "nothing"}” to the enterprise, once, with the staff's words and no private link`, async () => {
      expect(from, `no way to reach a status ${action} starts from`).toBeDefined();
      const request = await fileIn(from!);
      const original = action === "markDuplicate" ? await fileIn("NEW") : null;
      const actor = actorFor(action);
      expect(actorKindFor(actor, { assignedClusterId: from === "NEW" || from === "TRIAGED" ? null : cluster.id })).not.toBe("OTHER_MEMBER");
      const message = `Слова до «${action}»`;
      const correction = action === "edit" ? await correctionOf(request.id) : undefined;
      // A join needs two lines waiting for a cluster: a split makes them.
      const newLine = { category: "LOGISTICS" as const, summary: "Перевезення" };
      if (action === "joinLines") for (let i = 0; i < 2; i++) await act(request.id, "splitLine", coordinator(), { newLine });
      const lines = await db.requestLine.findMany({ where: { requestId: request.id }, orderBy: { position: "asc" } });
      const written = await writtenBy(request.id, () =>
        db.$transaction((tx) =>
          transitionRequestInTx(tx, {
            requestId: request.id,
            action,
            actor,
            lineId: action === "joinLines" ? lines.at(-1)!.id : undefined,
            intoLineId: action === "joinLines" ? lines.at(-2)!.id : undefined,
            input: { message, duplicateOfId: original?.id, correction, newLine },
          }),
        ),
      );
      const toEnterprise = written.filter((n) => n.recipient === request.email);
      if (kind === null) return expect(toEnterprise).toEqual([]);
      expect(toEnterprise.map((n) => n.kind)).toEqual([kind]);
      const [mail] = toEnterprise;
      expect(mail!.subject).toContain(request.reference);
      expect(mail!.body).toContain("========== English ==========");
      expect(mail!.body).toContain("листа «Запит отримано»");
      expect(mail!.body).toContain("the “Request received” email");
      expect(mail!.body).not.toContain(request.token);
      if ((TRANSITIONS[action] as { requires?: { message?: true } }).requires?.message) expect(mail!.body).toContain(`> ${message}`);
    });
  }

  it("internal actions tell the enterprise nothing", async () => {
    const request = await fileIn("NEW");
    const written = await writtenBy(request.id, async () => {
      await act(request.id, "triage", coordinator(), { triage: { category: "SUPPLIES", urgency: "LOW", ownerId: owner.id } });
      await act(request.id, "note", coordinator(), { message: "Внутрішня примітка" });
      await act(request.id, "assign", coordinator(), { clusterId: cluster.id });
    });
    expect(written.filter((n) => n.recipient === request.email)).toEqual([]);
  });

  it("a correction's changes are listed field by field in both languages", () => {
    const { body } = renderBilingual("message", {
      reference: "RRC-2026-000001",
      title: "Сталь",
      message: "",
      changes: [{ field: "urgency", from: "NORMAL", to: "CRITICAL" }],
    });
    expect(body).toContain("Що змінено:\n- Терміновість: Звичайна → Критична");
    expect(body).toContain("What changed:\n- Urgency: Normal → Critical");
  });
});

describe("the people looking after a request hear of the enterprise's activity", () => {
  const recipients = (rows: { recipient: string }[]) => rows.map((n) => n.recipient).sort();

  it("a message reaches the owner and the assigned cluster's active members, not other coordinators or clusters", async () => {
    const request = await fileIn("IN_PROGRESS");
    const written = await writtenBy(request.id, () => addEnterpriseMessage({ token: request.token, message: "Чи можна прискорити поставку?" }));
    expect(written.map((n) => n.kind)).toEqual(["enterpriseReplied", "enterpriseReplied"]);
    expect(recipients(written)).toEqual([member.email, owner.email].sort());
    expect(recipients(written)).not.toContain(otherMember.email);
    expect(recipients(written)).not.toContain(colleague.email);
    const [mail] = written;
    expect(mail!.subject).toContain("Підприємство написало");
    expect(mail!.subject).toContain("The enterprise wrote");
    expect(mail!.body).toContain("> Чи можна прискорити поставку?");
    expect(mail!.body).toContain(`/requests/${request.reference}`);
    for (const n of written) {
      expect(n.body).not.toContain(request.token);
      expect(n.body).not.toContain("/s/");
    }
  });

  it("an answer reaches whoever asked, even when they do not own the request", async () => {
    const request = await fileIn("TRIAGED");
    await act(request.id, "requestInfo", asUser(colleague), { message: "Скільки тонн?" });
    const written = await writtenBy(request.id, () => addEnterpriseMessage({ token: request.token, message: "20 тонн." }));
    expect(written.every((n) => n.kind === "infoProvided")).toBe(true);
    expect(recipients(written)).toEqual([colleague.email, owner.email].sort());
    expect(written[0]!.body).toContain("> 20 тонн.");
    expect(written[0]!.subject).toContain("Підприємство відповіло на запитання");
  });

  it("with no owner, every active coordinator hears (admins only when there is no coordinator)", async () => {
    const request = await fileIn("NEW");
    const written = await writtenBy(request.id, () => addEnterpriseMessage({ token: request.token, message: "Додаю фото накладних." }));
    expect(recipients(written)).toEqual([colleague.email, owner.email].sort());
  });

  it("a reopening reaches the owner and the cluster that resolved it", async () => {
    const request = await fileIn("RESOLVED");
    const written = await writtenBy(request.id, () => enterpriseAction({ token: request.token, action: "reopen", message: "Поставка неповна: бракує 5 т." }));
    expect(written.every((n) => n.kind === "enterpriseReopened")).toBe(true);
    expect(recipients(written)).toEqual([member.email, owner.email].sort());
    expect(written[0]!.body).toContain("> Поставка неповна: бракує 5 т.");
    // The enterprise is not told what it has just done itself.
    expect(written.filter((n) => n.recipient === request.email)).toEqual([]);
  });

  it("confirming and “still needed” announce nothing", async () => {
    expect(STAFF_NOTICE_ON_ENTERPRISE_ACTION.confirm).toBeNull();
    const request = await fileIn("RESOLVED");
    const written = await writtenBy(request.id, () => enterpriseAction({ token: request.token, action: "confirm" }));
    expect(written).toEqual([]);
  });

  it("an enterprise message in a transaction that rolls back leaves no message for anyone", async () => {
    const request = await fileIn("IN_PROGRESS");
    const before = await db.notification.count();
    await expect(
      db.$transaction(async (tx) => {
        await transitionRequestInTx(tx, {
          requestId: request.id,
          action: "enterpriseMessage",
          actor: { type: "ENTERPRISE" },
          input: { message: "Ще питання" },
        });
        throw new Error("failed later in the same transaction");
      }),
    ).rejects.toThrow("failed later");
    expect(await db.notification.count()).toBe(before);
  });
});
