// The admin's record's URL: who, what kind, which days, which page. Lenient: a bad value
// falls back to "any" (or page 1), so a hand-edited or old link still opens the page.
import { z } from "zod";
import { AUDIT_SUBJECT_TYPES } from "~/domain/admin/audit";
import { kyivMidnight } from "~/domain/sla/iso-week";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => {
    const [y, m, d] = text.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 9999;
  })
  .optional()
  .catch(undefined);

const AuditParamsSchema = z.object({
  /** A user's id, or "none" for the command line. */
  actor: z.string().trim().min(1).max(100).optional().catch(undefined),
  kind: z.enum(AUDIT_SUBJECT_TYPES).optional().catch(undefined),
  /** Kyiv calendar days, both inclusive. */
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditParams = z.output<typeof AuditParamsSchema>;

export function readAuditParams(search: URLSearchParams): AuditParams {
  return AuditParamsSchema.parse(Object.fromEntries(search));
}

function midnightOf(text: string, plusDays = 0) {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  return kyivMidnight(y, m, d + plusDays);
}

/** The filter as the domain takes it: the days as instants, from Kyiv midnight to the midnight after the last day. */
export function auditFilterOf({ actor, kind, from, to }: AuditParams) {
  return {
    actor,
    subjectType: kind,
    from: from ? midnightOf(from) : undefined,
    to: to ? midnightOf(to, 1) : undefined,
  };
}

/** The URL's search string for a filter and page (defaults left out). */
export function auditSearch({ actor, kind, from, to, page }: Partial<AuditParams>) {
  const search = new URLSearchParams();
  if (actor) search.set("actor", actor);
  if (kind) search.set("kind", kind);
  if (from) search.set("from", from);
  if (to) search.set("to", to);
  if (page && page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `?${text}` : "";
}
