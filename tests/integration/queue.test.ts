import { beforeAll, describe, expect, it } from "vitest";
import { findQueue } from "~/domain/queue/queue.server";
import { requestScope } from "~/domain/auth/access";
import { action as queueAction, loader as queueLoader } from "~/routes/queue";
import { QUEUE_SORTS, readQueueParams } from "~/schemas/queue";
import type { Category, Region, Urgency } from "~/domain/taxonomy";
import type { Status } from "~/domain/requests/state-machine";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createRequestInStatus, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(2026);
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = "pw-queue-123456789";

type Row = {
  id: string;
  reference: string;
  status: Status;
  category: Category;
  urgency: Urgency;
  region: string;
  nextDueAt: Date | null;
  overdue: boolean;
  possibleDuplicate: boolean;
  assignedCluster: { slug: string } | null;
  enterprise: string;
  unread: boolean;
};
type Created = { id: string; reference: string };

let coordinator: { id: string };
let otherCoordinator: { id: string };
let member: { id: string; clusterId: string | null };
let metal: { id: string; slug: string };
let agro: { id: string; slug: string };
let coordinatorCookie: string;
let otherCookie: string;
let memberCookie: string;

// The known part of the data set; fillers only pad the queue for pagination.
const r: Record<string, Created> = {};
let duplicateEdrpou: string;

function file(options: {
  status: Status;
  urgency: Urgency;
  category: Category;
  region: Region;
  daysAgo?: number;
  cluster?: { id: string };
  title?: string;
  edrpou?: string;
}) {
  const overrides = {
    urgency: options.urgency,
    category: options.category,
    region: options.region,
    ...(options.title ? { title: options.title } : {}),
    ...(options.edrpou ? { edrpou: options.edrpou } : {}),
  };
  return createRequestInStatus({
    input: buildIntake(random, overrides),
    status: options.status,
    createdAt: new Date(Date.now() - (options.daysAgo ?? 0) * DAY - 60_000),
    coordinator,
    cluster: options.cluster,
    // Steps one minute apart keep even "now" requests' events in the past.
    stepMs: 1000,
  });
}

async function openQueue(search = "", cookie = coordinatorCookie) {
  const answer = await call(queueLoader, new Request(`http://localhost/queue${search}`, { headers: { Cookie: cookie } }));
  expect(answer.status).toBe(200);
  return answer.data as {
    params: Record<string, unknown>;
    queue: { rows: Row[]; total: number; page: number; size: number; pageCount: number };
    views: { id: string; name: string; query: string }[];
  };
}

const refs = (rows: Row[]) => rows.map((row) => row.reference);

function post(fields: Record<string, string | string[]>, cookie = coordinatorCookie, search = "") {
  return call(queueAction, formRequest(`/queue${search}`, fields, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }));
}

