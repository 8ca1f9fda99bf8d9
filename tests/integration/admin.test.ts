// Administration through its routes: clusters with their capabilities and regions, staff
// accounts, deactivation and password resets ending sessions, and who may do any of it.
import { beforeAll, describe, expect, it } from "vitest";
import { getSessionUser, login } from "~/domain/auth/auth.server";
import { FREE_FAILURES } from "~/domain/auth/sign-in-throttle";
import * as adminIndex from "~/routes/admin._index";
import * as clusterPage from "~/routes/admin.clusters.$slug";
import * as clustersPage from "~/routes/admin.clusters._index";
import * as userPage from "~/routes/admin.users.$id";
import * as usersPage from "~/routes/admin.users._index";
import * as queuePage from "~/routes/queue";
import { db } from "~/data/db.server";
import { createCluster, createUser } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const PASSWORD = "pw-admin-test-123456";

let admin: { id: string };
let coordinator: { id: string };
let adminCookie: string;
let coordinatorCookie: string;
let kharkiv: { id: string; slug: string };
let closed: { id: string; slug: string };

let addressCounter = 0;
const freshAddress = () => `192.0.2.${++addressCounter}`;
const signInWith = (email: string, password: string) => login({ email, password, ipAddress: freshAddress() });

function get(path: string, cookie: string) {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}
function post(path: string, form: Record<string, string | string[]>, cookie: string) {
  return formRequest(path, form, { headers: { Cookie: cookie } });
}

const createClusterAt = (form: Record<string, string | string[]>, cookie = adminCookie) => call(clustersPage.action, post("/admin/clusters", form, cookie));
const updateClusterAt = (slug: string, form: Record<string, string | string[]>, cookie = adminCookie) =>
  call(clusterPage.action, post(`/admin/clusters/${slug}`, form, cookie), { slug });
const createUserAt = (form: Record<string, string>, cookie = adminCookie) => call(usersPage.action, post("/admin/users", form, cookie));
const actOnUser = (id: string, form: Record<string, string>, cookie = adminCookie) => call(userPage.action, post(`/admin/users/${id}`, form, cookie), { id });

/** A staff member signed in as the browser would be: is this cookie still somebody? */
const whoIs = (cookie: string) => getSessionUser(get("/queue", cookie));

function clusterRows(clusterId: string) {
  return Promise.all([
    db.clusterCapability.findMany({ where: { clusterId }, orderBy: { category: "asc" }, select: { category: true } }),
    db.clusterRegion.findMany({ where: { clusterId }, orderBy: { region: "asc" }, select: { region: true } }),
  ]).then(([capabilities, regions]) => ({
    // By name: PostgreSQL orders an enum column as declared, SQLite by its text.
    capabilities: capabilities.map((c) => c.category).sort(),
    regions: regions.map((r) => r.region),
  }));
}

const validCluster = {
  slug: "Lviv-Tech",
  nameUk: "Львівський технологічний кластер",
  nameEn: "Lviv Tech Cluster",
  kind: "CLUSTER",
  homeRegion: "UA-46",
  capabilities: ["RELOCATION", "LOGISTICS"],
  regions: ["UA-46", "UA-07"],
  contactName: "Оксана Мельник",
  contactEmail: "Office@LvivTech.example",
  contactPhone: "067 123 45 67",
};

beforeAll(async () => {
  admin = await createUser({ email: "admin@rrc.example", name: "Адмін", password: PASSWORD, role: "ADMIN" });
  coordinator = await createUser({ email: "coordinator@rrc.example", name: "Координатор", password: PASSWORD, role: "COORDINATOR" });
  kharkiv = await createCluster({
    slug: "kharkiv-metal",
    nameUk: "Харків метал",
    nameEn: "Kharkiv Metal",
    kind: "CLUSTER",
    homeRegion: "UA-63",
    capabilities: ["SUPPLIES"],
    regions: ["UA-63"],
  });
  closed = await createCluster({
    slug: "closed",
    nameUk: "Закритий",
    nameEn: "Closed",
    kind: "INITIATIVE",
    homeRegion: "UA-30",
    capabilities: ["OTHER"],
    regions: [],
  });
  await db.$transaction((tx) => tx.cluster.update({ where: { id: closed.id }, data: { active: false } }));
  adminCookie = await cookieFor(admin.id);
  coordinatorCookie = await cookieFor(coordinator.id);
});

