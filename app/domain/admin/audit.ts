// The admin's record, pure part: what kinds of change are recorded and how an entry's
// "before → after" reads field by field. The writes and reads are in audit.server.ts.

/**
 * The kinds of thing an administrative change concerns (the audit page's "what" filter).
 * A new kind of administrative change adds its subject type here and its label in
 * app/i18n/messages/audit.ts (`audit.subject.<type>`).
 */
export const AUDIT_SUBJECT_TYPES = ["user", "cluster", "template", "request", "report"] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/** A recorded value: what JSON holds. */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };
export type AuditSnapshot = Record<string, AuditValue>;

export type AuditFieldChange = { field: string; before: AuditValue | undefined; after: AuditValue | undefined };

const same = (a: AuditValue | undefined, b: AuditValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an entry changed, in the order the snapshots list them: every field of a creation
 * (nothing before), every field of a removal, and for an edit only the fields that differ.
 */
export function auditFieldChanges(before: AuditSnapshot | null, after: AuditSnapshot | null): AuditFieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => ({ field, before: before?.[field], after: after?.[field] })).filter((change) => !same(change.before, change.after));
}

/** A stored snapshot read back; anything that is not a JSON object reads as nothing. */
export function parseAuditSnapshot(text: string | null): AuditSnapshot | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as AuditSnapshot) : null;
  } catch {
    return null;
  }
}
