// The authorization matrix: every route module × every kind of visitor. The expected access is
// declared per route file; a route file without a declaration fails the test, so a new page
// cannot be added without deciding who may use it.
import { beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { fileStore } from "~/domain/files/storage.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { routeModules } from "../route-files";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

type Who = "anonymous" | "member" | "coordinator" | "admin";
/** public: anyone; signedIn: any staff role (members scoped to their cluster); staff: coordinators and admins; admin: admins only. */
type Access = "public" | "signedIn" | "member" | "staff" | "admin" | "none";

const ROUTES: Record<string, { loader: Access; action: Access; path: (ctx: Ctx) => { url: string; params: Record<string, string> } }> = {
  "$.tsx": { loader: "public", action: "none", path: () => ({ url: "/no-such-page", params: { "*": "no-such-page" } }) },
  "_index.tsx": { loader: "none", action: "none", path: () => ({ url: "/", params: {} }) },
  "healthz.ts": { loader: "public", action: "none", path: () => ({ url: "/healthz", params: {} }) },
  "login.tsx": { loader: "public", action: "public", path: () => ({ url: "/login", params: {} }) },
  "forgot-password.tsx": { loader: "public", action: "public", path: () => ({ url: "/forgot-password", params: {} }) },
  "reset-password.$token.tsx": { loader: "public", action: "public", path: () => ({ url: "/reset-password/x", params: { token: "x" } }) },
  "account.tsx": { loader: "signedIn", action: "signedIn", path: () => ({ url: "/account", params: {} }) },
  "logout.tsx": { loader: "public", action: "public", path: () => ({ url: "/logout", params: {} }) },
  "set-language.ts": { loader: "public", action: "public", path: () => ({ url: "/set-language", params: {} }) },
  "i18n.staff.$locale.ts": { loader: "signedIn", action: "none", path: () => ({ url: "/i18n/staff/uk", params: { locale: "uk" } }) },
  "requests.new.tsx": { loader: "public", action: "public", path: () => ({ url: "/requests/new", params: {} }) },
  "s.$token.tsx": { loader: "public", action: "public", path: (c) => ({ url: `/s/${c.token}`, params: { token: c.token } }) },
  "s.lost.tsx": { loader: "public", action: "public", path: () => ({ url: "/s/lost", params: {} }) },
  "s.$token_.submitted.tsx": { loader: "public", action: "none", path: (c) => ({ url: `/s/${c.token}/submitted`, params: { token: c.token } }) },
  "cluster.tsx": { loader: "member", action: "none", path: () => ({ url: "/cluster", params: {} }) },
  "dashboard.tsx": { loader: "staff", action: "none", path: () => ({ url: "/dashboard", params: {} }) },
  "queue.tsx": { loader: "staff", action: "staff", path: () => ({ url: "/queue", params: {} }) },
  "admin.outbox.tsx": { loader: "admin", action: "admin", path: () => ({ url: "/admin/outbox", params: {} }) },
  "admin.exports.tsx": { loader: "admin", action: "admin", path: () => ({ url: "/admin/exports", params: {} }) },
  "admin.audit.tsx": { loader: "admin", action: "none", path: () => ({ url: "/admin/audit", params: {} }) },
  "admin.audit.download.ts": { loader: "admin", action: "none", path: () => ({ url: "/admin/audit/download", params: {} }) },
  "reports.tsx": { loader: "signedIn", action: "none", path: () => ({ url: "/reports", params: {} }) },
  "reports.download.ts": { loader: "signedIn", action: "none", path: () => ({ url: "/reports/download?format=csv", params: {} }) },
  "reports.issued.$id.ts": { loader: "admin", action: "none", path: () => ({ url: "/reports/issued/nosuchreport", params: { id: "nosuchreport" } }) },
  "admin._index.tsx": { loader: "admin", action: "none", path: () => ({ url: "/admin", params: {} }) },
  "admin.clusters._index.tsx": { loader: "admin", action: "admin", path: () => ({ url: "/admin/clusters", params: {} }) },
  "admin.clusters.$slug.tsx": { loader: "admin", action: "admin", path: () => ({ url: "/admin/clusters/a", params: { slug: "a" } }) },
  "admin.users._index.tsx": { loader: "admin", action: "admin", path: () => ({ url: "/admin/users", params: {} }) },
  "admin.users.$id.tsx": {
    loader: "admin",
    action: "admin",
    path: (c) => ({ url: `/admin/users/${c.users.member}`, params: { id: c.users.member! } }),
  },
  // Uploads: an empty form gets past the guard to its refusal (303 back to the page with the reason).
  "requests.$reference_.files.ts": {
    loader: "none",
    action: "signedIn",
    path: (c) => ({ url: `/requests/${c.memberReference}/files`, params: { reference: c.memberReference } }),
  },
  "requests.$reference_.files_.$fileId.ts": {
    loader: "signedIn",
    action: "none",
    path: (c) => ({ url: `/requests/${c.memberReference}/files/${c.memberFileId}`, params: { reference: c.memberReference, fileId: c.memberFileId } }),
  },
  "requests.$reference_.files_.$fileId_.thumbnail.ts": {
    loader: "signedIn",
    action: "none",
    path: (c) => ({
      url: `/requests/${c.memberReference}/files/${c.memberFileId}/thumbnail`,
      params: { reference: c.memberReference, fileId: c.memberFileId },
    }),
  },
  "s.$token_.files.ts": { loader: "none", action: "public", path: (c) => ({ url: `/s/${c.token}/files`, params: { token: c.token } }) },
  "s.$token_.files_.$fileId.ts": {
    loader: "public",
    action: "none",
    path: (c) => ({ url: `/s/${c.token}/files/${c.enterpriseFileId}`, params: { token: c.token, fileId: c.enterpriseFileId } }),
  },
  "admin.replies._index.tsx": { loader: "admin", action: "admin", path: () => ({ url: "/admin/replies", params: {} }) },
  "admin.replies.$id.tsx": {
    loader: "admin",
    action: "admin",
    path: (c) => ({ url: `/admin/replies/${c.replyTemplateId}`, params: { id: c.replyTemplateId } }),
  },
  "s.$token_.files_.$fileId_.thumbnail.ts": {
    loader: "public",
    action: "none",
    path: (c) => ({ url: `/s/${c.token}/files/${c.enterpriseFileId}/thumbnail`, params: { token: c.token, fileId: c.enterpriseFileId } }),
  },
  "account_.notifications.tsx": { loader: "signedIn", action: "signedIn", path: () => ({ url: "/account/notifications", params: {} }) },
  "enterprises.$edrpou.tsx": {
    loader: "staff",
    action: "none",
    path: (c) => ({ url: `/enterprises/${c.edrpou}`, params: { edrpou: c.edrpou } }),
  },
  "requests.$reference_.print.tsx": {
    loader: "signedIn",
    action: "none",
    path: (c) => ({ url: `/requests/${c.memberReference}/print`, params: { reference: c.memberReference } }),
  },
  "requests.$reference_.status-link.ts": {
    loader: "none",
    action: "staff",
    path: (c) => ({ url: `/requests/${c.memberReference}/status-link`, params: { reference: c.memberReference } }),
  },
  "requests.$reference.tsx": {
    loader: "signedIn",
    action: "signedIn",
    path: (c) => ({ url: `/requests/${c.memberReference}`, params: { reference: c.memberReference } }),
  },
};

type Ctx = {
  token: string;
  edrpou: string;
  memberReference: string;
  memberFileId: string;
  enterpriseFileId: string;
  replyTemplateId: string;
  users: Record<Who, string | null>;
};
const ctx = {} as Ctx;

beforeAll(async () => {
  const random = seededRandom(5);
  const cluster = await createCluster({
    slug: "a",
    nameUk: "А",
    nameEn: "A",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["OTHER"],
    regions: ["UA-30"],
  });
  const member = await createUser({ email: "m@test.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  const coordinator = await createUser({ email: "c@test.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  const admin = await createUser({ email: "a@test.example", name: "A", password: "pw-123456789", role: "ADMIN" });
  const intake = buildIntake(random);
  const filed = await createRequest({ input: intake });
  ctx.token = filed.token;
  ctx.edrpou = intake.edrpou;
  // The member's own request: assigned to their cluster.
  const { db } = await import("~/data/db.server");
  const own = await createRequest({ input: buildIntake(random) });
  await db.$transaction((tx) =>
    transitionRequestInTx(tx, {
      requestId: own.id,
      action: "assign",
      actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
      input: { clusterId: cluster.id },
    }),
  );
  ctx.memberReference = own.reference;
  // A document on each: the downloads answer 200 to those allowed.
  const stored = await fileStore().put(Readable.from([Buffer.from("%PDF-1.4\n")]), { maxBytes: 100 });
  // Standing in for a photo and its thumbnail: what the routes check is who asks, not the bytes.
  const document = {
    ...stored,
    originalName: "a.pdf",
    type: "pdf",
    visibility: "PUBLIC" as const,
    thumbnailSha256: stored.sha256,
    thumbnailSize: stored.size,
    thumbnailWidth: 1,
    thumbnailHeight: 1,
  };
  ctx.memberFileId = (await db.requestFile.create({ data: { ...document, requestId: own.id, addedByType: "USER", addedById: coordinator.id } })).id;
  ctx.enterpriseFileId = (await db.requestFile.create({ data: { ...document, requestId: filed.id, addedByType: "ENTERPRISE" } })).id;
  ctx.replyTemplateId = (
    await db.$transaction((tx) => tx.replyTemplate.create({ data: { nameUk: "Ш", nameEn: "T", bodyUk: "{reference}", bodyEn: "{reference}" } }))
  ).id;
  ctx.users = { anonymous: null, member: member.id, coordinator: coordinator.id, admin: admin.id };
});

const ALLOWED: Record<Access, Who[]> = {
  public: ["anonymous", "member", "coordinator", "admin"],
  signedIn: ["member", "coordinator", "admin"],
  member: ["member"],
  staff: ["coordinator", "admin"],
  admin: ["admin"],
  none: [],
};

const routes = routeModules();
const routeFiles = routes.map((route) => route.name);

describe("authorization matrix", () => {
  it("declares who may use every route file", () => {
    expect(routeFiles.filter((f) => !(f in ROUTES))).toEqual([]);
  });

  for (const file of routeFiles) {
    const spec = ROUTES[file];
    if (!spec) continue;
    for (const kind of ["loader", "action"] as const) {
      for (const who of ["anonymous", "member", "coordinator", "admin"] as Who[]) {
        it(`${file} ${kind} × ${who}`, async () => {
          const mod = await import(routes.find((route) => route.name === file)!.file);
          const handler = mod[kind];
          const access = spec[kind];
          if (access === "none") {
            // No handler of this kind: Remix answers 405 for a POST, nothing to check per role.
            expect(handler).toBeUndefined();
            return;
          }
          expect(handler).toBeTypeOf("function");
          const { url, params } = spec.path(ctx);
          const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
          // A fresh session each time (the logout route ends the one it is given).
          const userId = ctx.users[who];
          if (userId) headers.set("Cookie", await cookieFor(userId));
          // An empty form: allowed visitors get past the guard to validation (4xx with a message), others are stopped.
          const request = new Request(`http://localhost${url}`, kind === "loader" ? { headers } : { method: "POST", headers, body: "" });
          const answer = await call(handler, request, params);
          if (ALLOWED[access].includes(who)) {
            expect(answer.status).not.toBe(403);
            expect(answer.location ?? "").not.toMatch(/^\/login\?/);
            expect(answer.status).toBeLessThan(500);
          } else if (who === "anonymous") {
            expect([302, 303]).toContain(answer.status);
            expect(answer.location).toMatch(/^\/login\?redirectTo=/);
          } else {
            expect(answer.status).toBe(403);
          }
        });
      }
    }
  }
});

/**
 * The staff-only actions on a request, each posted as its page would post it, by every kind of
 * visitor: coordinators and admins get it done; a member of the request's own cluster is refused
 * by the state machine (422, nothing written); anonymous visitors are sent to sign in.
 */
describe("staff-only request actions × role", () => {
  // Each posted on an ASSIGNED request of the member's cluster, owned by the coordinator (so the
  // admin and the coordinator both may hand it over) except for taking, which its owner cannot.
  const STAFF_ONLY: Record<string, (request: { id: string; version: number }) => Promise<Record<string, string>>> = {
    take: async ({ version }) => ({ intent: "take", version: String(version) }),
    handOver: async ({ version }) => ({ intent: "handOver", version: String(version), ownerId: ctx.users.admin!, message: "Передаю на час відпустки." }),
    edit: async ({ id, version }) => {
      const { db } = await import("~/data/db.server");
      const r = await db.request.findUniqueOrThrow({ where: { id } });
      const details = JSON.parse(r.details) as Record<string, unknown>;
      const sensitive = JSON.parse(r.sensitiveDetails ?? "{}") as Record<string, unknown>;
      return {
        intent: "edit",
        version: String(version),
        enterpriseName: r.enterpriseName,
        contactName: r.contactName,
        phone: r.phone,
        email: r.email,
        region: r.region,
        city: `${r.city} (уточнено)`,
        category: r.category,
        urgency: r.urgency,
        title: r.title,
        description: r.description,
        ...Object.fromEntries(
          Object.entries(details)
            .filter(([, v]) => !Array.isArray(v))
            .map(([k, v]) => [k, String(v)]),
        ),
        ...(sensitive.productType ? { defenceProductType: String(sensitive.productType) } : {}),
        // The correction form asks for the industry too (decision 054).
        sector: r.sector ?? "C",
        ...(r.naceClass ? { naceClass: r.naceClass } : {}),
      };
    },
  };

  for (const [intent, form] of Object.entries(STAFF_ONLY)) {
    for (const who of ["anonymous", "member", "coordinator", "admin"] as Who[]) {
      it(`${intent} × ${who}`, async () => {
        const { db } = await import("~/data/db.server");
        const { action } = await import("~/routes/requests.$reference/route");
        const random = seededRandom(intent.length * 31 + who.length);
        const filed = await createRequest({ input: buildIntake(random, { category: "OTHER" }) });
        const cluster = await db.user.findUniqueOrThrow({ where: { id: ctx.users.member! }, select: { clusterId: true } });
        // Assigned by the coordinator (who so owns it); nobody's, for taking.
        const coordinatorActor = { type: "USER" as const, userId: ctx.users.coordinator!, role: "COORDINATOR" as const, clusterId: null };
        await db.$transaction((tx) =>
          transitionRequestInTx(tx, { requestId: filed.id, action: "assign", actor: coordinatorActor, input: { clusterId: cluster.clusterId } }),
        );
        const request = await db.$transaction((tx) =>
          tx.request.update({ where: { id: filed.id }, data: intent === "take" ? { ownerId: null } : {}, select: { id: true, version: true } }),
        );
        const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
        const userId = ctx.users[who];
        if (userId) headers.set("Cookie", await cookieFor(userId));
        const body = new URLSearchParams(await form(request));
        const before = await db.requestEvent.count({ where: { requestId: request.id } });
        const answer = await call(action, new Request(`http://localhost/requests/${filed.reference}`, { method: "POST", headers, body }), {
          reference: filed.reference,
        });
        const written = (await db.requestEvent.count({ where: { requestId: request.id } })) - before;
        if (who === "coordinator" || who === "admin") {
          expect(answer.status).toBe(303);
          expect(written).toBe(1);
        } else if (who === "anonymous") {
          expect(answer.location).toMatch(/^\/login\?redirectTo=/);
          expect(written).toBe(0);
        } else {
          expect(answer.status).toBe(422);
          expect(answer.data.result.error[""]).toEqual(["NOT_PERMITTED"]);
          expect(written).toBe(0);
        }
      });
    }
  }
});

/** The admin's hand-over of all of a person's open requests: admins only. */
describe("handing over all of a person's requests × role", () => {
  for (const who of ["anonymous", "member", "coordinator", "admin"] as Who[]) {
    it(`handOverAll × ${who}`, async () => {
      const { db } = await import("~/data/db.server");
      const { action } = await import("~/routes/admin.users.$id");
      const leaving = await createUser({ email: `leaving-${who}@test.example`, name: "L", password: "pw-123456789", role: "COORDINATOR" });
      const filed = await createRequest({ input: buildIntake(seededRandom(who.length + 77)) });
      await db.$transaction((tx) => tx.request.update({ where: { id: filed.id }, data: { status: "TRIAGED", triagedAt: new Date(), ownerId: leaving.id } }));
      const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
      const userId = ctx.users[who];
      if (userId) headers.set("Cookie", await cookieFor(userId));
      const body = new URLSearchParams({ intent: "handOverAll", toUserId: ctx.users.coordinator!, message: "Колега звільнився." });
      const answer = await call(action, new Request(`http://localhost/admin/users/${leaving.id}`, { method: "POST", headers, body }), { id: leaving.id });
      const owner = (await db.request.findUniqueOrThrow({ where: { id: filed.id }, select: { ownerId: true } })).ownerId;
      if (who === "admin") {
        expect(answer.status).toBe(303);
        expect(owner).toBe(ctx.users.coordinator);
      } else {
        if (who === "anonymous") expect(answer.location).toMatch(/^\/login\?redirectTo=/);
        else expect(answer.status).toBe(403);
        expect(owner).toBe(leaving.id);
      }
    });
  }
});