describe("clusters", () => {
  it("creates a cluster with its capabilities and regions, and an update replaces them", async () => {
    const created = await createClusterAt(validCluster);
    expect(created.status).toBe(303);
    expect(created.location).toBe("/admin/clusters/lviv-tech?done=created");

    const cluster = await db.cluster.findUniqueOrThrow({ where: { slug: "lviv-tech" } });
    expect(cluster).toMatchObject({
      nameEn: "Lviv Tech Cluster",
      homeRegion: "UA-46",
      contactEmail: "office@lvivtech.example",
      contactPhone: "+380671234567",
      active: true,
    });
    expect(await clusterRows(cluster.id)).toEqual({ capabilities: ["LOGISTICS", "RELOCATION"], regions: ["UA-07", "UA-46"] });

    const list = await call(clustersPage.loader, get("/admin/clusters", adminCookie));
    expect(list.status).toBe(200);
    expect(list.data.clusters.find((c: { slug: string }) => c.slug === "lviv-tech")).toMatchObject({
      capabilities: ["RELOCATION", "LOGISTICS"],
      regions: ["UA-07", "UA-46"],
      memberCount: 0,
    });

    // A box ticked twice (a doubled field) is stored once; unticked boxes disappear; "active" unticked deactivates.
    const updated = await updateClusterAt("lviv-tech", {
      ...validCluster,
      nameUk: "Львівський кластер",
      capabilities: ["LOGISTICS", "ENERGY", "LOGISTICS"],
      regions: ["UA-07"],
      contactPhone: "",
    });
    expect(updated.status).toBe(303);
    expect(updated.location).toBe("/admin/clusters/lviv-tech?done=saved");
    expect(await clusterRows(cluster.id)).toEqual({ capabilities: ["ENERGY", "LOGISTICS"], regions: ["UA-07"] });
    expect(await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).toMatchObject({
      nameUk: "Львівський кластер",
      contactPhone: null,
      active: false,
    });

    const reactivated = await updateClusterAt("lviv-tech", { ...validCluster, active: "on" });
    expect(reactivated.status).toBe(303);
    const page = await call(clusterPage.loader, get("/admin/clusters/lviv-tech", adminCookie), { slug: "lviv-tech" });
    expect(page.data.cluster).toMatchObject({ active: true, capabilities: ["RELOCATION", "LOGISTICS"], regions: ["UA-07", "UA-46"] });
  });

  it("refuses invalid input with 400, errors beside the fields, the typed values kept and nothing written", async () => {
    const before = await db.cluster.count();
    const bad = await createClusterAt({ ...validCluster, slug: "Львів tech", capabilities: [], contactEmail: "not-an-email", nameEn: "" });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toMatchObject({
      slug: ["slugFormat"],
      capabilities: ["chooseAtLeastOne"],
      contactEmail: ["email"],
      nameEn: ["required"],
    });
    expect(bad.data.initialValue).toMatchObject({ slug: "Львів tech", nameUk: validCluster.nameUk, regions: ["UA-46", "UA-07"] });

    const taken = await createClusterAt({ ...validCluster, slug: "KHARKIV-METAL" });
    expect(taken.status).toBe(400);
    expect(taken.data.error).toEqual({ slug: ["slugTaken"] });
    expect(await db.cluster.count()).toBe(before);

    const badUpdate = await updateClusterAt(kharkiv.slug, { ...validCluster, nameUk: " ", homeRegion: "UA-99", active: "on" });
    expect(badUpdate.status).toBe(400);
    expect(badUpdate.data.error).toMatchObject({ nameUk: ["required"], homeRegion: ["choose"] });
    expect(await clusterRows(kharkiv.id)).toEqual({ capabilities: ["SUPPLIES"], regions: ["UA-63"] });
    expect((await db.cluster.findUniqueOrThrow({ where: { id: kharkiv.id } })).nameUk).toBe("Харків метал");

    const missing = await updateClusterAt("no-such-cluster", { ...validCluster, active: "on" });
    expect(missing.status).toBe(404);
    expect((await call(clusterPage.loader, get("/admin/clusters/no-such-cluster", adminCookie), { slug: "no-such-cluster" })).status).toBe(404);
  });
});

