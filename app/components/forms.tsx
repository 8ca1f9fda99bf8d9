// Form fields that carry their own label, hint, error list, aria-invalid and aria-describedby.
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useLocale } from "~/i18n/use-locale";

type Meta = FieldMetadata;

/**
 * A field's errors, announced as they appear. One paragraph each: a list given role="alert"
 * is no list any more, and its items are left outside one.
 */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const { tError } = useLocale();
  if (!errors?.length) return null;
  return (
    <div id={id} className="errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{tError(e)}</p>
      ))}
    </div>
  );
}

/**
 * The errors of the form as a whole (not of one field). With `failed` and no such errors, a
 * notice that some fields need fixing (their own errors stand beside them). `data-form-notice`
 * marks it for a page's browser script, which says its own things there.
 */
export function FormErrors({ form, failed = false }: { form: { errorId: string; errors?: string[] }; failed?: boolean }) {
  const { t } = useLocale();
  if (form.errors?.length)
    return (
      <div className="notice error" data-form-notice="">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
    );
  if (!failed) return null;
  return (
    <p className="notice error" role="alert" data-form-notice="">
      {t("form.fixErrors")}
    </p>
  );
}

function describedBy(meta: Meta, hint?: ReactNode) {
  const ids = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Label({ meta, label, required }: { meta: Meta; label: ReactNode; required?: boolean }) {
  return (
    <label htmlFor={meta.id}>
      {label}
      {required ? " *" : null}
    </label>
  );
}

function Hint({ meta, hint }: { meta: Meta; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={meta.descriptionId}>
      {hint}
    </p>
  ) : null;
}

type Common = { meta: Meta; label: ReactNode; hint?: ReactNode; required?: boolean };
/** What the field shows at first when it is not what the form last posted (e.g. the record's current value). */
type Initial = { defaultValue?: string };

export function TextField({
  meta,
  label,
  hint,
  required,
  type = "text",
  autoComplete,
  inputMode,
  defaultValue,
}: Common &
  Initial & {
    type?: "text" | "email" | "tel" | "date" | "password";
    autoComplete?: string;
    inputMode?: "numeric" | "decimal" | "tel" | "email" | "text";
  }) {
  const { key, ...props } = getInputProps(meta, { type, ariaDescribedBy: describedBy(meta, hint) });
  return (
    <div className="field">
      <Label meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <input
        key={key}
        {...props}
        defaultValue={defaultValue ?? props.defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-required={required || undefined}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({ meta, label, hint, required, rows, defaultValue }: Common & Initial & { rows?: number }) {
  const { key, ...props } = getTextareaProps(meta, { ariaDescribedBy: describedBy(meta, hint) });
  return (
    <div className="field">
      <Label meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <textarea key={key} {...props} defaultValue={defaultValue ?? props.defaultValue} rows={rows} aria-required={required || undefined} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  required,
  options,
  placeholder,
  multiple,
  defaultValue,
}: Common & Initial & { options: { value: string; label: string }[]; placeholder?: string; multiple?: boolean }) {
  const { key, ...props } = getSelectProps(meta, { ariaDescribedBy: describedBy(meta, hint) });
  return (
    <div className="field">
      <Label meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <select key={key} {...props} defaultValue={defaultValue ?? props.defaultValue} multiple={multiple} aria-required={required || undefined}>
        {placeholder !== undefined && !multiple ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({ meta, label, required }: Common) {
  const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaDescribedBy: describedBy(meta) });
  return (
    <div className="field">
      <div className="checkbox">
        <input key={key} {...props} aria-required={required || undefined} />
        <label htmlFor={meta.id}>
          {label}
          {required ? " *" : null}
        </label>
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
