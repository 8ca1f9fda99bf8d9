// The admin's record: every administrative change is written here, in the transaction of the
// change itself (a rolled-back change leaves no entry; a committed one always has its entry),
// and read back, filtered and paged, by /admin/audit and its CSV download.
//
// To record a new kind of administrative change, call `recordAdminChange(tx, …)` inside the
// change's own `db.$transaction`, with the acting admin's id and the subject's fields before
// and after (plain JSON values, never a secret: no password hashes, no tokens). See
// docs/decisions/027-admin-audit-and-print.md.
import type { Prisma } from "~/generated/prisma/client";
import { type Tx, db } from "~/data/db.server";
import { type AuditSnapshot, type AuditSubjectType, parseAuditSnapshot } from "./audit";

export type AdminChange = {
  /** The admin (or other signed-in user) who made the change; null from the command line. */
  actorUserId: string | null;
  /** What was done, "<subject type>.<verb>", e.g. "user.create", "cluster.update". */
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  /** The subject as a person reads it now (an e-mail, a slug, a reference). */
  subjectLabel: string;
  /** The fields the change concerns before it; null for a creation. */
  before: AuditSnapshot | null;
  /** The same fields after it; null for a removal. */
  after: AuditSnapshot | null;
  now?: Date;
};

/** Writes one entry; call it with the transaction that makes the change. */
export async function recordAdminChange(tx: Tx, change: AdminChange) {
  const { actorUserId, action, subjectType, subjectId, subjectLabel, before, after, now = new Date() } = change;
  await tx.adminAuditEntry.create({
    data: {
      actorUserId,
      action,
      subjectType,
      subjectId,
      subjectLabel,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      createdAt: now,
    },
    select: { id: true },
  });
}

const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  /** A user's id, or "none" for changes made from the command line. */
  actor?: string;
  subjectType?: AuditSubjectType;
  /** From this instant (inclusive) … */
  from?: Date;
  /** … to this one (exclusive). */
  to?: Date;
};

function auditWhere({ actor, subjectType, from, to }: AuditFilter): Prisma.AdminAuditEntryWhereInput {
  return {
    ...(actor ? { actorUserId: actor === "none" ? null : actor } : {}),
    ...(subjectType ? { subjectType } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
  };
}

const entrySelect = {
  id: true,
  action: true,
  subjectType: true,
  subjectId: true,
  subjectLabel: true,
  before: true,
  after: true,
  createdAt: true,
  actor: { select: { id: true, name: true, email: true } },
} as const satisfies Prisma.AdminAuditEntrySelect;

type EntryRow = Prisma.AdminAuditEntryGetPayload<{ select: typeof entrySelect }>;

function toEntry({ before, after, ...row }: EntryRow) {
  return { ...row, before: parseAuditSnapshot(before), after: parseAuditSnapshot(after) };
}

export type AuditEntry = ReturnType<typeof toEntry>;

/** One page of entries, newest first, with the total and the people who appear as actors. */
export async function listAuditEntries({ filter, page }: { filter: AuditFilter; page: number }) {
  const where = auditWhere(filter);
  const [total, rows, actors] = await Promise.all([
    db.adminAuditEntry.count({ where }),
    db.adminAuditEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: entrySelect,
    }),
    db.user.findMany({ where: { auditEntries: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
  ]);
  return {
    entries: rows.map(toEntry),
    actors,
    total,
    page,
    perPage: AUDIT_PAGE_SIZE,
    totalPages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

const BATCH = 500;

/** Every entry the filter matches, newest first, a batch at a time (for the CSV download). */
export async function* auditEntryBatches(filter: AuditFilter): AsyncGenerator<AuditEntry[]> {
  const where = auditWhere(filter);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    // Keyset paging: entries written meanwhile are newer, so they never shift a batch.
    const cursor: Prisma.AdminAuditEntryWhereInput = after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : {};
    const rows: EntryRow[] = await db.adminAuditEntry.findMany({
      where: { AND: [where, cursor] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BATCH,
      select: entrySelect,
    });
    if (rows.length) yield rows.map(toEntry);
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
