// Administration: clusters (the categories they handle, the regions and industries they serve) and staff
// accounts. Each write is one transaction, recorded in the admin's record (audit.server.ts) by
// that same transaction; a refusal comes back as an i18n error key, tied to a form field where
// there is one, and leaves nothing written.
import { randomBytes } from "node:crypto";
import { Prisma, type Role } from "~/generated/prisma/client";
import type { ClusterCreateInput, ClusterUpdateInput, UserCreateInput, UserUpdateInput } from "~/schemas/admin";
import { type Tx, db } from "~/data/db.server";
import { normalizeEmail, revokeUserSessions } from "../auth/auth.server";
import { invalidateResetLinksInTx } from "../auth/account.server";
import type { AuditSnapshot } from "./audit";
import { recordAdminChange } from "./audit.server";
import { hashPassword } from "../auth/password.server";
import { type Refused, refuse } from "../errors";
import { CATEGORIES, type Category, bySectorOrder } from "../taxonomy";

type AdminError =
  | "notFound"
  | "slugTaken"
  | "emailTaken"
  | "clusterRequired"
  | "clusterOnlyForMembers"
  | "clusterUnknown"
  | "clusterInactive"
  | "selfDemote"
  | "selfDeactivate"
  | "selfReset";

/** `field` names the form field the error belongs beside; without it the error is the form's. */
export type AdminRefusal = Refused<AdminError>;

/** Two admins creating the same slug or email at once: the second gets the same answer as a visible duplicate. */
function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** 18 random bytes: 24 characters, 144 bits. Shown once to the admin, stored only as a hash. */
function generatePassword() {
  return randomBytes(18).toString("base64url");
}

const byCategoryOrder = (a: Category, b: Category) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b);

// ─── Clusters ────────────────────────────────────────────────────────────────

const clusterSelect = {
  id: true,
  slug: true,
  nameUk: true,
  nameEn: true,
  kind: true,
  homeRegion: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  active: true,
  updatedAt: true,
  capabilities: { select: { category: true } },
  regions: { select: { region: true }, orderBy: { region: "asc" } },
  sectors: { select: { sector: true } },
  _count: { select: { members: { where: { active: true } } } },
} as const satisfies Prisma.ClusterSelect;

type ClusterRow = Prisma.ClusterGetPayload<{ select: typeof clusterSelect }>;

/** What the admin's record keeps of a cluster: every field its form edits. */
const clusterAuditSelect = {
  nameUk: true,
  nameEn: true,
  kind: true,
  homeRegion: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  active: true,
  capabilities: { select: { category: true } },
  regions: { select: { region: true } },
  sectors: { select: { sector: true } },
} as const satisfies Prisma.ClusterSelect;

function clusterSnapshot(cluster: Prisma.ClusterGetPayload<{ select: typeof clusterAuditSelect }>): AuditSnapshot {
  const { nameUk, nameEn, kind, homeRegion, contactName, contactEmail, contactPhone, active } = cluster;
  return {
    ...{ nameUk, nameEn, kind, homeRegion, contactName, contactEmail, contactPhone, active },
    capabilities: cluster.capabilities.map((c) => c.category).sort(byCategoryOrder),
    regions: cluster.regions.map((r) => r.region).sort(),
    sectors: cluster.sectors.map((s) => s.sector).sort(bySectorOrder),
  };
}

function toCluster({ capabilities, regions, sectors, _count, ...cluster }: ClusterRow) {
  return {
    ...cluster,
    capabilities: capabilities.map((c) => c.category).sort(byCategoryOrder),
    regions: regions.map((r) => r.region),
    sectors: sectors.map((s) => s.sector).sort(bySectorOrder),
    /** Active members only: the people the cluster can answer through. */
    memberCount: _count.members,
  };
}

/** Every cluster (active first), with what it handles, where, and how many active members it has. */
export async function listClusters({ activeOnly = false }: { activeOnly?: boolean } = {}) {
  const clusters = await db.cluster.findMany({
    where: activeOnly ? { active: true } : {},
    orderBy: [{ active: "desc" }, { slug: "asc" }],
    select: clusterSelect,
  });
  return clusters.map(toCluster);
}

/** One cluster for its edit page, with its members; null when there is no such slug. */
export async function getCluster({ slug }: { slug: string }) {
  const cluster = await db.cluster.findUnique({
    where: { slug },
    select: {
      ...clusterSelect,
      members: { orderBy: [{ active: "desc" }, { name: "asc" }], select: { id: true, name: true, email: true, active: true } },
    },
  });
  if (!cluster) return null;
  const { members, ...row } = cluster;
  return { ...toCluster(row), members };
}

function clusterData(input: ClusterCreateInput | ClusterUpdateInput) {
  return {
    nameUk: input.nameUk,
    nameEn: input.nameEn,
    kind: input.kind,
    homeRegion: input.homeRegion,
    // An emptied field clears the contact.
    contactName: input.contactName || null,
    contactEmail: input.contactEmail || null,
    contactPhone: input.contactPhone || null,
  };
}

