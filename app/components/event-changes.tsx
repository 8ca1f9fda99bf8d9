// An event's field-by-field changes ("Терміновість: Висока → Критична"), in the page's language.
import type { FieldChange } from "~/domain/field-changes";
import { CATEGORY_LABELS, URGENCY_LABELS, isCategory, isUrgency, regionLabel } from "~/domain/taxonomy";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";

/** The form label of each field an event can change (the same words the intake form uses). */
const FIELD_LABEL: Record<string, MessageKey> = {
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

export function EventChanges({ changes }: { changes: FieldChange[] }) {
  const { locale, t } = useLocale();
  if (!changes.length) return null;
  const value = (field: string, code: string | null) => {
    if (code === null) return "—";
    if (field === "category" && isCategory(code)) return CATEGORY_LABELS[code][locale];
    if (field === "urgency" && isUrgency(code)) return URGENCY_LABELS[code][locale].split(" — ")[0];
    if (field === "region") return regionLabel(code, locale);
    return code;
  };
  return (
    <ul className="changes">
      {changes.map((change) => (
        <li key={change.field}>
          {FIELD_LABEL[change.field] ? t(FIELD_LABEL[change.field]!) : change.field}: <del>{value(change.field, change.from)}</del> →{" "}
          <ins>{value(change.field, change.to)}</ins>
        </li>
      ))}
    </ul>
  );
}
