// The notification outbox. Messages are written as Notification rows in the same
// transaction as the change they announce (a rolled-back change leaves no message, a
// committed one always has its message), and delivered afterwards by
// `deliverDueNotifications`, which retries with backoff and never deletes a row.
import type { NotificationStatus } from "~/generated/prisma/client";
import { db, inTransaction, type Tx } from "~/data/db.server";
import type { Work } from "~/data/sql";
import { env } from "~/config/env.server";
import { newId } from "~/utils/ids.server";
import { type MailTransport, mailTransport } from "~/utils/mail.server";
import { deliveryChoice, insertDigestEntry, insertNotification } from "~/data/outbox.server";
import { enterpriseNoticeFor, staffNoticeForEnterpriseAction } from "./announcements";
import type { FieldChange } from "../requests/field-changes";
import { infoAskerInTx } from "../requests/info-requests.server";
import { publicChanges } from "../requests/request-corrections";
import { DEFAULT_DELIVERY, type Delivery, type NotificationTopic, topicOf } from "./notification-preferences";
import { type NotificationKind, type NotificationParams, renderBilingual } from "./notification-templates";
import type { Action } from "../requests/state-machine";

/** Tries per message before it is marked FAILED (it stays listed and can be retried by hand). */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 60 * 60_000;
/** How long a claimed message is reserved for the deliverer that claimed it. */
const CLAIM_LEASE_MS = 5 * 60_000;
const OUTBOX_PAGE_SIZE = 50;

/** The wait after the `attempts`-th failed try: 1 min, 2, 4, … capped at 6 h (ten tries span ~8.5 h). */
export function retryDelayMs(attempts: number) {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Every message is bilingual (Ukrainian first): neither enterprises nor users have a stored
 * language. The column records the leading language.
 */
const LOCALE = "uk";

/** Who a message goes to: an address, and the user behind it when it is a person with an account. */
export type Recipient = { email: string; userId?: string | null };

type Draft<K extends NotificationKind = NotificationKind> = { kind: K; recipients: Recipient[]; params: NotificationParams[K] };

async function write(tx: Tx, requestId: string | null, now: Date, drafts: Draft[]) {
  return inTransaction(tx, insertNotifications(requestId, now, drafts));
}

/** Each address once (lower-cased); a user's own entry wins over the same bare address. */
function uniqueRecipients(recipients: Recipient[]) {
  const byEmail = new Map<string, Recipient>();
  for (const recipient of recipients) {
    const email = recipient.email.trim().toLowerCase();
    if (!email.includes("@")) continue;
    const known = byEmail.get(email);
    if (!known || (!known.userId && recipient.userId)) byEmail.set(email, { email, userId: recipient.userId ?? null });
  }
  return [...byEmail.values()];
}

/**
 * The rows of `drafts`, one per recipient, inserted with the open transaction's statements. A
 * person's own choice for the draft's topic decides: an e-mail now, an entry for their daily
 * digest, or nothing (./notification-preferences.ts). Returns how many e-mails.
 */
function* insertNotifications(requestId: string | null, now: Date, drafts: Draft[]): Work<number> {
  // SQL on the transaction's connection rather than a Prisma call: written inside every
  // transition's and every intake's transaction, where Prisma cost more than the insert (decision 011).
  let written = 0;
  for (const draft of drafts) {
    const topic = topicOf(draft.kind);
    let rendered: { subject: string; body: string } | undefined;
    for (const recipient of uniqueRecipients(draft.recipients)) {
      const delivery = topic && recipient.userId ? yield* deliveryFor(recipient.userId, topic) : DEFAULT_DELIVERY;
      if (delivery === "OFF") continue;
      if (delivery === "DIGEST") {
        yield* insertDigestEntry({
          id: newId(now.getTime()),
          userId: recipient.userId!,
          requestId,
          kind: draft.kind,
          excerpt: excerptOf(draft),
          createdAt: now,
        });
        continue;
      }
      rendered ??= renderBilingual(draft.kind, draft.params);
      yield* insertNotification({
        id: newId(now.getTime()),
        requestId,
        kind: draft.kind,
        recipient: recipient.email,
        locale: LOCALE,
        subject: rendered.subject,
        body: rendered.body,
        nextAttemptAt: now,
        createdAt: now,
      });
      written += 1;
    }
  }
  return written;
}

function* deliveryFor(userId: string, topic: NotificationTopic): Work<Delivery> {
  return ((yield* deliveryChoice(userId, topic)) as Delivery | undefined) ?? DEFAULT_DELIVERY;
}

/** The words a digest line quotes: the enterprise's message or the cluster's reason, shortened. */
function excerptOf(draft: Draft): string | null {
  const params = draft.params as { message?: string; reason?: string };
  const text = (params.message ?? params.reason ?? "").replace(/\s+/g, " ").trim();
  if (!text) return null;
  return text.length > DIGEST_EXCERPT_LENGTH ? `${text.slice(0, DIGEST_EXCERPT_LENGTH - 1)}…` : text;
}

const DIGEST_EXCERPT_LENGTH = 160;

/**
 * The base of links in messages: PUBLIC_URL (required in production), never the request's
 * origin, which comes from a Host header the sender chooses.
 */
export function publicBaseUrl() {
  return env.publicUrl;
}

/** A request's staff page: the only link a message to staff or a cluster carries. */
export const staffRequestUrl = (reference: string) => `${publicBaseUrl()}/requests/${encodeURIComponent(reference)}`;

const factsSelect = { reference: true, title: true, email: true, category: true, urgency: true, region: true, triageDueAt: true } as const;

async function requestFacts(tx: Tx, requestId: string) {
  return tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: { ...factsSelect, enterpriseName: true, owner: { select: { id: true, email: true, active: true } } },
  });
}

