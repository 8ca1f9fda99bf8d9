// An event's field-by-field changes ("Терміновість: Висока → Критична"), in the page's language.
import type { FieldChange } from "~/domain/requests/field-changes";
import { fieldLabelKey, fieldValueText, isSensitiveChange } from "~/i18n/field-change-text";
import { useLocale } from "~/i18n/use-locale";

/**
 * `publicOnly` (the enterprise's page, given publicChanges()): a sensitive detail only as
 * changed, never its values.
 */
export function EventChanges({
  changes,
  publicOnly = false,
  people = {},
}: {
  changes: FieldChange[];
  publicOnly?: boolean;
  /** Names of the people an owner change names, by user id. */
  people?: Record<string, string>;
}) {
  const { locale, t } = useLocale();
  // A split's or a join's line numbers are in the event's title (lineNumbers).
  const shown = changes.filter((change) => change.field !== "line");
  if (!shown.length) return null;
  // An owner change names people by id: the page gives their names.
  const value = (field: string, code: string | null) => {
    if (field === "owner") return code === null ? t("request.nobody") : (people[code] ?? code);
    return fieldValueText(field, code, locale, t);
  };
  return (
    <ul className="changes">
      {shown.map((change) => {
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
            {label}: <del>{value(change.field, change.from)}</del> → <ins>{value(change.field, change.to)}</ins>
          </li>
        );
      })}
    </ul>
  );
}