export async function createCluster({
  input,
  actorUserId,
}: {
  input: ClusterCreateInput;
  /** The admin creating it (the admin's record). */
  actorUserId: string;
}): Promise<{ ok: true; cluster: { id: string; slug: string } } | AdminRefusal> {
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.cluster.findUnique({ where: { slug: input.slug }, select: { id: true } })) return refuse("slugTaken", "slug");
      const cluster = await tx.cluster.create({
        data: {
          slug: input.slug,
          ...clusterData(input),
          capabilities: { create: input.capabilities.map((category) => ({ category })) },
          regions: { create: input.regions.map((region) => ({ region })) },
          sectors: { create: input.sectors.map((sector) => ({ sector })) },
        },
        select: { id: true, slug: true, ...clusterAuditSelect },
      });
      await recordAdminChange(tx, {
        actorUserId,
        action: "cluster.create",
        subjectType: "cluster",
        subjectId: cluster.id,
        subjectLabel: cluster.slug,
        before: null,
        after: clusterSnapshot(cluster),
      });
      return { ok: true as const, cluster: { id: cluster.id, slug: cluster.slug } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("slugTaken", "slug");
    throw error;
  }
}

/** Replaces the cluster's details, and its capabilities, regions and sectors with exactly the ones given. */
export async function updateCluster({
  slug,
  input,
  actorUserId,
}: {
  slug: string;
  input: ClusterUpdateInput;
  /** The admin making the change (the admin's record). */
  actorUserId: string;
}): Promise<{ ok: true; cluster: { id: string; slug: string } } | AdminRefusal> {
  return db.$transaction(async (tx) => {
    const found = await tx.cluster.findUnique({ where: { slug }, select: { id: true, ...clusterAuditSelect } });
    if (!found) return refuse("notFound");
    const cluster = await tx.cluster.update({
      where: { id: found.id },
      data: {
        ...clusterData(input),
        active: input.active,
        capabilities: { deleteMany: {}, create: input.capabilities.map((category) => ({ category })) },
        regions: { deleteMany: {}, create: input.regions.map((region) => ({ region })) },
        sectors: { deleteMany: {}, create: input.sectors.map((sector) => ({ sector })) },
      },
      select: { id: true, slug: true, ...clusterAuditSelect },
    });
    const before = clusterSnapshot(found);
    const after = clusterSnapshot(cluster);
    // Saving the form unchanged changes nothing worth recording.
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAdminChange(tx, { actorUserId, action: "cluster.update", subjectType: "cluster", subjectId: cluster.id, subjectLabel: slug, before, after });
    }
    return { ok: true as const, cluster: { id: cluster.id, slug: cluster.slug } };
  });
}

// ─── Users ───────────────────────────────────────────────────────────────────

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
  cluster: { select: { slug: true, nameUk: true, nameEn: true, active: true } },
} as const satisfies Prisma.UserSelect;

/** Staff accounts, active first; never the password hash. */
export function listUsers({ role }: { role?: Role } = {}) {
  return db.user.findMany({
    where: role ? { role } : {},
    orderBy: [{ active: "desc" }, { role: "asc" }, { email: "asc" }],
    select: userSelect,
  });
}

/** What the admin's record keeps of an account: never its password hash. */
const userAuditSelect = { email: true, name: true, role: true, active: true, cluster: { select: { slug: true } } } as const satisfies Prisma.UserSelect;

function userSnapshot({ email, name, role, active, cluster }: Prisma.UserGetPayload<{ select: typeof userAuditSelect }>): AuditSnapshot {
  return { email, name, role, active, cluster: cluster?.slug ?? null };
}

/** One account for its edit page, with how many sessions it has open; null when there is no such id. */
export async function getUser({ id, now = new Date() }: { id: string; now?: Date }) {
  const user = await db.user.findUnique({
    where: { id },
    select: { ...userSelect, _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } } },
  });
  if (!user) return null;
  const { _count, ...rest } = user;
  return { ...rest, openSessions: _count.sessions };
}

/** The cluster a user of `role` belongs to: required for cluster members, none for anyone else. */
async function clusterForRole(
  tx: Tx,
  { role, slug, currentClusterId = null }: { role: Role; slug?: string; currentClusterId?: string | null },
): Promise<{ ok: true; clusterId: string | null } | AdminRefusal> {
  if (role !== "CLUSTER_MEMBER") return slug ? refuse("clusterOnlyForMembers", "cluster") : { ok: true, clusterId: null };
  if (!slug) return refuse("clusterRequired", "cluster");
  const cluster = await tx.cluster.findUnique({ where: { slug }, select: { id: true, active: true } });
  if (!cluster) return refuse("clusterUnknown", "cluster");
  // Nobody new joins an inactive cluster; a member already in one keeps their place.
  if (!cluster.active && cluster.id !== currentClusterId) return refuse("clusterInactive", "cluster");
  return { ok: true, clusterId: cluster.id };
}

export type CreatedUser = { id: string; email: string; name: string; role: Role };

/**
 * Creates a staff account. Without a password one is generated and returned once, as
 * `generatedPassword`; it is stored only as a hash.
 */
