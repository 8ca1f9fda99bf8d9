// "What changed, field by field": the shape an event records (RequestEvent.changes) and the
// rule that finds the changes between two versions of the same fields.

/** One field's change, with stored values (codes, not labels). */
export type FieldChange = { field: string; from: string | null; to: string | null };

const asText = (value: unknown) => (value === null || value === undefined || value === "" ? null : String(value));

/** The fields among `fields` whose value differs between `before` and `after`, in that order. */
export function fieldChanges<F extends string>(before: Partial<Record<F, unknown>>, after: Partial<Record<F, unknown>>, fields: readonly F[]): FieldChange[] {
  return fields.map((field) => ({ field, from: asText(before[field]), to: asText(after[field]) })).filter((change) => change.from !== change.to);
}

/** An event's stored changes; anything unreadable reads as none. */
export function parseChanges(json: string | null | undefined): FieldChange[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter((c): c is FieldChange => typeof c === "object" && c !== null && typeof (c as FieldChange).field === "string");
  } catch {
    return [];
  }
}

/**
 * The line numbers a split or a join records (its "line" change), as the event's title names
 * them: a split's new line; a join's joined line and the one it went into.
 */
export function lineNumbers(action: string, changes: readonly FieldChange[]): Record<string, string> {
  const line = changes.find((change) => change.field === "line");
  if (!line) return {};
  return action === "joinLines" ? { line: line.from ?? "", into: line.to ?? "" } : { line: line.to ?? "" };
}