beforeAll(async () => {
  metal = await createCluster({
    slug: "metal-east",
    nameUk: "Металургійний кластер Сходу",
    nameEn: "Eastern metal cluster",
    kind: "CLUSTER",
    homeRegion: "UA-12",
    capabilities: ["SUPPLIES", "EQUIPMENT"],
    regions: ["UA-12", "UA-63"],
  });
  agro = await createCluster({
    slug: "agro-west",
    nameUk: "Агрокластер Заходу",
    nameEn: "Western agro cluster",
    kind: "ASSOCIATION",
    homeRegion: "UA-46",
    capabilities: ["LOGISTICS", "ENERGY"],
    regions: ["UA-46"],
  });
  coordinator = await createUser({ email: "queue.coordinator@rrc.example", name: "Олена", password: PASSWORD, role: "COORDINATOR" });
  otherCoordinator = await createUser({ email: "queue.other@rrc.example", name: "Богдан", password: PASSWORD, role: "COORDINATOR" });
  member = await createUser({
    email: "queue.member@cluster.example",
    name: "Андрій",
    password: PASSWORD,
    role: "CLUSTER_MEMBER",
    clusterId: metal.id,
  });
  coordinatorCookie = await cookieFor(coordinator.id);
  otherCookie = await cookieFor(otherCoordinator.id);
  memberCookie = await cookieFor(member.id);

  r.steel = await file({ status: "NEW", urgency: "CRITICAL", category: "SUPPLIES", region: "UA-12", title: "Потрібен сталевий профіль для укриттів" });
  r.triagedLow = await file({ status: "TRIAGED", urgency: "LOW", category: "LOGISTICS", region: "UA-46" });
  r.assignedMetal = await file({ status: "ASSIGNED", urgency: "HIGH", category: "ENERGY", region: "UA-63", cluster: metal });
  r.inProgressAgro = await file({ status: "IN_PROGRESS", urgency: "NORMAL", category: "EQUIPMENT", region: "UA-30", cluster: agro });
  r.overdueNew = await file({ status: "NEW", urgency: "NORMAL", category: "WORKFORCE", region: "UA-05", daysAgo: 21 });
  r.overdueTriaged = await file({ status: "TRIAGED", urgency: "NORMAL", category: "FINANCE", region: "UA-05", daysAgo: 35 });
  r.needsInfo = await file({ status: "NEEDS_INFO", urgency: "HIGH", category: "EXPORT", region: "UA-51" });
  r.closed = await file({ status: "CLOSED", urgency: "CRITICAL", category: "EQUIPMENT", region: "UA-12", cluster: metal, daysAgo: 14 });

  // Same enterprise, same category, both open: the second is flagged as a possible duplicate.
  const first = buildIntake(random, { category: "RELOCATION", urgency: "LOW", region: "UA-14" });
  duplicateEdrpou = first.edrpou;
  r.dupOriginal = await createRequestInStatus({ input: first, status: "NEW", createdAt: new Date(Date.now() - 2 * DAY), coordinator });
  r.dupSecond = await createRequestInStatus({
    input: buildIntake(random, { category: "RELOCATION", urgency: "NORMAL", region: "UA-14", edrpou: duplicateEdrpou }),
    status: "NEW",
    createdAt: new Date(Date.now() - DAY),
    coordinator,
  });

  // Fillers: never CRITICAL, never overdue, never in the search word or the duplicate category.
  for (let i = 0; i < 16; i++) {
    await file({
      status: (["NEW", "TRIAGED"] as const)[i % 2]!,
      urgency: (["HIGH", "NORMAL", "LOW"] as const)[i % 3]!,
      category: (["ENERGY", "LOGISTICS", "OTHER"] as const)[i % 3]!,
      region: (["UA-30", "UA-46", "UA-53"] as const)[i % 3]!,
    });
  }
});

describe("who may open the queue", () => {
  it("gives a coordinator the queue with its rows, total and clusters", async () => {
    // Everything: the bare /queue is what needs the coordinator's own action (tests/integration/ownership.test.ts).
    const answer = await call(queueLoader, new Request("http://localhost/queue?owner=any", { headers: { Cookie: coordinatorCookie } }));
    expect(answer.status).toBe(200);
    expect(answer.data.queue.total).toBe(await db.request.count());
    expect(answer.data.queue.rows.length).toBe(Math.min(25, answer.data.queue.total));
    expect(answer.data.clusters.map((c: { slug: string }) => c.slug)).toEqual(["agro-west", "metal-east"]);
  });

  it("sends an anonymous visitor to /login with the way back to the same view", async () => {
    const answer = await call(queueLoader, new Request("http://localhost/queue?status=NEW&page=2"));
    expect(answer.status).toBe(302);
    const location = new URL(answer.location!, "http://localhost");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("redirectTo")).toBe("/queue?status=NEW&page=2");

    const posted = await call(queueAction, formRequest("/queue", { intent: "saveView", name: "x" }));
    expect(posted.status).toBe(303);
    expect(new URL(posted.location!, "http://localhost").pathname).toBe("/login");
  });

  it("answers 403 to a cluster member, for the page and for its actions", async () => {
    const page = await call(queueLoader, new Request("http://localhost/queue", { headers: { Cookie: memberCookie } }));
    expect(page.status).toBe(403);
    const views = await db.savedView.count();
    const posted = await post({ intent: "saveView", name: "Моє", query: "?status=NEW" }, memberCookie);
    expect(posted.status).toBe(403);
    expect(await db.savedView.count()).toBe(views);
  });
});

