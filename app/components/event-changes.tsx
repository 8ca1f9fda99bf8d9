// An event's field-by-field changes ("Терміновість: Висока → Критична"), in the page's language.
import type { FieldChange } from "~/domain/field-changes";
import { fieldLabelKey, fieldValueText, isSensitiveChange } from "~/i18n/field-change-text";
import { useLocale } from "~/i18n/use-locale";

/**
 * `publicOnly` (the enterprise's page, given publicChanges()): a sensitive detail only as
 * changed, never its values.
 */
export function EventChanges({ changes, publicOnly = false }: { changes: FieldChange[]; publicOnly?: boolean }) {
  const { locale, t } = useLocale();
  if (!changes.length) return null;
  return (
    <ul className="changes">
      {changes.map((change) => {
        const key = fieldLabelKey(change.field);
        const label = key ? t(key) : change.field;
        if (publicOnly && isSensitiveChange(change)) {
          return (
            <li key={change.field}>
              {label}: {t("change.changed")}
            </li>
          );
        }
        return (
          <li key={change.field}>
            {label}: <del>{fieldValueText(change.field, change.from, locale)}</del> → <ins>{fieldValueText(change.field, change.to, locale)}</ins>
          </li>
        );
      })}
    </ul>
  );
}