const userRecipient = (user: { id: string; email: string }): Recipient => ({ email: user.email, userId: user.id });

/** Active coordinators; the admins when there is no coordinator, so nobody misses a returned request. */
async function coordinators(tx: Tx): Promise<Recipient[]> {
  const select = { id: true, email: true } as const;
  const found = await tx.user.findMany({ where: { role: "COORDINATOR", active: true }, select });
  if (found.length) return found.map(userRecipient);
  return (await tx.user.findMany({ where: { role: "ADMIN", active: true }, select })).map(userRecipient);
}

async function clusterFacts(tx: Tx, clusterId: string) {
  return tx.cluster.findUniqueOrThrow({
    where: { id: clusterId },
    select: { nameUk: true, nameEn: true, contactEmail: true, members: { where: { active: true }, select: { id: true, email: true } } },
  });
}

/**
 * Who looks after a request when the enterprise acts: its owner (all active coordinators while
 * it has none, or its owner's account is inactive), the assigned cluster's active members, and
 * for an answer whoever asked the question (a coordinator or a cluster member).
 */
async function caretakers(
  tx: Tx,
  {
    requestId,
    owner,
    clusterId,
    asker,
  }: { requestId: string; owner: { id: string; email: string; active: boolean } | null; clusterId: readonly string[]; asker: boolean },
) {
  const recipients: Recipient[] = owner?.active ? [userRecipient(owner)] : await coordinators(tx);
  for (const each of clusterId) recipients.push(...(await clusterFacts(tx, each)).members.map(userRecipient));
  if (asker) {
    const asked = await infoAskerInTx(tx, requestId);
    if (asked?.active) recipients.push(userRecipient(asked));
  }
  return recipients;
}

export type EnqueueForTransitionOptions = {
  requestId: string;
  action: Action;
  /** The transition's message: the question (requestInfo), the outcome (resolve), the reason (decline). */
  message?: string | null;
  /** What the transition changed, field by field. */
  changes?: FieldChange[];
  /** The cluster the transition concerns: the new one for assign, the one it had before for any other. */
  clusterId?: string | null;
  /** The clusters holding the request's lines before it (its caretakers, told of the enterprise's actions). */
  lineClusterIds?: readonly string[];
  now: Date;
};

/**
 * Writes the messages a transition announces; call it inside the transition's transaction.
 * Which action announces what to whom: ./announcements.ts. "submit" writes nothing here:
 * intake writes "request received" itself, since only intake knows the private link (the
 * database keeps only the token's hash). Returns how many rows.
 */
