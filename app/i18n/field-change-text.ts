// An event's field-by-field change in words ("Терміновість: Висока → Критична"): the field's
// label as the intake form names it and each value's label, in one language. Shared by the
// request pages (EventChanges) and the e-mails that tell an enterprise what changed.
import type { FieldChange } from "~/domain/requests/field-changes";
import { DUE_TIME_FIELDS, SENSITIVE_PREFIX } from "~/domain/requests/request-corrections";
import { isCategory, isUrgency } from "~/domain/taxonomy";
import { DETAIL_LABEL } from "./detail-labels";
import { type Locale, formatDate, formatDateTime } from "./locale";
import type { MessageKey, Translate } from "./messages";
import { regionName, sectorName } from "./taxonomy-names";

/** The form label of each field an event can change (the same words the intake form uses). */
const FIELD_LABEL: Record<string, MessageKey> = {
  name: "field.enterpriseName",
  enterpriseName: "field.enterpriseName",
  contactName: "field.contactName",
  phone: "field.phone",
  email: "field.email",
  city: "field.city",
  region: "field.region",
  sector: "field.sector",
  naceClass: "field.naceClass",
  category: "field.category",
  urgency: "field.urgency",
  title: "field.title",
  description: "field.description",
  neededBy: "field.neededBy",
  triageDueAt: "request.triageDue",
  resolveDueAt: "request.resolveDue",
  acceptDueAt: "request.acceptDue",
  owner: "request.owner",
};

/** Fields whose values are moments (ISO), and days (YYYY-MM-DD). */
const MOMENTS = new Set<string>(DUE_TIME_FIELDS);
const DAYS = new Set(["neededBy"]);
/** Fields holding region codes, one or a comma-separated list. */
const REGION_FIELDS = new Set(["region", "destinationRegions"]);

/** A sensitive detail's change: shown to the enterprise (pages and e-mails) only as changed. */
export const isSensitiveChange = (change: FieldChange) => change.field.startsWith(SENSITIVE_PREFIX);

/** A change's field as the form names it: a category detail's label, a sensitive detail's too. */
export function fieldLabelKey(field: string): MessageKey | null {
  const detail = field.startsWith(SENSITIVE_PREFIX) ? field.slice(SENSITIVE_PREFIX.length) : field;
  return FIELD_LABEL[field] ?? DETAIL_LABEL[detail] ?? null;
}

/** A stored value (a code) as a reader of `locale` says it; "—" for none. */
export function fieldValueText(field: string, code: string | null, locale: Locale, t: Translate) {
  if (code === null) return "—";
  if (field === "category" && isCategory(code)) return t(`category.${code}`);
  if (field === "urgency" && isUrgency(code)) return t(`urgency.${code}`);
  if (field === "sector") return sectorName(t, code);
  if (REGION_FIELDS.has(field))
    return code
      .split(",")
      .map((region) => regionName(t, region))
      .join(", ");
  if (MOMENTS.has(field)) return formatDateTime(code, locale);
  if (DAYS.has(field)) return formatDate(`${code}T00:00:00Z`, locale);
  return code;
}

function fieldLabelText(field: string, t: Translate) {
  const key = fieldLabelKey(field);
  return key ? t(key) : field;
}

/** One change as a line of plain text, for e-mails: a sensitive detail only as changed. */
export function fieldChangeLine(change: FieldChange, locale: Locale, t: Translate) {
  const label = fieldLabelText(change.field, t);
  if (isSensitiveChange(change)) return `${label}: ${t("change.changed")}`;
  return `${label}: ${fieldValueText(change.field, change.from, locale, t)} → ${fieldValueText(change.field, change.to, locale, t)}`;
}
