// What counts as the enterprise's activity for "unread" (pure; the marks: ./unread.server.ts).

type EventLike = { actorType: string; action: string; createdAt: string | Date };

/** Anything the enterprise did after filing: a message, an answer, a reopening, a confirmation. */
function isEnterpriseActivity(event: EventLike) {
  return event.actorType === "ENTERPRISE" && event.action !== "submit";
}

/** The time of the latest such activity among `events`, or null. */
export function lastEnterpriseActivity(events: readonly EventLike[]): Date | null {
  let last: Date | null = null;
  for (const event of events) {
    if (!isEnterpriseActivity(event)) continue;
    const at = new Date(event.createdAt);
    if (!last || at > last) last = at;
  }
  return last;
}

/** The enterprise's entries a person had not seen when they opened the page (since their mark began). */
export function isNewToViewer(event: EventLike, unreadSince: string | Date | null) {
  return unreadSince !== null && isEnterpriseActivity(event) && new Date(event.createdAt) >= new Date(unreadSince);
}
