// The daily digest: for each person with entries waiting (their choice for some kinds of
// notification is "daily digest", see ./notification-preferences.ts), one e-mail after 08:00
// Kyiv time listing what happened before it, request by request, with links. Run by the
// scheduler every minute: once a day's digest is claimed (DigestRun, one row per person and
// Kyiv day), a second run, or a second runner at the same moment, sends nothing more.
import type { StaffNoticeKind } from "./notification-templates";
import { db, inTransaction } from "~/data/db.server";
import { newId } from "~/utils/ids.server";
import { attachDigestEntries, claimDigestRun, releaseDigestRun } from "~/data/outbox.server";
import { dueDigest } from "./digest-schedule";
import { enqueueDigest, publicBaseUrl, staffRequestUrl } from "./notifications.server";

/** Where a person chooses how notifications reach them. */
const NOTIFICATION_SETTINGS_PATH = "/account/notifications";

/** Sends every digest due at `now`. Returns how many were written to the outbox. */
export async function sendDueDigests({ now = new Date() }: { now?: Date } = {}) {
  const { day, cutoff } = dueDigest(now);
  // People with entries waiting from before the cutoff whose day is not claimed yet: after the
  // day's digests, a tick reads this and writes nothing.
  const waiting = await db.digestEntry.findMany({
    where: { digestId: null, createdAt: { lt: cutoff }, user: { digestRuns: { none: { day } } } },
    distinct: ["userId"],
    select: { userId: true },
  });
  let sent = 0;
  for (const { userId } of waiting) if (await sendDigest({ userId, day, cutoff, now })) sent += 1;
  return sent;
}

async function sendDigest({ userId, day, cutoff, now }: { userId: string; day: string; cutoff: Date; now: Date }) {
  return db.$transaction(async (tx) => {
    const id = newId(now.getTime());
    // The claim comes first, so this transaction takes the write lock before it reads anything:
    // a runner that claims later finds the day taken and stops.
    if (!(await inTransaction(tx, claimDigestRun({ userId, day, notificationId: id, createdAt: now })))) return false;

    const [user, entries] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { email: true, active: true } }),
      tx.digestEntry.findMany({
        where: { userId, digestId: null, createdAt: { lt: cutoff } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { kind: true, excerpt: true, createdAt: true, request: { select: { reference: true, title: true } } },
      }),
    ]);
    if (!user?.active || entries.length === 0) {
      // Nothing to send (an account switched off meanwhile keeps its entries).
      await inTransaction(tx, releaseDigestRun({ userId, day }));
      return false;
    }
    const requests = new Map<
      string,
      { reference: string; title: string; requestUrl: string; events: { at: Date; kind: StaffNoticeKind; excerpt: string | null }[] }
    >();
    for (const entry of entries) {
      if (!entry.request) continue;
      const { reference, title } = entry.request;
      let listed = requests.get(reference);
      if (!listed) requests.set(reference, (listed = { reference, title, requestUrl: staffRequestUrl(reference), events: [] }));
      listed.events.push({ at: entry.createdAt, kind: entry.kind as StaffNoticeKind, excerpt: entry.excerpt });
    }
    await inTransaction(
      tx,
      enqueueDigest({
        id,
        email: user.email,
        params: { cutoff, requests: [...requests.values()], settingsUrl: `${publicBaseUrl()}${NOTIFICATION_SETTINGS_PATH}` },
        now,
      }),
    );
    await inTransaction(tx, attachDigestEntries({ digestId: id, userId, before: cutoff }));
    return true;
  });
}