export async function createUser({
  input,
  actorUserId,
}: {
  input: UserCreateInput;
  /** The admin creating the account; null from the command line (npm run user:create). */
  actorUserId: string | null;
}): Promise<{ ok: true; user: CreatedUser; generatedPassword: string | null } | AdminRefusal> {
  const email = normalizeEmail(input.email);
  const name = input.name || email.split("@")[0]!;
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  // Hashing is slow on purpose: done before the transaction, so it holds no lock meanwhile.
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  try {
    return await db.$transaction(async (tx) => {
      const cluster = await clusterForRole(tx, { role: input.role, slug: input.cluster });
      if (!cluster.ok) return cluster;
      // Emails are stored lower-case, so this finds "Name@X" and "name@x" alike.
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return refuse("emailTaken", "email");
      const { id, ...created } = await tx.user.create({
        data: { email, name, role: input.role, clusterId: cluster.clusterId, passwordHash },
        select: { id: true, ...userAuditSelect },
      });
      await recordAdminChange(tx, {
        actorUserId,
        action: "user.create",
        subjectType: "user",
        subjectId: id,
        subjectLabel: email,
        before: null,
        after: { ...userSnapshot(created), password: generatedPassword === null ? "typed" : "generated" },
      });
      return { ok: true as const, user: { id, email, name, role: created.role }, generatedPassword };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("emailTaken", "email");
    throw error;
  }
}

/** Changes a user's name, role and cluster. An admin cannot take away their own admin role. */
export async function updateUser({
  id,
  adminId,
  input,
}: {
  id: string;
  /** The admin making the change. */
  adminId: string;
  input: UserUpdateInput;
}): Promise<{ ok: true } | AdminRefusal> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { clusterId: true, ...userAuditSelect } });
    if (!user) return refuse("notFound");
    const { clusterId: currentClusterId } = user;
    // Keeps at least one admin: the one acting can never remove themselves.
    if (id === adminId && input.role !== "ADMIN") return refuse("selfDemote", "role");
    const cluster = await clusterForRole(tx, { role: input.role, slug: input.cluster, currentClusterId });
    if (!cluster.ok) return cluster;
    // The role and cluster are read afresh on every request, so open sessions follow at once.
    const updated = await tx.user.update({
      where: { id },
      data: { name: input.name, role: input.role, clusterId: cluster.clusterId },
      select: userAuditSelect,
    });
    const before = userSnapshot(user);
    const after = userSnapshot(updated);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAdminChange(tx, { actorUserId: adminId, action: "user.update", subjectType: "user", subjectId: id, subjectLabel: user.email, before, after });
    }
    return { ok: true as const };
  });
}

/**
 * Deactivates or reactivates an account. Deactivating ends every session the user has: they
 * are signed out on their next request and cannot sign in again until reactivated.
 */
export async function setUserActive({
  id,
  active,
  adminId,
}: {
  id: string;
  active: boolean;
  adminId: string;
}): Promise<{ ok: true; endedSessions: number } | AdminRefusal> {
  if (!active && id === adminId) return refuse("selfDeactivate");
  const found = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true, active: true } });
    if (!user) return false;
    if (user.active !== active) {
      await tx.user.update({ where: { id }, data: { active } });
      // An e-mailed reset link must not bring a deactivated account back.
      if (!active) await invalidateResetLinksInTx(tx, { userId: id, now: new Date() });
      await recordAdminChange(tx, {
        actorUserId: adminId,
        action: active ? "user.activate" : "user.deactivate",
        subjectType: "user",
        subjectId: id,
        subjectLabel: user.email,
        before: { active: user.active },
        after: { active },
      });
    }
    return true;
  });
  if (!found) return refuse("notFound");
  // After the flag: an inactive user's sessions are already refused, so the gap between the
  // two writes lets nobody in; the rows are then removed.
  const endedSessions = active ? 0 : await revokeUserSessions(id);
  return { ok: true, endedSessions };
}

/**
 * Gives the user a new generated password (returned once), clears their failed sign-in
 * attempts so a locked-out user can sign in at once, and ends their sessions. Admins reset
 * their own password through another admin: resetting it here would sign them out before
 * they saw the new one.
 */
export async function resetPassword({
  id,
  adminId,
}: {
  id: string;
  adminId: string;
}): Promise<{ ok: true; password: string; endedSessions: number } | AdminRefusal> {
  if (id === adminId) return refuse("selfReset");
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const found = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true } });
    if (!user) return false;
    await tx.user.update({ where: { id }, data: { passwordHash } });
    await tx.loginAttempt.deleteMany({ where: { email: user.email } });
    // A reset link mailed earlier would replace the password the admin hands over.
    await invalidateResetLinksInTx(tx, { userId: id, now: new Date() });
    // What changed is secret; the record says that it changed, and how.
    await recordAdminChange(tx, {
      actorUserId: adminId,
      action: "user.resetPassword",
      subjectType: "user",
      subjectId: id,
      subjectLabel: user.email,
      before: null,
      after: { password: "generated" },
    });
    return true;
  });
  if (!found) return refuse("notFound");
  // After the new hash: a session opened in between could only have used the new password.
  const endedSessions = await revokeUserSessions(id);
  return { ok: true, password, endedSessions };
}
