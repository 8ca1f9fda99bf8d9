// Who owns a request: an owner from triage on, "take it", "hand over" with a note, the queue's
// owner column and filters with a coordinator's own default view, and the admin's hand-over of
// everything a person owns.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { findQueue } from "~/domain/queue/queue.server";
import { handOverAllRequests } from "~/domain/requests/ownership.server";
import { transitionRequest } from "~/domain/requests/requests.server";
import type { Status } from "~/domain/requests/state-machine";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as adminUserAction, loader as adminUserLoader } from "~/routes/admin.users.$id";
import { loader as queueLoader } from "~/routes/queue";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import type { IntakeInput } from "~/schemas/intake";
import { MY_WORK, queueSearch, readStaffQueueParams } from "~/schemas/queue";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createRequestInStatus, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(2113);
const HOUR = 60 * 60 * 1000;
const PASSWORD = "pw-ownership-123456789";

type Person = { id: string };
let olena: Person;
let taras: Person;
let iryna: Person;
let away: Person;
let admin: Person;
let member: { id: string; clusterId: string | null };
let cluster: { id: string };
const cookies: Record<string, string> = {};

/** A request walked to `status` by `by` (who triages it, and so owns it). */
function requestIn(status: Status, by: Person, overrides: Partial<IntakeInput> = {}, createdAt = new Date(Date.now() - HOUR)) {
  return createRequestInStatus({ input: buildIntake(random, overrides), status, createdAt, coordinator: by, cluster, member, stepMs: 60_000 });
}

const openPage = (reference: string, cookie: string) =>
  call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });

async function act(reference: string, fields: Record<string, string>, cookie: string) {
  const version = fields.version ?? String((await openPage(reference, cookie)).data.request.version);
  return call(
    requestAction,
    formRequest(`/requests/${reference}`, { ...fields, version }, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    { reference },
  );
}

const ownerOf = async (id: string) => (await db.request.findUniqueOrThrow({ where: { id }, select: { ownerId: true } })).ownerId;
const lastEvent = async (id: string) => (await db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } })).at(-1)!;
const eventCount = (id: string) => db.requestEvent.count({ where: { requestId: id } });

async function openQueue(search: string, cookie: string) {
  const answer = await call(queueLoader, new Request(`http://localhost/queue${search}`, { headers: { Cookie: cookie } }));
  expect(answer.status).toBe(200);
  return answer.data as {
    params: Record<string, unknown>;
    queue: { rows: Array<{ reference: string; status: Status; urgency: string; owner: { id: string; name: string } | null }>; total: number };
    owners: Array<{ id: string; name: string }>;
  };
}

beforeAll(async () => {
  cluster = await createCluster({
    slug: "ownership-cluster",
    nameUk: "Кластер",
    nameEn: "Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["SUPPLIES"],
    regions: ["UA-30"],
  });
  olena = await createUser({ email: "own.olena@rrc.example", name: "Олена Коваленко", password: PASSWORD, role: "COORDINATOR" });
  taras = await createUser({ email: "own.taras@rrc.example", name: "Тарас Шевчук", password: PASSWORD, role: "COORDINATOR" });
  iryna = await createUser({ email: "own.iryna@rrc.example", name: "Ірина Бондар", password: PASSWORD, role: "COORDINATOR" });
  away = await createUser({ email: "own.away@rrc.example", name: "Колишній координатор", password: PASSWORD, role: "COORDINATOR" });
  admin = await createUser({ email: "own.admin@rrc.example", name: "Адміністратор", password: PASSWORD, role: "ADMIN" });
  member = await createUser({ email: "own.member@cluster.example", name: "Андрій", password: PASSWORD, role: "CLUSTER_MEMBER", clusterId: cluster.id });
  for (const [name, person] of Object.entries({ olena, taras, iryna, admin, member })) cookies[name] = await cookieFor(person.id);
  await db.$transaction((tx) => tx.user.update({ where: { id: away.id }, data: { active: false } }));
});