describe("users", () => {
  it("creates a user of each role; a generated password is shown once and works", async () => {
    const given = await createUserAt({ email: "Second.Admin@RRC.example", name: "Друга адміністраторка", role: "ADMIN", password: "a-long-enough-password" });
    expect(given.status).toBe(303);
    const secondAdmin = await db.user.findUniqueOrThrow({ where: { email: "second.admin@rrc.example" } });
    expect(given.location).toBe(`/admin/users/${secondAdmin.id}?done=created`);
    expect(secondAdmin).toMatchObject({ role: "ADMIN", clusterId: null, active: true });
    expect((await signInWith("second.admin@rrc.example", "a-long-enough-password")).ok).toBe(true);

    const generated = await createUserAt({ email: "new.coordinator@rrc.example", name: "", role: "COORDINATOR" });
    expect(generated.status).toBe(200);
    expect(generated.headers.get("Cache-Control")).toBe("private, no-store");
    const password: string = generated.data.created.password;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(generated.data.created).toMatchObject({ email: "new.coordinator@rrc.example", name: "new.coordinator", role: "COORDINATOR" });
    // The form comes back empty, ready for the next account.
    expect(generated.data.result.initialValue).toBeNull();
    const newCoordinator = await db.user.findUniqueOrThrow({ where: { email: "new.coordinator@rrc.example" } });
    expect(newCoordinator.passwordHash).not.toContain(password);
    expect((await signInWith("new.coordinator@rrc.example", password)).ok).toBe(true);

    const member = await createUserAt({ email: "member@kharkiv.example", name: "Ірина Бондар", role: "CLUSTER_MEMBER", cluster: kharkiv.slug });
    expect(member.status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { email: "member@kharkiv.example" } })).toMatchObject({
      role: "CLUSTER_MEMBER",
      clusterId: kharkiv.id,
    });

    const list = await call(usersPage.loader, get("/admin/users?role=CLUSTER_MEMBER", adminCookie));
    expect(list.data.users.map((u: { email: string }) => u.email)).toEqual(["member@kharkiv.example"]);
    expect(JSON.stringify(list.data)).not.toContain("passwordHash");
  });

  it("refuses a cluster member without a cluster, a cluster for other roles, and unknown or inactive clusters", async () => {
    const before = await db.user.count();
    const noCluster = await createUserAt({ email: "m1@rrc.example", name: "M", role: "CLUSTER_MEMBER", password: "a-long-enough-password" });
    expect(noCluster.status).toBe(400);
    expect(noCluster.data.result.error).toEqual({ cluster: ["clusterRequired"] });
    // Typed values come back, the password never does.
    expect(noCluster.data.result.initialValue).toMatchObject({ email: "m1@rrc.example", role: "CLUSTER_MEMBER" });
    expect(noCluster.data.result.initialValue.password).toBeUndefined();

    const wrongRole = await createUserAt({ email: "m2@rrc.example", name: "M", role: "COORDINATOR", cluster: kharkiv.slug });
    expect(wrongRole.data.result.error).toEqual({ cluster: ["clusterOnlyForMembers"] });
    const unknown = await createUserAt({ email: "m3@rrc.example", name: "M", role: "CLUSTER_MEMBER", cluster: "no-such-cluster" });
    expect(unknown.data.result.error).toEqual({ cluster: ["clusterUnknown"] });
    const inactive = await createUserAt({ email: "m4@rrc.example", name: "M", role: "CLUSTER_MEMBER", cluster: closed.slug });
    expect(inactive.data.result.error).toEqual({ cluster: ["clusterInactive"] });
    const badInput = await createUserAt({ email: "nope", name: "M", role: "BOSS", password: "short" });
    expect(badInput.status).toBe(400);
    expect(badInput.data.result.error).toMatchObject({ email: ["email"], role: ["choose"], password: ["tooShort:12"] });

    expect(await db.user.count()).toBe(before);
  });

  it("refuses a duplicate email whatever its letter case", async () => {
    expect((await createUserAt({ email: "dup@example.org", name: "Перший", role: "COORDINATOR" })).status).toBe(200);
    const again = await createUserAt({ email: "  DUP@Example.ORG ", name: "Другий", role: "ADMIN" });
    expect(again.status).toBe(400);
    expect(again.data.result.error).toEqual({ email: ["emailTaken"] });
    const users = await db.user.findMany({ where: { email: "dup@example.org" } });
    expect(users.map((u) => u.name)).toEqual(["Перший"]);
  });

  it("changes a user's name, role and cluster", async () => {
    const user = await createUser({ email: "mover@rrc.example", name: "Mover", password: PASSWORD, role: "COORDINATOR" });
    const toMember = await actOnUser(user.id, { intent: "update", name: "Оксана Савчук", role: "CLUSTER_MEMBER", cluster: kharkiv.slug });
    expect(toMember.status).toBe(303);
    expect(toMember.location).toBe(`/admin/users/${user.id}?done=saved`);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "Оксана Савчук", role: "CLUSTER_MEMBER", clusterId: kharkiv.id });

    const noCluster = await actOnUser(user.id, { intent: "update", name: "Оксана Савчук", role: "CLUSTER_MEMBER", cluster: "" });
    expect(noCluster.status).toBe(400);
    expect(noCluster.data.result.error).toEqual({ cluster: ["clusterRequired"] });

    const back = await actOnUser(user.id, { intent: "update", name: "Оксана Савчук", role: "COORDINATOR", cluster: "" });
    expect(back.status).toBe(303);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "COORDINATOR", clusterId: null });

    const page = await call(userPage.loader, get(`/admin/users/${user.id}`, adminCookie), { id: user.id });
    expect(page.status).toBe(200);
    expect(page.data.user).toMatchObject({ email: "mover@rrc.example", role: "COORDINATOR", cluster: null });
    expect(page.data.user.passwordHash).toBeUndefined();
    expect((await call(userPage.loader, get("/admin/users/nobody", adminCookie), { id: "nobody" })).status).toBe(404);
  });

  it("deactivating ends the user's sessions: anonymous on the next request, and no signing in until reactivated", async () => {
    const user = await createUser({ email: "leaving@rrc.example", name: "Leaving", password: PASSWORD, role: "COORDINATOR" });
    const cookie = await cookieFor(user.id);
    expect((await call(queuePage.loader, get("/queue", cookie))).status).toBe(200);

    const deactivated = await actOnUser(user.id, { intent: "deactivate" });
    expect(deactivated.status).toBe(303);
    expect(deactivated.location).toBe(`/admin/users/${user.id}?done=deactivated`);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await whoIs(cookie)).toBeNull();
    const next = await call(queuePage.loader, get("/queue", cookie));
    expect(next.status).toBe(302);
    expect(next.location).toMatch(/^\/login\?redirectTo=/);
    expect(await signInWith("leaving@rrc.example", PASSWORD)).toEqual({ ok: false, reason: "INVALID" });

    expect((await actOnUser(user.id, { intent: "activate" })).status).toBe(303);
    expect((await signInWith("leaving@rrc.example", PASSWORD)).ok).toBe(true);
  });

  it("resetting a password ends the user's sessions, lifts the wait after failed sign-ins, and the new password works", async () => {
    const user = await createUser({ email: "forgetful@rrc.example", name: "Forgetful", password: PASSWORD, role: "COORDINATOR" });
    const cookies = [await cookieFor(user.id), await cookieFor(user.id)];
    for (let i = 0; i < FREE_FAILURES.account; i++) await signInWith("forgetful@rrc.example", "wrong-password");
    expect(await signInWith("forgetful@rrc.example", PASSWORD)).toMatchObject({ ok: false, reason: "RATE_LIMITED" });

    const reset = await actOnUser(user.id, { intent: "resetPassword" });
    expect(reset.status).toBe(200);
    expect(reset.headers.get("Cache-Control")).toBe("private, no-store");
    const password: string = reset.data.password;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    for (const cookie of cookies) expect(await whoIs(cookie)).toBeNull();

    expect(await signInWith("forgetful@rrc.example", PASSWORD)).toEqual({ ok: false, reason: "INVALID" });
    const signedIn = await signInWith("forgetful@rrc.example", password);
    expect(signedIn.ok).toBe(true);
  });

  it("an admin cannot deactivate, demote or reset themselves", async () => {
    const deactivate = await actOnUser(admin.id, { intent: "deactivate" });
    expect(deactivate.status).toBe(400);
    expect(deactivate.data.result.error).toEqual({ "": ["selfDeactivate"] });

    const demote = await actOnUser(admin.id, { intent: "update", name: "Адмін", role: "COORDINATOR", cluster: "" });
    expect(demote.status).toBe(400);
    expect(demote.data.result.error).toEqual({ role: ["selfDemote"] });

    const reset = await actOnUser(admin.id, { intent: "resetPassword" });
    expect(reset.status).toBe(400);
    expect(reset.data.result.error).toEqual({ "": ["selfReset"] });
    expect(reset.data.password).toBeNull();

    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN", active: true });
    expect((await whoIs(adminCookie))?.id).toBe(admin.id);
    // Renaming oneself is fine.
    expect((await actOnUser(admin.id, { intent: "update", name: "Адміністратор", role: "ADMIN", cluster: "" })).status).toBe(303);
  });
});