describe("filters", () => {
  it("filters by several statuses, as repeated or comma-separated values", async () => {
    const { queue } = await openQueue("?status=NEW&status=NEEDS_INFO&size=100");
    expect(queue.rows.every((row) => row.status === "NEW" || row.status === "NEEDS_INFO")).toBe(true);
    expect(refs(queue.rows)).toEqual(expect.arrayContaining([r.steel!.reference, r.needsInfo!.reference, r.overdueNew!.reference]));
    expect(refs(queue.rows)).not.toContain(r.triagedLow!.reference);
    expect(queue.total).toBe(await db.request.count({ where: { status: { in: ["NEW", "NEEDS_INFO"] } } }));

    const comma = await openQueue("?status=NEW,NEEDS_INFO&size=100");
    expect(comma.queue.total).toBe(queue.total);
  });

  it("filters by category, urgency and region, each on its own and together", async () => {
    const byCategory = (await openQueue("?category=EXPORT&size=100")).queue;
    expect(refs(byCategory.rows)).toEqual([r.needsInfo!.reference]);

    const critical = (await openQueue("?urgency=CRITICAL&size=100")).queue;
    expect(refs(critical.rows).sort()).toEqual([r.steel!.reference, r.closed!.reference].sort());

    const region = (await openQueue("?region=UA-05&size=100")).queue;
    expect(refs(region.rows).sort()).toEqual([r.overdueNew!.reference, r.overdueTriaged!.reference].sort());

    const together = (await openQueue("?urgency=CRITICAL&region=UA-12&status=NEW&size=100")).queue;
    expect(refs(together.rows)).toEqual([r.steel!.reference]);
  });

  it("filters by the assigned cluster's slug", async () => {
    const { queue } = await openQueue("?cluster=metal-east&size=100");
    expect(refs(queue.rows).sort()).toEqual([r.assignedMetal!.reference, r.closed!.reference].sort());
    expect(queue.rows.every((row) => row.assignedCluster?.slug === "metal-east")).toBe(true);
    expect(refs((await openQueue("?cluster=agro-west&size=100")).queue.rows)).toEqual([r.inProgressAgro!.reference]);
    expect((await openQueue("?cluster=no-such-cluster")).queue.total).toBe(0);
  });

  it("shows only open requests without a cluster when 'unassigned' is on", async () => {
    const { queue } = await openQueue("?unassigned=1&size=100");
    const found = refs(queue.rows);
    expect(found).toEqual(expect.arrayContaining([r.steel!.reference, r.triagedLow!.reference, r.needsInfo!.reference]));
    expect(found).not.toContain(r.assignedMetal!.reference);
    expect(found).not.toContain(r.inProgressAgro!.reference);
    expect(found).not.toContain(r.closed!.reference);
    expect(queue.rows.every((row) => row.assignedCluster === null && ["NEW", "TRIAGED", "NEEDS_INFO"].includes(row.status))).toBe(true);
  });

  it("shows only requests past their due time when 'overdue' is on", async () => {
    const { queue } = await openQueue("?overdue=1&size=100");
    expect(refs(queue.rows).sort()).toEqual([r.overdueNew!.reference, r.overdueTriaged!.reference].sort());
    expect(queue.rows.every((row) => row.overdue && row.nextDueAt !== null && row.nextDueAt.getTime() < Date.now())).toBe(true);
  });

  it("shows the later of two open requests from one EDRPOU in one category as a possible duplicate", async () => {
    const { queue } = await openQueue("?duplicates=1&size=100");
    expect(refs(queue.rows)).toEqual([r.dupSecond!.reference]);
    expect(queue.rows[0]!.possibleDuplicate).toBe(true);
    const all = (await openQueue("?size=100")).queue.rows;
    expect(all.find((row) => row.reference === r.dupOriginal!.reference)!.possibleDuplicate).toBe(false);
  });
});

