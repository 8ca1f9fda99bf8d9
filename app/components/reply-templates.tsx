// Canned replies on the page: the admin's fields for one template, and the picker that inserts a
// template into a message or question on a request's page. Without JavaScript the picker's
// button posts the form, and the page comes back with the filled text after what was typed;
// with JavaScript the same post goes through a fetcher and the text is added in place, so
// nothing typed meanwhile is lost (decision 029).
import type { FieldMetadata } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorList, TextField, TextareaField } from "~/components/forms";
import { replyChoice, withReply } from "~/domain/notifications/reply-templates";
import { useLocale } from "~/i18n/use-locale";
import { INSERT_REPLY } from "~/schemas/reply-templates";

type Meta = FieldMetadata;

export function ReplyTemplateFields({ fields }: { fields: { nameUk: Meta; nameEn: Meta; bodyUk: Meta; bodyEn: Meta } }) {
  const { t } = useLocale();
  return (
    <>
      <TextField meta={fields.nameUk} label={t("replies.nameUk")} required autoComplete="off" />
      <TextareaField meta={fields.bodyUk} label={t("replies.bodyUk")} hint={t("replies.placeholders")} required rows={6} />
      <TextField meta={fields.nameEn} label={t("replies.nameEn")} required autoComplete="off" />
      <TextareaField meta={fields.bodyEn} label={t("replies.bodyEn")} hint={t("replies.placeholders")} required rows={6} />
    </>
  );
}

export type ReplyTemplateChoice = { id: string; nameUk: string; nameEn: string };

type InsertAnswer = { inserted?: { intent: string; text: string }; result?: { error?: Record<string, string[] | undefined> } };

/** A template list and an "insert" button, inside the form of a message or question (`intent`). */
export function ReplyTemplatePicker({ intent, templates, errors }: { intent: string; templates: ReplyTemplateChoice[]; errors?: string[] }) {
  const { t } = useLocale();
  const fetcher = useFetcher<InsertAnswer>();
  const box = useRef<HTMLDivElement>(null);
  const handled = useRef<unknown>(null);

  useEffect(() => {
    const answer = fetcher.data;
    if (fetcher.state !== "idle" || !answer?.inserted || handled.current === answer) return;
    handled.current = answer;
    const field = box.current?.closest("form")?.elements.namedItem("message");
    if (!(field instanceof HTMLTextAreaElement)) return;
    // What is in the field now, typed while the text was on its way, stays.
    field.value = withReply(field.value, answer.inserted.text);
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [fetcher.state, fetcher.data]);

  if (!templates.length) return null;
  const shownErrors = fetcher.data?.result?.error?.replyTemplate ?? errors;
  const id = `reply-template-${intent}`;
  return (
    <div className="field reply-picker" ref={box}>
      <label htmlFor={id}>{t("replies.pick")}</label>
      <div className="inline">
        <select id={id} name="replyTemplate" defaultValue="" aria-invalid={shownErrors?.length ? true : undefined}>
          <option value="">{t("form.choose")}</option>
          <optgroup label={t("replies.inUkrainian")}>
            {templates.map((template) => (
              <option key={template.id} value={replyChoice(template.id, "uk")}>
                {template.nameUk}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("replies.inEnglish")}>
            {templates.map((template) => (
              <option key={template.id} value={replyChoice(template.id, "en")} lang="en">
                {template.nameEn}
              </option>
            ))}
          </optgroup>
        </select>
        <button
          type="submit"
          name={INSERT_REPLY}
          value="1"
          className="secondary"
          disabled={fetcher.state !== "idle"}
          onClick={(event) => {
            const form = event.currentTarget.form;
            if (!form) return;
            event.preventDefault();
            const formData = new FormData(form);
            formData.set(INSERT_REPLY, "1");
            fetcher.submit(formData, { method: "post" });
          }}
        >
          {t("replies.insert")}
        </button>
      </div>
      <ErrorList errors={shownErrors} />
    </div>
  );
}