export async function enqueueForTransition(
  tx: Tx,
  { requestId, action, message, changes = [], clusterId = null, lineClusterIds = clusterId ? [clusterId] : [], now }: EnqueueForTransitionOptions,
) {
  const text = message?.trim() ?? "";
  const drafts: Draft[] = [];
  const enterpriseKind = enterpriseNoticeFor(action);
  const staffKind = staffNoticeForEnterpriseAction(action);
  if (enterpriseKind || staffKind || action === "assign" || action === "decline" || action === "acceptTimeout") {
    const r = await requestFacts(tx, requestId);
    const requestUrl = staffRequestUrl(r.reference);
    if (enterpriseKind) {
      drafts.push({
        kind: enterpriseKind,
        recipients: [{ email: r.email }],
        params: { reference: r.reference, title: r.title, message: text, changes: publicChanges(changes) },
      });
    }
    if (staffKind) {
      drafts.push({
        kind: staffKind,
        recipients: await caretakers(tx, { requestId, owner: r.owner, clusterId: lineClusterIds, asker: staffKind === "infoProvided" }),
        params: { reference: r.reference, title: r.title, requestUrl, enterpriseName: r.enterpriseName, message: text },
      });
    }
    if (action === "assign" && clusterId) {
      const cluster = await clusterFacts(tx, clusterId);
      drafts.push({
        kind: "assigned",
        recipients: [{ email: cluster.contactEmail ?? "" }, ...cluster.members.map(userRecipient)],
        params: { reference: r.reference, title: r.title, category: r.category, urgency: r.urgency, region: r.region, requestUrl },
      });
    }
    if (action === "decline" || action === "acceptTimeout") {
      const c = clusterId ? await clusterFacts(tx, clusterId) : null;
      const cluster = c ? { uk: c.nameUk, en: c.nameEn } : { uk: "—", en: "—" };
      const recipients = await coordinators(tx);
      drafts.push(
        action === "decline"
          ? { kind: "declined", recipients, params: { ...r, cluster, reason: text, requestUrl } }
          : { kind: "notAcceptedInTime", recipients, params: { ...r, cluster, requestUrl } },
      );
    }
  }
  return write(tx, requestId, now, drafts);
}

/** "Request received", with the private link: called by intake, which alone knows the token. */
export function enqueueRequestReceived({
  requestId,
  statusUrl,
  now,
  facts,
}: {
  requestId: string;
  statusUrl: string;
  now: Date;
  facts: { [K in keyof typeof factsSelect]: Awaited<ReturnType<typeof requestFacts>>[K] };
}) {
  // Intake passes what it has just written: no read on the busiest path.
  return insertNotifications(requestId, now, [{ kind: "requestReceived", recipients: [{ email: facts.email }], params: { ...facts, statusUrl } }]);
}

/**
 * "A new link to your request's page", with the new private link: written by the rotation
 * (status-links.server.ts), which alone knows the new token.
 */
export async function enqueueStatusLinkRenewed(
  tx: Tx,
  { requestId, statusUrl, by, now }: { requestId: string; statusUrl: string; by: "enterprise" | "staff"; now: Date },
) {
  const r = await requestFacts(tx, requestId);
  const lostLinkUrl = `${publicBaseUrl()}/s/lost`;
  return write(tx, requestId, now, [{ kind: "statusLinkRenewed", recipients: [{ email: r.email }], params: { ...r, statusUrl, by, lostLinkUrl } }]);
}

type AccountMessage =
  | { kind: "passwordReset"; params: Omit<NotificationParams["passwordReset"], "forgotUrl"> }
  | { kind: "passwordChanged"; params: Omit<NotificationParams["passwordChanged"], "forgotUrl"> };

/** A message about a staff member's own account (a reset link, a changed password); no request. */
export async function enqueueAccountMessage(tx: Tx, message: AccountMessage & { recipient: string; now: Date }) {
  const forgotUrl = `${publicBaseUrl()}/forgot-password`;
  // No user id: a person's notification choices never hold back or mute a message about their access.
  const recipients = [{ email: message.recipient }];
  const draft: Draft =
    message.kind === "passwordReset"
      ? { kind: "passwordReset", recipients, params: { ...message.params, forgotUrl } }
      : { kind: "passwordChanged", recipients, params: { ...message.params, forgotUrl } };
  return write(tx, null, message.now, [draft]);
}