describe("search", () => {
  it("finds Cyrillic text whatever its case, as a substring", async () => {
    const upper = (await openQueue("?q=" + encodeURIComponent("СТАЛЕВИЙ ПРОФ"))).queue;
    expect(refs(upper.rows)).toEqual([r.steel!.reference]);
    const mixed = (await openQueue("?q=" + encodeURIComponent("  Сталевий  "))).queue;
    expect(refs(mixed.rows)).toEqual([r.steel!.reference]);
    expect((await openQueue("?q=" + encodeURIComponent("залізобетон"))).queue.total).toBe(0);
  });

  it("matches several words as one phrase, in that order, and takes quotes and wildcards literally", async () => {
    expect(refs((await openQueue("?q=" + encodeURIComponent("профіль для укриттів"))).queue.rows)).toEqual([r.steel!.reference]);
    expect((await openQueue("?q=" + encodeURIComponent("укриттів для профіль"))).queue.total).toBe(0);
    expect((await openQueue("?q=" + encodeURIComponent('"сталевий" профіль'))).queue.total).toBe(0);
    expect((await openQueue("?q=" + encodeURIComponent("%%%"))).queue.total).toBe(0);
    expect((await openQueue("?q=" + encodeURIComponent("проф_ль"))).queue.total).toBe(0);
  });

  it("counts a search together with other filters: only the requests that pass them all", async () => {
    const word = (await openQueue("?q=" + encodeURIComponent("профіль") + "&size=100")).queue;
    expect(refs(word.rows)).toContain(r.steel!.reference);
    const filtered = (await openQueue("?q=" + encodeURIComponent("профіль") + "&category=SUPPLIES&urgency=CRITICAL")).queue;
    expect(refs(filtered.rows)).toEqual([r.steel!.reference]);
    expect(filtered.total).toBe(1);
    expect((await openQueue("?q=" + encodeURIComponent("профіль") + "&category=ENERGY&urgency=CRITICAL")).queue.total).toBe(0);
  });

  it("finds text of one or two letters too", async () => {
    const { queue } = await openQueue("?q=" + encodeURIComponent("СТ"));
    expect(queue.total).toBeGreaterThan(0);
    const all = (await openQueue("?q=" + encodeURIComponent("ст") + "&size=100")).queue;
    expect(refs(all.rows)).toContain(r.steel!.reference);
    expect((await openQueue("?q=" + encodeURIComponent("%"))).queue.total).toBe(0);
    expect((await openQueue("?q=" + encodeURIComponent("_"))).queue.total).toBe(0);
  });

  it("finds a request by its exact reference, in any case", async () => {
    expect(refs((await openQueue(`?q=${r.triagedLow!.reference}`)).queue.rows)).toEqual([r.triagedLow!.reference]);
    expect(refs((await openQueue(`?q=${r.triagedLow!.reference.toLowerCase()}`)).queue.rows)).toEqual([r.triagedLow!.reference]);
  });

  it("finds every request of an enterprise by its EDRPOU", async () => {
    const { queue } = await openQueue(`?q=${duplicateEdrpou}`);
    expect(refs(queue.rows).sort()).toEqual([r.dupOriginal!.reference, r.dupSecond!.reference].sort());
  });
});

