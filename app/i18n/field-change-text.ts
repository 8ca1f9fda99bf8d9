// An event's field-by-field change in words ("Терміновість: Висока → Критична"): the field's
// label as the intake form names it and each value's label, in one language. Shared by the
// request pages (EventChanges) and the e-mails that tell an enterprise what changed.
import type { FieldChange } from "~/domain/field-changes";
import { CATEGORY_LABELS, URGENCY_LABELS, isCategory, isUrgency, regionLabel } from "~/domain/taxonomy";
import type { Locale } from "./locale";
import { type MessageKey, translate } from "./messages";

/** The form label of each field an event can change (the same words the intake form uses). */
export const FIELD_LABEL: Record<string, MessageKey> = {
  name: "field.enterpriseName",
  contactName: "field.contactName",
  phone: "field.phone",
  email: "field.email",
  city: "field.city",
  region: "field.region",
  category: "field.category",
  urgency: "field.urgency",
  title: "field.title",
  description: "field.description",
  neededBy: "field.neededBy",
};

/** A stored value (a code) as a reader of `locale` says it; "—" for none. */
export function fieldValueText(field: string, code: string | null, locale: Locale) {
  if (code === null) return "—";
  if (field === "category" && isCategory(code)) return CATEGORY_LABELS[code][locale];
  if (field === "urgency" && isUrgency(code)) return URGENCY_LABELS[code][locale].split(" — ")[0]!;
  if (field === "region") return regionLabel(code, locale);
  return code;
}

export function fieldLabelText(field: string, locale: Locale) {
  const key = FIELD_LABEL[field];
  return key ? translate(locale, key) : field;
}

/** One change as a line of plain text, for e-mails. */
export function fieldChangeLine(change: FieldChange, locale: Locale) {
  return `${fieldLabelText(change.field, locale)}: ${fieldValueText(change.field, change.from, locale)} → ${fieldValueText(change.field, change.to, locale)}`;
}
