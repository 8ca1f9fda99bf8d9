// Questions to the enterprise and their answers, read from a request's timeline: who asked what
// and when, and how the wait ended (the enterprise's answer, or staff going on without one).
// Pure: the request page shows it, and info-requests.server.ts finds the asker for messages.

type TimelineEvent = {
  action: string;
  message: string | null;
  createdAt: Date | string;
  toStatus: string | null;
  actorUserId: string | null;
  actor: { name: string } | null;
};

export type InfoExchange = {
  question: { message: string | null; askedAt: Date | string; askedBy: { id: string; name: string } | null };
  /** How the wait ended; null while it lasts. */
  ending: { action: "provideInfo" | "resumeWithoutReply"; message: string | null; at: Date | string } | null;
  /** The wait ended with the enterprise's answer and nothing has moved the request since. */
  freshAnswer: boolean;
};

const WAIT_ENDINGS = ["provideInfo", "resumeWithoutReply"] as const;

/** The latest question on the timeline (events oldest first), or null if none was ever asked. */
export function latestInfoExchange(events: readonly TimelineEvent[]): InfoExchange | null {
  const asked = events.findLastIndex((event) => event.action === "requestInfo");
  if (asked < 0) return null;
  const question = events[asked]!;
  const later = events.slice(asked + 1);
  const endingIndex = later.findIndex((event) => event.toStatus !== null);
  const end = endingIndex < 0 ? null : later[endingIndex]!;
  const endedBy = WAIT_ENDINGS.find((action) => action === end?.action);
  const ending = end && endedBy ? { action: endedBy, message: end.message, at: end.createdAt } : null;
  return {
    question: {
      message: question.message,
      askedAt: question.createdAt,
      askedBy: question.actorUserId && question.actor ? { id: question.actorUserId, name: question.actor.name } : null,
    },
    ending,
    freshAnswer: ending?.action === "provideInfo" && !later.slice(endingIndex + 1).some((event) => event.toStatus !== null),
  };
}
