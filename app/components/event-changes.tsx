// An event's field-by-field changes ("Терміновість: Висока → Критична"), in the page's language.
import type { FieldChange } from "~/domain/field-changes";
import { FIELD_LABEL, fieldValueText } from "~/i18n/field-change-text";
import { useLocale } from "~/i18n/use-locale";

export function EventChanges({ changes }: { changes: FieldChange[] }) {
  const { locale, t } = useLocale();
  if (!changes.length) return null;
  return (
    <ul className="changes">
      {changes.map((change) => (
        <li key={change.field}>
          {FIELD_LABEL[change.field] ? t(FIELD_LABEL[change.field]!) : change.field}:{" "}
          <del>{fieldValueText(change.field, change.from, locale)}</del> → <ins>{fieldValueText(change.field, change.to, locale)}</ins>
        </li>
      ))}
    </ul>
  );
}