describe("sorting and pagination", () => {
  it("sorts by cluster: requests without one first, then clusters by name, newest first within; reversed descending", async () => {
    const all = (await openQueue("?sort=cluster&size=100")).queue.rows;
    const key = (row: Row) => (row as unknown as { assignedCluster: { slug: string } | null }).assignedCluster?.slug ?? "";
    const slugs = all.map(key);
    expect(slugs).toEqual([...slugs].sort());
    expect(slugs[0]).toBe("");
    expect(new Set(slugs).size).toBeGreaterThan(2);
    const desc = (await openQueue("?sort=cluster&dir=desc&size=100")).queue.rows.map(key);
    expect(desc).toEqual([...desc].sort().reverse());
    // Pages of 10 put together give the same order, across the step from no cluster to clusters.
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.length / 10); page++) pages.push(...(await openQueue(`?sort=cluster&size=10&page=${page}`)).queue.rows);
    expect(refs(pages)).toEqual(refs(all));
  });

  it("answers the same whether a page is read by the filters' indexes or along the sort's index", async () => {
    const views = [
      "?status=NEW,TRIAGED&sort=urgency",
      "?status=NEW&sort=cluster&dir=desc",
      "?q=" + encodeURIComponent("сталевий профіль"),
      "?q=" + encodeURIComponent("профіль") + "&sort=age",
      "?category=SUPPLIES&region=UA-12",
      "?overdue=1&sort=due&dir=desc",
      "?unassigned=1&sort=region&dir=desc&size=10&page=2",
      "?duplicates=1",
      // The default order's walk starts at the statuses' place in it (attentionRank).
      "?status=IN_PROGRESS,ASSIGNED",
      "?status=NEW,RESOLVED&dir=desc",
      "?status=CLOSED,TRIAGED&size=10&page=2",
      // A cluster's requests, read from its lines (walked by rowid).
      "?cluster=metal-east",
      "?cluster=agro-west&status=IN_PROGRESS",
    ];
    for (const view of views) {
      const params = readQueueParams(new URLSearchParams(view));
      const lookup = await findQueue(params, {}, undefined, "lookup");
      const walk = await findQueue(params, {}, undefined, "walk");
      expect(lookup.rows.length, view).toBeGreaterThan(0);
      expect(refs(walk.rows), view).toEqual(refs(lookup.rows));
      expect(walk.total, view).toBe(lookup.total);
    }
    // And a member's own portal, scoped to their cluster's lines.
    const user = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    for (const view of ["", "?status=ASSIGNED,CLOSED&dir=desc", "?sort=age"]) {
      const params = readQueueParams(new URLSearchParams(view));
      const scope = { requests: requestScope(user) };
      const lookup = await findQueue(params, scope, undefined, "lookup");
      const walk = await findQueue(params, scope, undefined, "walk");
      expect(lookup.rows.length, view).toBeGreaterThan(0);
      expect(refs(walk.rows), view).toEqual(refs(lookup.rows));
      expect(walk.total, view).toBe(lookup.total);
    }
  });

  it("sorts by urgency: CRITICAL first ascending, LOW first descending", async () => {
    const rank = { CRITICAL: 0, HIGH: 1, NORMAL: 2, LOW: 3 } as const;
    const asc = (await openQueue("?sort=urgency&dir=asc&size=100")).queue.rows.map((row) => rank[row.urgency]);
    expect(asc[0]).toBe(0);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await openQueue("?sort=urgency&dir=desc&size=100")).queue.rows.map((row) => rank[row.urgency]);
    expect(desc[0]).toBe(3);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it("sorts by due time: overdue first, and requests with nothing due last in either direction", async () => {
    const rows = (await openQueue("?sort=due&dir=asc&size=100")).queue.rows;
    expect(rows.slice(0, 2).map((row) => row.overdue)).toEqual([true, true]);
    // Triage was due 18 days ago, resolution 14 days ago.
    expect(refs(rows.slice(0, 2))).toEqual([r.overdueNew!.reference, r.overdueTriaged!.reference]);
    const firstNull = rows.findIndex((row) => row.nextDueAt === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(rows.slice(firstNull).every((row) => row.nextDueAt === null)).toBe(true);
    const due = rows.slice(0, firstNull).map((row) => row.nextDueAt!.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(refs(rows.slice(firstNull))).toEqual(expect.arrayContaining([r.needsInfo!.reference, r.closed!.reference]));

    const desc = (await openQueue("?sort=due&dir=desc&size=100")).queue.rows;
    const firstNullDesc = desc.findIndex((row) => row.nextDueAt === null);
    expect(desc.slice(firstNullDesc).every((row) => row.nextDueAt === null)).toBe(true);
    expect(desc[firstNullDesc - 1]!.reference).toBe(r.overdueNew!.reference);
  });

  it("sorts by category, region and enterprise by their codes' and names' characters, both ways, on every engine", async () => {
    const byCharacters = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const columns = {
      category: (row: Row) => row.category as string,
      region: (row: Row) => row.region,
      enterprise: (row: Row) => row.enterprise,
    };
    for (const [sort, value] of Object.entries(columns)) {
      const asc = (await openQueue(`?sort=${sort}&size=100`)).queue.rows.map(value);
      expect(new Set(asc).size, sort).toBeGreaterThan(2);
      expect(asc, sort).toEqual([...asc].sort(byCharacters));
      const desc = (await openQueue(`?sort=${sort}&dir=desc&size=100`)).queue.rows.map(value);
      expect(desc, sort).toEqual([...desc].sort(byCharacters).reverse());
    }
  });

  it("sorts by reference descending", async () => {
    const rows = (await openQueue("?sort=reference&dir=desc&size=100")).queue.rows;
    const all = await db.request.findMany({ select: { reference: true } });
    expect(refs(rows)).toEqual(
      all
        .map((x) => x.reference)
        .sort()
        .reverse(),
    );
  });

  it("pages through the queue: page 2 of size 10 holds the next ten rows, with total and page count", async () => {
    const total = await db.request.count();
    expect(total).toBeGreaterThan(20);
    const all = refs((await openQueue("?sort=reference&dir=desc&size=100")).queue.rows);
    const first = (await openQueue("?sort=reference&dir=desc&size=10")).queue;
    const second = (await openQueue("?sort=reference&dir=desc&size=10&page=2")).queue;
    expect(refs(first.rows)).toEqual(all.slice(0, 10));
    expect(refs(second.rows)).toEqual(all.slice(10, 20));
    expect(second).toMatchObject({ total, page: 2, size: 10, pageCount: Math.ceil(total / 10) });
  });

  it("lists the unread requests in every order, counted, alone and with another filter, as the whole list orders them", async () => {
    // Every other request marked unread for the coordinator, beside any mark it already has (the
    // unread list is read from the marks first on PostgreSQL, along the order's index on SQLite
    // only when asked to).
    const requests = await db.request.findMany({ select: { id: true }, orderBy: { reference: "asc" } });
    const marked = new Set((await db.requestUnread.findMany({ where: { userId: coordinator.id } })).map((mark) => mark.requestId));
    const added = requests.filter((request, i) => i % 2 === 0 && !marked.has(request.id)).map((request) => request.id);
    const now = new Date();
    await db.requestUnread.createMany({ data: added.map((requestId) => ({ userId: coordinator.id, requestId, since: now, lastAt: now })) });
    const marks = marked.size + added.length;
    try {
      for (const sort of QUEUE_SORTS)
        for (const dir of ["asc", "desc"]) {
          const view = `sort=${sort}&dir=${dir}&size=100`;
          const all = (await openQueue(`?${view}`)).queue.rows;
          const unread = all.filter((row) => row.unread);
          expect(unread.length, view).toBe(marks);
          const listed = (await openQueue(`?unread=1&${view}`)).queue;
          expect(refs(listed.rows), view).toEqual(refs(unread));
          expect(listed.total, view).toBe(unread.length);
          const waiting = unread.filter((row) => row.status === "NEW" || row.status === "TRIAGED");
          const filtered = (await openQueue(`?unread=1&status=NEW,TRIAGED&${view}`)).queue;
          expect(refs(filtered.rows), view).toEqual(refs(waiting));
          expect(filtered.total, view).toBe(waiting.length);
        }
      const byDue = refs((await openQueue("?sort=due&size=100")).queue.rows.filter((row) => row.unread));
      const second = (await openQueue("?unread=1&sort=due&size=10&page=2")).queue;
      expect(byDue.length).toBeGreaterThan(10);
      expect(refs(second.rows)).toEqual(byDue.slice(10, 20));
      expect(second.total).toBe(byDue.length);
      // Past the last page: no rows, and still the count.
      const past = (await openQueue("?unread=1&size=10&page=9")).queue;
      expect(past.rows).toEqual([]);
      expect(past.total).toBe(byDue.length);
    } finally {
      await db.requestUnread.deleteMany({ where: { userId: coordinator.id, requestId: { in: added } } });
    }
  });

  it("falls back to defaults for bad URL values instead of failing", async () => {
    const { params, queue } = await openQueue("?page=-3&size=7&sort=drop&dir=sideways&status=BOGUS&urgency=EXTREME&overdue=maybe");
    expect(params).toMatchObject({ page: 1, size: 25, sort: "priority", dir: "asc", status: [], urgency: undefined, overdue: false });
    expect(queue.total).toBe(await db.request.count());
    expect(queue.page).toBe(1);
    expect(queue.total).toBeGreaterThan(25);
    expect(queue.rows).toHaveLength(25);
  });
});

describe("saved views", () => {
  it("saves a view, lists only the user's own, replaces one by name and deletes it", async () => {
    const saved = await post({ intent: "saveView", name: "Критичні", query: "?urgency=CRITICAL" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/queue?urgency=CRITICAL");
    expect((await post({ intent: "saveView", name: "Прострочені", query: "?overdue=1" }, otherCookie)).status).toBe(303);

    const mine = (await openQueue()).views;
    expect(mine).toEqual([expect.objectContaining({ id: expect.any(String), name: "Критичні", query: "?urgency=CRITICAL", shared: false, mine: true })]);
    expect((await openQueue("", otherCookie)).views.map((v) => v.name)).toEqual(["Прострочені"]);

    // The same name replaces the view instead of adding a second one.
    expect((await post({ intent: "saveView", name: "Критичні", query: "?urgency=CRITICAL&status=NEW" })).status).toBe(303);
    const replaced = (await openQueue()).views;
    expect(replaced).toEqual([expect.objectContaining({ id: mine[0]!.id, name: "Критичні", query: "?status=NEW&urgency=CRITICAL" })]);

    const deleted = await post({ intent: "deleteView", id: mine[0]!.id }, coordinatorCookie, "?status=NEW");
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe("/queue?status=NEW");
    expect((await openQueue()).views).toEqual([]);
  });

  it("saves a view whose posted query holds CR/LF, NUL or emoji as the link it redirects to", async () => {
    const queries = ["?q=a\r\nSet-Cookie: x=1", "?q=\u0000&status=NEW", "?q=😀🇺🇦", "?status=NEW\r\n&bogus=1", "status=\u0085TRIAGED"];
    for (const [i, query] of queries.entries()) {
      const answer = await post({ intent: "saveView", name: `Дивне ${i}`, query });
      expect(answer.status, JSON.stringify(query)).toBe(303);
      expect(answer.location).toMatch(/^\/queue[\x21-\x7e]*$/);
      const saved = (await openQueue()).views.find((v) => v.name === `Дивне ${i}`);
      expect(`/queue${saved!.query}`).toBe(answer.location);
    }
    expect((await openQueue()).views.find((v) => v.name === "Дивне 2")!.query).toBe("?q=%F0%9F%98%80%F0%9F%87%BA%F0%9F%87%A6");
  });

  it("refuses a view without a name with 400 and saves nothing", async () => {
    const before = await db.savedView.count();
    const answer = await post({ intent: "saveView", name: "   ", query: "?status=NEW" });
    expect(answer.status).toBe(400);
    expect(answer.data.result.error.name).toEqual(["required"]);
    expect(await db.savedView.count()).toBe(before);
  });

  it("cannot delete another user's view", async () => {
    await post({ intent: "saveView", name: "Чуже", query: "?region=UA-46" }, otherCookie);
    const theirs = (await openQueue("", otherCookie)).views.find((v) => v.name === "Чуже")!;
    expect((await post({ intent: "deleteView", id: theirs.id })).status).toBe(303);
    expect(await db.savedView.findUnique({ where: { id: theirs.id } })).not.toBeNull();
    expect((await openQueue("", otherCookie)).views.map((v) => v.name)).toContain("Чуже");
  });
});

describe("bulk actions", () => {
  const eventsOf = (requestId: string) => db.requestEvent.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });

  it("assigns each request through the state machine and reports the ones it refused", async () => {
    const a = await file({ status: "TRIAGED", urgency: "HIGH", category: "SUPPLIES", region: "UA-63" });
    const b = await file({ status: "NEW", urgency: "NORMAL", category: "EQUIPMENT", region: "UA-12" });
    const closed = await file({ status: "CLOSED", urgency: "LOW", category: "SUPPLIES", region: "UA-12", cluster: agro });
    const before = new Map(await Promise.all([a, b, closed].map(async (x) => [x.id, (await eventsOf(x.id)).length] as const)));
    const closedBefore = await db.request.findUniqueOrThrow({ where: { id: closed.id } });

    const answer = await post({ intent: "bulk", bulkAction: "assign", clusterId: metal.id, ids: [a.id, b.id, closed.id] });
    expect(answer.status).toBe(200);
    const outcomes = answer.data.outcomes as { reference: string; ok: boolean; reason?: string }[];
    expect(outcomes).toHaveLength(3);
    expect(
      outcomes
        .filter((o) => o.ok)
        .map((o) => o.reference)
        .sort(),
    ).toEqual([a.reference, b.reference].sort());
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ reference: closed.reference, ok: false, reason: "WRONG_STATUS" }]);

    for (const ok of [a, b]) {
      const request = await db.request.findUniqueOrThrow({ where: { id: ok.id } });
      expect(request).toMatchObject({ status: "ASSIGNED", assignedClusterId: metal.id });
      const events = await eventsOf(ok.id);
      expect(events).toHaveLength(before.get(ok.id)! + 1);
      expect(events.at(-1)).toMatchObject({ action: "assign", toStatus: "ASSIGNED", clusterId: metal.id, actorUserId: coordinator.id });
      expect(events.filter((e) => e.action === "assign")).toHaveLength(1);
    }
    const closedAfter = await db.request.findUniqueOrThrow({ where: { id: closed.id } });
    expect(closedAfter).toMatchObject({ status: "CLOSED", assignedClusterId: agro.id, version: closedBefore.version });
    expect(await eventsOf(closed.id)).toHaveLength(before.get(closed.id)!);
  });

  it("asks the enterprises from any open status before resolution: each keeps its cluster and remembers where it was asked from (decision 022)", async () => {
    const fresh = await file({ status: "NEW", urgency: "NORMAL", category: "SUPPLIES", region: "UA-12" });
    const assigned = await file({ status: "ASSIGNED", urgency: "HIGH", category: "SUPPLIES", region: "UA-12", cluster: metal });
    const working = await file({ status: "IN_PROGRESS", urgency: "HIGH", category: "SUPPLIES", region: "UA-12", cluster: metal });
    const resolved = await file({ status: "RESOLVED", urgency: "LOW", category: "SUPPLIES", region: "UA-12", cluster: metal });
    const resolvedBefore = await db.request.findUniqueOrThrow({ where: { id: resolved.id } });

    const answer = await post({
      intent: "bulk",
      bulkAction: "requestInfo",
      message: "Уточніть обсяг, будь ласка.",
      ids: [fresh.id, assigned.id, working.id, resolved.id],
    });
    expect(answer.status).toBe(200);
    expect(answer.data.outcomes.filter((o: { ok: boolean }) => !o.ok)).toEqual([{ reference: resolved.reference, ok: false, reason: "WRONG_STATUS" }]);
    expect(await db.request.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({
      status: "NEEDS_INFO",
      infoAskedFrom: "NEW",
      assignedClusterId: null,
    });
    expect(await db.request.findUniqueOrThrow({ where: { id: assigned.id } })).toMatchObject({
      status: "NEEDS_INFO",
      infoAskedFrom: "ASSIGNED",
      assignedClusterId: metal.id,
    });
    expect(await db.request.findUniqueOrThrow({ where: { id: working.id } })).toMatchObject({
      status: "NEEDS_INFO",
      infoAskedFrom: "IN_PROGRESS",
      assignedClusterId: metal.id,
    });
    expect((await eventsOf(working.id)).at(-1)).toMatchObject({
      action: "requestInfo",
      message: "Уточніть обсяг, будь ласка.",
      clusterId: metal.id,
      visibility: "PUBLIC",
    });
    expect(await db.request.findUniqueOrThrow({ where: { id: resolved.id } })).toEqual(resolvedBefore);
  });

  it("refuses a bulk reject without a message for every request and writes nothing", async () => {
    const a = await file({ status: "NEW", urgency: "LOW", category: "OTHER", region: "UA-53" });
    const b = await file({ status: "TRIAGED", urgency: "LOW", category: "OTHER", region: "UA-53" });
    const eventsBefore = await db.requestEvent.count();
    const rowsBefore = await db.request.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { id: "asc" } });

    const answer = await post({ intent: "bulk", bulkAction: "reject", message: "", ids: [a.id, b.id] });
    expect(answer.status).toBe(200);
    expect(answer.data.outcomes).toHaveLength(2);
    for (const outcome of answer.data.outcomes) expect(outcome).toMatchObject({ ok: false, reason: "MESSAGE_REQUIRED" });

    expect(await db.requestEvent.count()).toBe(eventsBefore);
    expect(await db.request.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { id: "asc" } })).toEqual(rowsBefore);
  });

  it("refuses a bulk action with nothing selected with 400", async () => {
    const answer = await post({ intent: "bulk", bulkAction: "triage" });
    expect(answer.status).toBe(400);
    expect(answer.data.result.error.ids).toEqual(["bulkNone"]);
    expect(answer.data.outcomes).toBeNull();
  });
});