describe("an owner from triage on", () => {
  it("triage makes the triaging coordinator the owner unless another is chosen, on the timeline", async () => {
    const { id, reference } = await createRequest({ input: buildIntake(random) });
    expect(await ownerOf(id)).toBeNull();
    const page = await openPage(reference, cookies.olena!);
    const answer = await act(reference, { intent: "triage", category: page.data.request.category, urgency: page.data.request.urgency }, cookies.olena!);
    expect(answer.status).toBe(303);
    expect(await ownerOf(id)).toBe(olena.id);
    expect(JSON.parse((await lastEvent(id)).changes!)).toEqual([{ field: "owner", from: null, to: olena.id }]);

    // Chosen at triage: that colleague.
    const other = await createRequest({ input: buildIntake(random) });
    const chosen = await act(other.reference, { intent: "triage", category: "OTHER", urgency: "LOW", ownerId: taras.id }, cookies.olena!);
    expect(chosen.status).toBe(303);
    expect(await ownerOf(other.id)).toBe(taras.id);
  });

  it("assigning straight from NEW triages, so it gives the request its owner too", async () => {
    const { id, reference } = await createRequest({ input: buildIntake(random) });
    expect((await act(reference, { intent: "assign", clusterId: cluster.id }, cookies.taras!)).status).toBe(303);
    expect(await ownerOf(id)).toBe(taras.id);
  });

  it("a request someone took before triage keeps that owner when another coordinator triages it", async () => {
    const { id, reference } = await createRequest({ input: buildIntake(random) });
    expect((await act(reference, { intent: "take" }, cookies.iryna!)).status).toBe(303);
    expect((await act(reference, { intent: "triage", category: "OTHER", urgency: "HIGH" }, cookies.olena!)).status).toBe(303);
    expect(await ownerOf(id)).toBe(iryna.id);
  });

  it("the migration gives requests triaged before owners were required the coordinator who triaged them", async () => {
    const triaged = await requestIn("IN_PROGRESS", taras);
    const closed = await requestIn("CLOSED", taras);
    const untriaged = await createRequest({ input: buildIntake(random) });
    await db.$transaction((tx) => tx.request.updateMany({ where: { id: { in: [triaged.id, closed.id] } }, data: { ownerId: null } }));
    const dir = fs.readdirSync("prisma/migrations").find((name) => name.endsWith("_request_owners_and_shared_views"))!;
    const sql = fs.readFileSync(path.join("prisma/migrations", dir, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("UPDATE"), sql.indexOf(";", sql.indexOf("UPDATE")) + 1);
    await db.$executeRawUnsafe(backfill);
    expect(await ownerOf(triaged.id)).toBe(taras.id);
    // A finished request keeps no owner it did not have; one never triaged has none yet.
    expect(await ownerOf(closed.id)).toBeNull();
    expect(await ownerOf(untriaged.id)).toBeNull();
  });
});

describe("take it", () => {
  it("makes any coordinator the owner, recorded internally with who and when; a stale version changes nothing", async () => {
    const { id, reference } = await requestIn("IN_PROGRESS", olena);
    const seen = String((await openPage(reference, cookies.taras!)).data.request.version);
    expect((await openPage(reference, cookies.taras!)).data.request.actions).toContain("take");

    expect((await act(reference, { intent: "take" }, cookies.iryna!)).status).toBe(303);
    const event = await lastEvent(id);
    expect(event).toMatchObject({ action: "take", actorUserId: iryna.id, visibility: "INTERNAL", fromStatus: null, toStatus: null });
    expect(JSON.parse(event.changes!)).toEqual([{ field: "owner", from: olena.id, to: iryna.id }]);
    const page = await openPage(reference, cookies.iryna!);
    expect(page.data.request.owner).toEqual({ id: iryna.id, name: "Ірина Бондар" });
    expect(page.data.request.people).toMatchObject({ [olena.id]: "Олена Коваленко", [iryna.id]: "Ірина Бондар" });
    // The owner is offered the hand-over, not the taking.
    expect(page.data.request.actions).toContain("handOver");
    expect(page.data.request.actions).not.toContain("take");

    const before = await eventCount(id);
    const stale = await act(reference, { intent: "take", version: seen }, cookies.taras!);
    expect(stale.status).toBe(409);
    expect(await ownerOf(id)).toBe(iryna.id);
    expect(await eventCount(id)).toBe(before);
  });

  it("its owner cannot take it again, nor anyone a finished request", async () => {
    const { id, reference } = await requestIn("TRIAGED", olena);
    const again = await act(reference, { intent: "take" }, cookies.olena!);
    expect(again.status).toBe(422);
    expect(again.data.result.error[""]).toEqual(["ALREADY_OWNER"]);
    const closed = await requestIn("CLOSED", olena);
    expect((await act(closed.reference, { intent: "take" }, cookies.taras!)).status).toBe(422);
    expect(await ownerOf(id)).toBe(olena.id);
  });
});

describe("hand over", () => {
  it("the owner gives the request to an active colleague with a note, recorded internally", async () => {
    const { id, reference } = await requestIn("ASSIGNED", olena);
    const answer = await act(reference, { intent: "handOver", ownerId: taras.id, message: "Я у відпустці до 20 грудня." }, cookies.olena!);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/requests/${reference}?done=handOver`);
    expect(await ownerOf(id)).toBe(taras.id);
    const event = await lastEvent(id);
    expect(event).toMatchObject({ action: "handOver", actorUserId: olena.id, visibility: "INTERNAL", message: "Я у відпустці до 20 грудня." });
    expect(JSON.parse(event.changes!)).toEqual([{ field: "owner", from: olena.id, to: taras.id }]);
  });

  it("refuses a cluster member, an inactive account, the owner themselves or no note, keeping what was typed", async () => {
    const { id, reference } = await requestIn("TRIAGED", olena);
    const before = await eventCount(id);
    const toMember = await act(reference, { intent: "handOver", ownerId: member.id, message: "Візьми, будь ласка." }, cookies.olena!);
    expect(toMember.status).toBe(400);
    expect(toMember.data.result.error.ownerId).toEqual(["choose"]);
    expect(toMember.data.result.initialValue.message).toBe("Візьми, будь ласка.");
    const toInactive = await act(reference, { intent: "handOver", ownerId: away.id, message: "Візьми." }, cookies.olena!);
    expect(toInactive.status).toBe(400);
    const toSelf = await act(reference, { intent: "handOver", ownerId: olena.id, message: "Собі." }, cookies.olena!);
    expect(toSelf.status).toBe(422);
    expect(toSelf.data.result.error[""]).toEqual(["SAME_OWNER"]);
    const noNote = await act(reference, { intent: "handOver", ownerId: taras.id, message: " " }, cookies.olena!);
    expect(noNote.status).toBe(400);
    expect(noNote.data.result.error.message).toEqual(["required"]);
    expect(await ownerOf(id)).toBe(olena.id);
    expect(await eventCount(id)).toBe(before);
  });

  it("is for the owner and admins: another coordinator is refused (and not offered it), an admin may", async () => {
    const { id, reference } = await requestIn("IN_PROGRESS", olena);
    expect((await openPage(reference, cookies.taras!)).data.request.actions).not.toContain("handOver");
    const other = await act(reference, { intent: "handOver", ownerId: iryna.id, message: "Забираю в Олени." }, cookies.taras!);
    expect(other.status).toBe(422);
    expect(other.data.result.error[""]).toEqual(["NOT_PERMITTED"]);
    expect(await ownerOf(id)).toBe(olena.id);
    expect((await act(reference, { intent: "handOver", ownerId: iryna.id, message: "Олена захворіла." }, cookies.admin!)).status).toBe(303);
    expect(await ownerOf(id)).toBe(iryna.id);
  });

  it("a cluster member may neither take nor hand over even their own cluster's request", async () => {
    const { id, reference } = await requestIn("IN_PROGRESS", olena);
    const page = await openPage(reference, cookies.member!);
    expect(page.status).toBe(200);
    expect(page.data.request.actions).not.toContain("take");
    expect(page.data.request.actions).not.toContain("handOver");
    for (const fields of [{ intent: "take" }, { intent: "handOver", ownerId: taras.id, message: "Передаю." }] as Record<string, string>[]) {
      const answer = await act(reference, fields, cookies.member!);
      expect(answer.status).toBe(422);
      expect(answer.data.result.error[""]).toEqual(["NOT_PERMITTED"]);
    }
    expect(await ownerOf(id)).toBe(olena.id);
  });
});

describe("the queue by owner", () => {
  // Iryna's own little world, all critical so they lead the priority order: what waits on her.
  const mark = "Власність-тест";
  let mineNew: { reference: string };
  let mineTriaged: { reference: string };
  let nobodys: { reference: string };
  let tarasTriaged: { reference: string };
  let mineInProgress: { reference: string };

  beforeAll(async () => {
    mineNew = await createRequest({ input: buildIntake(random, { urgency: "CRITICAL", title: `${mark}: новий, узятий` }) });
    await act(mineNew.reference, { intent: "take" }, cookies.iryna!);
    mineTriaged = await requestIn("TRIAGED", iryna, { urgency: "CRITICAL", title: `${mark}: розглянутий` });
    nobodys = await createRequest({ input: buildIntake(random, { urgency: "CRITICAL", title: `${mark}: нічий` }) });
    tarasTriaged = await requestIn("TRIAGED", taras, { urgency: "CRITICAL", title: `${mark}: Тарасів` });
    mineInProgress = await requestIn("IN_PROGRESS", iryna, { urgency: "CRITICAL", title: `${mark}: у роботі` });
  });

  const refs = (rows: Array<{ reference: string }>) => rows.map((row) => row.reference);

  it("opens on what needs the coordinator's action: waiting on a coordinator, theirs or nobody's, most urgent first", async () => {
    const { params, queue } = await openQueue("", cookies.iryna!);
    expect(params).toMatchObject({ owner: "me-or-nobody", waiting: true, sort: "priority" });
    const shown = refs(queue.rows);
    expect(shown).toEqual(expect.arrayContaining([mineNew.reference, mineTriaged.reference, nobodys.reference]));
    expect(shown).not.toContain(tarasTriaged.reference);
    expect(shown).not.toContain(mineInProgress.reference);
    for (const row of queue.rows) {
      expect(["NEW", "TRIAGED"]).toContain(row.status);
      expect([null, iryna.id]).toContain(row.owner?.id ?? null);
    }
    // Everything in it for Iryna, counted: exactly what the filters say.
    const expected = await db.request.count({
      where: { status: { in: ["NEW", "TRIAGED"] }, OR: [{ ownerId: iryna.id }, { ownerId: null }] },
    });
    expect(queue.total).toBe(expected);
    // Critical first: the first rows are critical.
    expect(queue.rows[0]!.urgency).toBe("CRITICAL");
  });

  it("filters by owner: mine (in any state), nobody's, a colleague's; and everything with its owner column", async () => {
    const mine = await openQueue("?owner=me", cookies.iryna!);
    expect(refs(mine.queue.rows)).toEqual(expect.arrayContaining([mineNew.reference, mineTriaged.reference, mineInProgress.reference]));
    expect(mine.queue.rows.every((row) => row.owner?.id === iryna.id)).toBe(true);

    const nobody = await openQueue("?owner=nobody&q=" + encodeURIComponent(mark), cookies.iryna!);
    expect(refs(nobody.queue.rows)).toEqual([nobodys.reference]);

    const colleague = await openQueue(`?owner=${taras.id}&q=${encodeURIComponent(mark)}`, cookies.iryna!);
    expect(refs(colleague.queue.rows)).toEqual([tarasTriaged.reference]);
    expect(colleague.queue.rows[0]!.owner).toEqual({ id: taras.id, name: "Тарас Шевчук" });

    const all = await openQueue(`?owner=any&q=${encodeURIComponent(mark)}`, cookies.iryna!);
    expect(all.queue.total).toBe(5);
    expect(all.params.owner).toBe("any");
    // The filter lists active staff only.
    expect(all.owners.map((o) => o.name)).toEqual(expect.arrayContaining(["Ірина Бондар", "Тарас Шевчук", "Адміністратор"]));
    expect(all.owners.map((o) => o.name)).not.toContain("Колишній координатор");
    expect(all.owners.map((o) => o.name)).not.toContain("Андрій");
  });

  it("links from the default view (a sort, the next page) keep it, and the default itself is the bare /queue", () => {
    const byDue = queueSearch(MY_WORK, { sort: "due" });
    expect(readStaffQueueParams(new URLSearchParams(byDue))).toMatchObject({ owner: "me-or-nobody", waiting: true, sort: "due" });
    expect(readStaffQueueParams(new URLSearchParams(queueSearch(MY_WORK, { page: 2 })))).toMatchObject({ owner: "me-or-nobody", waiting: true, page: 2 });
    expect(queueSearch(MY_WORK)).toBe("");
    expect(queueSearch(readStaffQueueParams(new URLSearchParams(byDue)), { sort: "priority" })).toBe("");
    // Everything stays everything on the next page.
    const all = readStaffQueueParams(new URLSearchParams("owner=any"));
    expect(queueSearch(all, { page: 2 })).toBe("?page=2&owner=any");
  });

  it("answers the same whether a page is read by the filters' indexes or along the default order's index", async () => {
    const views = [
      "",
      "?owner=me",
      "?owner=nobody&status=NEW,TRIAGED",
      `?owner=${taras.id}&status=TRIAGED`,
      "?owner=me-or-nobody&waiting=1&size=10",
      "?owner=any&size=10&page=2",
      "?owner=any&status=IN_PROGRESS,RESOLVED",
    ];
    for (const view of views) {
      const params = readStaffQueueParams(new URLSearchParams(view));
      const lookup = await findQueue(params, { viewerId: iryna.id }, undefined, "lookup");
      const walk = await findQueue(params, { viewerId: iryna.id }, undefined, "walk");
      expect(lookup.rows.length, view).toBeGreaterThan(0);
      expect(refs(walk.rows), view).toEqual(refs(lookup.rows));
      expect(walk.total, view).toBe(lookup.total);
    }
    // Statuses of another rank than the first still come in the default order, all of them.
    const later = await findQueue(readStaffQueueParams(new URLSearchParams("?owner=any&status=IN_PROGRESS,RESOLVED&size=100")), { viewerId: iryna.id });
    expect(later.total).toBe(await db.request.count({ where: { status: { in: ["IN_PROGRESS", "RESOLVED"] } } }));
    const ranks = later.rows.map((row) => (row.status === "IN_PROGRESS" ? 1 : 2));
    expect(ranks).toEqual([...ranks].sort());
  });

  it("an address with other parameters but no owner shows everyone's, as links made before owners did", async () => {
    const old = await openQueue(`?q=${encodeURIComponent(mark)}`, cookies.iryna!);
    expect(old.queue.total).toBe(5);
    expect(old.params.owner).toBe("any");
  });

  it("one coordinator's default is not another's", async () => {
    const theirs = refs((await openQueue(`?owner=me-or-nobody&waiting=1&q=${encodeURIComponent(mark)}`, cookies.taras!)).queue.rows);
    expect(theirs.sort()).toEqual([nobodys.reference, tarasTriaged.reference].sort());
  });
});

describe("an admin hands over all of a person's open requests", () => {
  it("moves each open request through the state machine with the note, leaves finished ones, and says how many", async () => {
    const leaving = await createUser({ email: "own.leaving@rrc.example", name: "Ганна Звільняється", password: PASSWORD, role: "COORDINATOR" });
    const open = await Promise.all((["TRIAGED", "NEEDS_INFO", "IN_PROGRESS", "RESOLVED"] as const).map((status) => requestIn(status, leaving)));
    const closed = await requestIn("CLOSED", leaving);
    const cookie = cookies.admin!;

    const page = await call(adminUserLoader, new Request(`http://localhost/admin/users/${leaving.id}`, { headers: { Cookie: cookie } }), { id: leaving.id });
    expect(page.data.openOwned).toBe(4);
    expect(page.data.people.map((p: { id: string }) => p.id)).not.toContain(leaving.id);

    const answer = await call(
      adminUserAction,
      formRequest(
        `/admin/users/${leaving.id}`,
        { intent: "handOverAll", toUserId: taras.id, message: "Ганна звільнилася." },
        { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } },
      ),
      { id: leaving.id },
    );
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/admin/users/${leaving.id}?done=handedOver&moved=4&skipped=0`);
    for (const request of open) {
      expect(await ownerOf(request.id)).toBe(taras.id);
      expect(await lastEvent(request.id)).toMatchObject({ action: "handOver", actorUserId: admin.id, message: "Ганна звільнилася.", visibility: "INTERNAL" });
    }
    expect(await ownerOf(closed.id)).toBe(leaving.id);
    expect((await lastEvent(closed.id)).action).not.toBe("handOver");

    // The admin's record holds the hand-over once, with who and before → after (decision 027).
    const recorded = await db.adminAuditEntry.findMany({ where: { action: "request.handOverAll", subjectId: leaving.id } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actorUserId: admin.id, subjectType: "request", subjectLabel: "own.leaving@rrc.example" });
    expect(JSON.parse(recorded[0]!.before!)).toEqual({ owner: "own.leaving@rrc.example", openRequests: 4 });
    expect(JSON.parse(recorded[0]!.after!)).toEqual({ owner: "own.taras@rrc.example", moved: 4, skipped: 0, note: "Ганна звільнилася." });
    const audit = await call(auditLoader, new Request("http://localhost/admin/audit?kind=request", { headers: { Cookie: cookie } }));
    expect(audit.data.audit.entries.map((entry: { subjectLabel: string }) => entry.subjectLabel)).toContain("own.leaving@rrc.example");
  });

  it("refuses the same person, a member or an inactive account as the receiver, and a missing note, writing nothing", async () => {
    const leaving = await createUser({ email: "own.leaving2@rrc.example", name: "Петро", password: PASSWORD, role: "COORDINATOR" });
    const request = await requestIn("TRIAGED", leaving);
    const before = await eventCount(request.id);
    const post = (fields: Record<string, string>) =>
      call(
        adminUserAction,
        formRequest(
          `/admin/users/${leaving.id}`,
          { intent: "handOverAll", ...fields },
          { headers: { Cookie: cookies.admin!, "Content-Type": "application/x-www-form-urlencoded" } },
        ),
        { id: leaving.id },
      );
    for (const [toUserId, error] of [
      [leaving.id, "sameUser"],
      [member.id, "ownerRequired"],
      [away.id, "ownerRequired"],
    ] as const) {
      const answer = await post({ toUserId, message: "Передаю." });
      expect(answer.status).toBe(400);
      expect(answer.data.result.error.toUserId).toEqual([error]);
      expect(answer.data.result.initialValue.message).toBe("Передаю.");
    }
    const noNote = await post({ toUserId: taras.id, message: "" });
    expect(noNote.status).toBe(400);
    expect(noNote.data.result.error.message).toEqual(["required"]);
    expect(await ownerOf(request.id)).toBe(leaving.id);
    expect(await eventCount(request.id)).toBe(before);
    expect(await db.adminAuditEntry.count({ where: { subjectId: leaving.id, subjectType: "request" } })).toBe(0);
  });

  it("leaves a request someone took meanwhile with them", async () => {
    const leaving = await createUser({ email: "own.leaving3@rrc.example", name: "Марія", password: PASSWORD, role: "COORDINATOR" });
    const request = await requestIn("TRIAGED", leaving);
    // Read as Maria's, then taken by Olena before the hand-over reaches it.
    await transitionRequest({ requestId: request.id, action: "take", actor: { type: "USER", userId: olena.id, role: "COORDINATOR", clusterId: null } });
    await expect(
      transitionRequest({
        requestId: request.id,
        action: "handOver",
        actor: { type: "USER", userId: admin.id, role: "ADMIN", clusterId: null },
        input: { ownerId: taras.id, expectedOwnerId: leaving.id, message: "Марія пішла." },
      }),
    ).rejects.toMatchObject({ reason: "CONFLICT" });
    expect(await ownerOf(request.id)).toBe(olena.id);

    const outcome = await handOverAllRequests({ admin, fromUserId: leaving.id, toUserId: taras.id, note: "Марія пішла." });
    expect(outcome).toMatchObject({
      ok: true,
      moved: 0,
      skipped: 0,
      change: { actorId: admin.id, action: "handOverRequests", targetUserId: leaving.id, before: { ownerId: leaving.id, openRequests: 0 } },
    });
  });
});
