// The outbox page's URL and forms. The URL reader is lenient (a bad value falls back to the
// default); the action schema is strict.
import { z } from "zod";

export const NOTIFICATION_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
export type NotificationStatusFilter = (typeof NOTIFICATION_STATUSES)[number];

const count = z.coerce.number().int().min(0).max(100_000).optional().catch(undefined);

const OutboxParamsSchema = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** The outcome of "send due now", carried through the redirect. */
  sent: count,
  retrying: count,
  failed: count,
  retried: z.literal("1").optional().catch(undefined),
});

export type OutboxParams = z.output<typeof OutboxParamsSchema>;

export function readOutboxParams(search: URLSearchParams): OutboxParams {
  return OutboxParamsSchema.parse(Object.fromEntries(search));
}

/** The page's URL for a filter and page (page 1 and "all" are left out). */
export function outboxSearch({ status, page }: { status?: NotificationStatusFilter; page?: number }, extra: Record<string, string | number> = {}) {
  const search = new URLSearchParams();
  if (status) search.set("status", status);
  if (page && page > 1) search.set("page", String(page));
  for (const [key, value] of Object.entries(extra)) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const OutboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("deliver") }),
]);
