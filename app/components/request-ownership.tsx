// Who owns the request, on its page: "take it" (any coordinator or admin) and "hand over" (the
// owner, or an admin) with a note, both state-machine actions posted with the version the page
// showed. Plain posts without JavaScript; a refused one comes back with what was typed.
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { SelectField, TextareaField } from "./forms";

type Person = { id: string; name: string };

function Refusals({ errors }: { errors?: string[] }) {
  const { t } = useLocale();
  if (!errors?.length) return null;
  return (
    <p className="notice error" role="alert">
      {errors.map((e) => (e === "CONFLICT" ? t("request.conflict") : t(`refusal.${e}` as MessageKey))).join(" ")}
    </p>
  );
}

export function OwnershipActions({
  request: { owner, version, actions },
  viewerId,
  people,
  lastResult,
}: {
  request: { owner: Person | null; version: number; actions: readonly string[] };
  viewerId: string;
  /** Who may be given the request: active coordinators and admins. */
  people: Person[];
  /** The reply to a refused take or hand-over. */
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useLocale();
  const navigation = useNavigation();
  const intent = lastResult?.initialValue?.intent;
  const [takeForm] = useForm({ id: "action-take", lastResult: intent === "take" ? lastResult : undefined });
  const [handOverForm, fields] = useForm<{ ownerId: string; message: string }>({
    id: "action-handOver",
    lastResult: intent === "handOver" ? lastResult : undefined,
  });
  const submitting = navigation.state === "submitting";
  const canTake = actions.includes("take");
  const canHandOver = actions.includes("handOver");
  if (!canTake && !canHandOver && owner?.id !== viewerId) return null;

  return (
    <div className="panel">
      {owner?.id === viewerId ? <p>{t("ownership.mine")}</p> : null}
      {canTake ? (
        <Form method="post" {...getFormProps(takeForm)}>
          <input type="hidden" name="intent" value="take" />
          <input type="hidden" name="version" value={version} />
          <Refusals errors={takeForm.errors} />
          <p className="hint">{t("ownership.take.hint")}</p>
          <button type="submit" className="secondary" disabled={submitting}>
            {t("action.take")}
          </button>
        </Form>
      ) : null}
      {canHandOver ? (
        <details className="action" open={intent === "handOver" || undefined}>
          <summary>{t("action.handOver")}</summary>
          <Form method="post" {...getFormProps(handOverForm)} noValidate>
            <input type="hidden" name="intent" value="handOver" />
            <input type="hidden" name="version" value={version} />
            <Refusals errors={handOverForm.errors} />
            <SelectField
              meta={fields.ownerId}
              label={t("ownership.handOver.to")}
              required
              placeholder={t("form.choose")}
              options={people.filter((p) => p.id !== owner?.id).map((p) => ({ value: p.id, label: p.name }))}
            />
            <TextareaField meta={fields.message} label={t("ownership.handOver.note")} required rows={3} />
            <button type="submit" className="primary" disabled={submitting}>
              {t("action.handOver")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
