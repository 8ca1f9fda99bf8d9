// The enterprise page: its registry record, the history of its details with who and when, every
// request it filed newest first a page at a time, and the ways to it (request page, EDRPOU search).
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { loader as enterpriseLoader } from "~/routes/enterprises.$edrpou";
import { loader as queueLoader } from "~/routes/queue";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(7070);
const EDRPOU = "14360570";
const DAY = 86_400_000;
const T0 = new Date("2026-10-01T08:00:00Z");
let coordinatorCookie: string;
let memberCookie: string;
const references: string[] = [];

beforeAll(async () => {
  const cluster = await createCluster({
    slug: "ent-a",
    nameUk: "Кластер Е",
    nameEn: "Cluster E",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["OTHER"],
    regions: ["UA-30"],
  });
  const coordinator = await createUser({ email: "c@ent.example", name: "Олена Реєстрова", password: "pw-123456789", role: "COORDINATOR" });
  const member = await createUser({ email: "m@ent.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  coordinatorCookie = await cookieFor(coordinator.id);
  memberCookie = await cookieFor(member.id);
  // Five requests a day apart; the third comes with a new contact person, which staff take in.
  for (let i = 0; i < 5; i++) {
    const filed = await createRequest({
      input: buildIntake(random, {
        edrpou: EDRPOU,
        enterpriseName: "ТОВ «Граніт Метал»",
        contactName: i === 2 ? "Ірина Нова" : "Олег Перший",
        phone: "+380671234567",
        email: "office@granit.example",
        region: "UA-30",
        city: "Київ",
      }),
      now: new Date(T0.getTime() + i * DAY),
    });
    references.push(filed.reference);
    if (i === 2) {
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, {
          requestId: filed.id,
          action: "adoptEnterpriseDetails",
          actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
          now: new Date(T0.getTime() + i * DAY + 3600_000),
        }),
      );
    }
  }
  // Someone else's request, which must not show.
  await createRequest({ input: buildIntake(random, { edrpou: "00032129" }) });
});

const open = (path: string, cookie = coordinatorCookie) =>
  call(enterpriseLoader, new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), { edrpou: path.split("/")[2]!.split("?")[0]! });

describe("the enterprise page", () => {
  it("shows the registry record, the history of its details with who and when, and its requests newest first", async () => {
    const page = await open(`/enterprises/${EDRPOU}`);
    expect(page.status).toBe(200);
    expect(page.data.enterprise).toMatchObject({ edrpou: EDRPOU, name: "ТОВ «Граніт Метал»", contactName: "Ірина Нова" });
    expect(page.data.firstFiling.reference).toBe(references[0]);
    expect(page.data.history).toHaveLength(1);
    expect(page.data.history[0]).toMatchObject({
      reference: references[2],
      actor: { name: "Олена Реєстрова" },
      changes: [{ field: "contactName", from: "Олег Перший", to: "Ірина Нова" }],
    });
    expect(page.data.requests.rows.map((r: { reference: string }) => r.reference)).toEqual([...references].reverse());
    expect(page.data.requests).toMatchObject({ total: 5, page: 1, pageCount: 1 });
  });

  it("pages its requests by the URL, in the database", async () => {
    const code = "21560766";
    const filed: string[] = [];
    for (let i = 0; i < 12; i++) {
      filed.push((await createRequest({ input: buildIntake(random, { edrpou: code }), now: new Date(T0.getTime() + i * 3600_000) })).reference);
    }
    const newestFirst = [...filed].reverse();
    const first = await open(`/enterprises/${code}?size=10`);
    expect(first.data.requests).toMatchObject({ total: 12, page: 1, pageCount: 2 });
    expect(first.data.requests.rows.map((r: { reference: string }) => r.reference)).toEqual(newestFirst.slice(0, 10));
    const second = await open(`/enterprises/${code}?size=10&page=2`);
    expect(second.data.requests.rows.map((r: { reference: string }) => r.reference)).toEqual(newestFirst.slice(10));
    // Past the last page: the last page; nonsense: the defaults.
    expect((await open(`/enterprises/${code}?size=10&page=9`)).data.requests.page).toBe(2);
    expect((await open(`/enterprises/${code}?size=7&page=-2`)).data.requests).toMatchObject({ page: 1, size: 25, pageCount: 1 });
  });

  it("answers 404 for an unknown or malformed code and 403 to a cluster member", async () => {
    expect((await open("/enterprises/99999999")).status).toBe(404);
    expect((await open("/enterprises/abc")).status).toBe(404);
    expect((await open(`/enterprises/${EDRPOU}`, memberCookie)).status).toBe(403);
  });
});

describe("ways to the enterprise page", () => {
  it("a queue search for an EDRPOU offers the enterprise's page; other searches do not", async () => {
    const search = (q: string) =>
      call(queueLoader, new Request(`http://localhost/queue?q=${encodeURIComponent(q)}`, { headers: { Cookie: coordinatorCookie } }));
    const byCode = await search(EDRPOU);
    expect(byCode.data.enterprise).toEqual({ edrpou: EDRPOU, name: "ТОВ «Граніт Метал»" });
    expect(byCode.data.queue.total).toBe(5);
    expect((await search("99999999")).data.enterprise).toBeNull();
    expect((await search("Граніт")).data.enterprise).toBeNull();
  });
});