describe("bulk assignment to a cluster that cannot take work", () => {
  // The request page refuses these with a "choose" field error (request-actions.server.ts);
  // the bulk action must not assign to them either, nor fail with a server error.
  async function expectNothingAssigned(clusterId: string) {
    const a = await file({ status: "TRIAGED", urgency: "NORMAL", category: "SUPPLIES", region: "UA-12" });
    const b = await file({ status: "NEW", urgency: "NORMAL", category: "SUPPLIES", region: "UA-12" });
    const eventsBefore = await db.requestEvent.count();
    const answer = await post({ intent: "bulk", bulkAction: "assign", clusterId, ids: [a.id, b.id] });
    expect([200, 400]).toContain(answer.status);
    if (answer.status === 200) for (const outcome of answer.data.outcomes) expect(outcome.ok).toBe(false);
    for (const request of await db.request.findMany({ where: { id: { in: [a.id, b.id] } } })) {
      expect(request.assignedClusterId).toBeNull();
      expect(request.status).not.toBe("ASSIGNED");
    }
    expect(await db.requestEvent.count()).toBe(eventsBefore);
  }

  it("does not assign to an unknown cluster id", async () => {
    await expectNothingAssigned("no-such-cluster-id");
  });

  it("does not assign to an inactive cluster", async () => {
    const retired = await createCluster({
      slug: "retired-cluster",
      nameUk: "Колишній кластер",
      nameEn: "Retired cluster",
      kind: "INITIATIVE",
      homeRegion: "UA-12",
      capabilities: ["SUPPLIES"],
      regions: ["UA-12"],
    });
    await db.$transaction((tx) => tx.cluster.update({ where: { id: retired.id }, data: { active: false } }));
    await expectNothingAssigned(retired.id);
  });
});