describe("access", () => {
  it("a coordinator gets 403 on every admin page and action, and nothing changes", async () => {
    const target = await createUser({ email: "target@rrc.example", name: "Target", password: PASSWORD, role: "COORDINATOR" });
    const targetCookie = await cookieFor(target.id);
    const [clusters, users] = [await db.cluster.count(), await db.user.count()];
    const answers = await Promise.all([
      call(adminIndex.loader, get("/admin", coordinatorCookie)),
      call(clustersPage.loader, get("/admin/clusters", coordinatorCookie)),
      createClusterAt({ ...validCluster, slug: "sneaky" }, coordinatorCookie),
      call(clusterPage.loader, get(`/admin/clusters/${kharkiv.slug}`, coordinatorCookie), { slug: kharkiv.slug }),
      updateClusterAt(kharkiv.slug, { ...validCluster, nameUk: "Зламано" }, coordinatorCookie),
      call(usersPage.loader, get("/admin/users", coordinatorCookie)),
      createUserAt({ email: "sneaky@rrc.example", name: "S", role: "ADMIN" }, coordinatorCookie),
      call(userPage.loader, get(`/admin/users/${target.id}`, coordinatorCookie), { id: target.id }),
      actOnUser(target.id, { intent: "update", name: "Зламано", role: "ADMIN", cluster: "" }, coordinatorCookie),
      actOnUser(target.id, { intent: "deactivate" }, coordinatorCookie),
      actOnUser(target.id, { intent: "resetPassword" }, coordinatorCookie),
      actOnUser(coordinator.id, { intent: "update", name: "Я", role: "ADMIN", cluster: "" }, coordinatorCookie),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 403));

    expect([await db.cluster.count(), await db.user.count()]).toEqual([clusters, users]);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: kharkiv.id } })).nameUk).toBe("Харків метал");
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ name: "Target", role: "COORDINATOR", active: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: coordinator.id } })).role).toBe("COORDINATOR");
    expect((await whoIs(targetCookie))?.id).toBe(target.id);
  });

  it("sends an anonymous visitor to sign in", async () => {
    const answer = await call(adminIndex.loader, new Request("http://localhost/admin"));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/login?redirectTo=%2Fadmin");
  });
});