export type DeliveryOptions = {
  now?: Date;
  /** At most this many messages per run. */
  limit?: number;
  /** Defaults to the configured transport (SMTP or .eml files); tests pass their own. */
  transport?: MailTransport;
};

export type DeliveryReport = { sent: number; retrying: number; failed: number };

/**
 * Claims one due message for this deliverer: moves its next attempt forward by a lease and
 * counts the try, only if it is still PENDING and due. Two deliverers racing for the same row
 * both run this UPDATE; exactly one changes a row. A deliverer that dies mid-send leaves the
 * row PENDING, and it is tried again when the lease ends (at-least-once, never lost).
 */
async function claim(id: string, now: Date) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { id, status: "PENDING", nextAttemptAt: { lte: now } },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS), attempts: { increment: 1 } },
    });
    if (count !== 1) return null;
    return tx.notification.findUniqueOrThrow({
      where: { id },
      select: { id: true, recipient: true, subject: true, body: true, attempts: true },
    });
  });
}

/** Sends the PENDING messages that are due, oldest due first; each outcome is recorded on its row. */
export async function deliverDueNotifications({ now = new Date(), limit = 50, transport = mailTransport() }: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const due = await db.notification.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) {
    const message = await claim(id, now);
    if (!message) continue; // another deliverer has it
    // Only the claim that was counted may record the outcome.
    const mine = { id, status: "PENDING" as const, attempts: message.attempts };
    try {
      await transport.send({ id, to: message.recipient, subject: message.subject, text: message.body, date: now });
    } catch (error) {
      const gaveUp = message.attempts >= MAX_ATTEMPTS;
      await db.$transaction((tx) =>
        tx.notification.updateMany({
          where: mine,
          data: {
            lastError: describeError(error),
            ...(gaveUp ? { status: "FAILED" } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)) }),
          },
        }),
      );
      if (gaveUp) report.failed++;
      else report.retrying++;
      continue;
    }
    await db.$transaction((tx) => tx.notification.updateMany({ where: mine, data: { status: "SENT", sentAt: now, lastError: null } }));
    report.sent++;
  }
  return report;
}

function describeError(error: unknown) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

/** Puts a FAILED message back in the queue with a fresh series of tries. False if it was not FAILED. */
export async function retryNotification({ id, now = new Date() }: { id: string; now?: Date }) {
  const { count } = await db.$transaction((tx) =>
    tx.notification.updateMany({ where: { id, status: "FAILED" }, data: { status: "PENDING", attempts: 0, nextAttemptAt: now } }),
  );
  return count === 1;
}

export type OutboxListOptions = { status?: NotificationStatus; page: number };

/** The admin's view of the outbox, newest first; bodies stay on the server (they hold private links). */
export async function listNotifications({ status, page }: OutboxListOptions) {
  const where = status ? { status } : {};
  const [total, rows, byStatus] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        recipient: true,
        subject: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        createdAt: true,
        sentAt: true,
        request: { select: { reference: true } },
      },
    }),
    db.notification.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts = { PENDING: 0, SENT: 0, FAILED: 0 } as Record<NotificationStatus, number>;
  for (const group of byStatus) counts[group.status] = group._count._all;
  return {
    rows,
    total,
    counts,
    page,
    perPage: OUTBOX_PAGE_SIZE,
    totalPages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    transport: mailTransport().kind,
  };
}

/**
 * Writes one daily digest e-mail with the id `id` (the digest's entries point at it), inside the
 * digest's transaction.
 */
export function enqueueDigest({ id, email, params, now }: { id: string; email: string; params: NotificationParams["digest"]; now: Date }) {
  const { subject, body } = renderBilingual("digest", params);
  return insertNotification({
    id,
    requestId: null,
    kind: "digest",
    recipient: email.trim().toLowerCase(),
    locale: LOCALE,
    subject,
    body,
    nextAttemptAt: now,
    createdAt: now,
  });
}
