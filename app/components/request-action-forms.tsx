// The request page's action forms: one form per state-machine action, posting its intent and
// the version the page showed. Each keeps what was typed and shows its errors after a refused
// post (the page's action answers `{ result }` with conform's reply).
import { type FieldMetadata, type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import type { RequestIntent } from "~/schemas/request-actions";
import { TextareaField } from "./forms";
import { type ReplyTemplateChoice, ReplyTemplatePicker } from "./reply-templates";
import { FILE_LIMITS } from "~/domain/files/rules";
import { FileField } from "./request-files";

/**
 * What the request page's action answers to a post it did not redirect: a refusal, or a reply
 * template filled for the message field (`inserted`, decision 029).
 */
export type RequestActionAnswer = {
  result?: SubmissionResult<string[]>;
  inserted?: { intent: string; text: string; message: string };
  /** The file a refusal of the documents names. */
  refusedFile?: string | null;
};

/**
 * An action form's fields as the form kit (./forms.tsx) takes them: `fields.message` is the
 * message field's label id, error list and posted value. `values` is what the form last posted.
 */
export type FieldsState = {
  fields: Record<string, FieldMetadata>;
  errors: Record<string, string[] | undefined>;
  values: Record<string, string | undefined>;
};

/** One action's form. Keeps what was typed and shows its errors after a refused post. */
export function ActionForm({
  intent,
  version,
  submitLabel,
  quickId,
  withFiles,
  children,
}: {
  intent: RequestIntent;
  version: number;
  submitLabel: string;
  /** Documents may come with it: a multipart form. */
  withFiles?: boolean;
  /** A one-button form beside a recommendation; one per recommended cluster, so ids apart. */
  quickId?: string;
  children?: ReactNode | ((fields: FieldsState) => ReactNode);
}) {
  const actionData = useActionData<RequestActionAnswer>();
  const navigation = useNavigation();
  const { t } = useLocale();
  const mine = actionData?.result?.initialValue?.intent === intent && !quickId ? actionData.result : undefined;
  const [form, fields] = useForm<Record<string, string>>({ id: quickId ? `action-${intent}-${quickId}` : `action-${intent}`, lastResult: mine });
  const errors = (mine?.error ?? {}) as Record<string, string[] | undefined>;
  const values = (mine?.initialValue ?? {}) as Record<string, string | undefined>;
  const formErrors = errors[""];
  return (
    <Form method="post" encType={withFiles ? "multipart/form-data" : undefined} {...getFormProps(form)} noValidate>
      <input type="hidden" name="intent" value={intent} />
      {/* The version this page showed: a later change by someone else makes the post stale. */}
      <input type="hidden" name="version" value={version} />
      {formErrors?.length ? (
        <p className="notice error" role="alert">
          {formErrors.map((e) => (e === "CONFLICT" ? t("request.conflict") : t(`refusal.${e}` as MessageKey))).join(" ")}
        </p>
      ) : null}
      {typeof children === "function" ? children({ fields: fields as Record<string, FieldMetadata>, errors, values }) : children}
      <button type="submit" className={quickId ? "secondary" : "primary"} disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}

/**
 * An action in a disclosure: open when it was just refused or had a reply template inserted, or
 * when `open`. With `replyTemplates`, its message field has the template picker above it.
 */
export function Action({
  intent,
  title,
  version,
  messageLabel,
  open,
  replyTemplates,
  withFiles,
  children,
}: {
  intent: RequestIntent;
  title: string;
  version: number;
  messageLabel?: string;
  open?: boolean;
  replyTemplates?: ReplyTemplateChoice[];
  /** Documents may come with its message (a message to the enterprise, a note). */
  withFiles?: boolean;
  children?: (fields: FieldsState) => ReactNode;
}) {
  const actionData = useActionData<RequestActionAnswer>();
  const refused = actionData?.result?.initialValue?.intent === intent;
  // Without JavaScript, "insert" comes back as the page with what was typed and the filled text.
  const inserted = actionData?.inserted?.intent === intent ? actionData.inserted.message : undefined;
  const { t } = useLocale();
  return (
    <details className="action" open={open || refused}>
      <summary>{title}</summary>
      <ActionForm intent={intent} version={version} submitLabel={title} withFiles={withFiles}>
        {(fields) =>
          children ? (
            children(fields)
          ) : messageLabel ? (
            <>
              {replyTemplates ? <ReplyTemplatePicker intent={intent} templates={replyTemplates} errors={fields.errors.replyTemplate} /> : null}
              <MessageField meta={fields.fields.message!} label={messageLabel} defaultValue={inserted} />
              {withFiles ? (
                <FileField
                  id={`action-${intent}-file`}
                  name="file"
                  label={t("files.message.label")}
                  hint={`${t("files.limits", FILE_LIMITS)} ${intent === "note" ? `${t("files.note.internal")} ` : ""}${t("files.message.noKeep")}`}
                  errors={fields.errors.file}
                  refusedFile={refused ? actionData?.refusedFile : null}
                />
              ) : null}
            </>
          ) : null
        }
      </ActionForm>
    </details>
  );
}

/** The message (or reason, or question) of an action. */
export function MessageField({ meta, label, defaultValue }: { meta: FieldMetadata; label: string; defaultValue?: string }) {
  return <TextareaField meta={meta} label={label} rows={4} defaultValue={defaultValue} />;
}
