// The request's lines on its page (decision 055): each need with its category, its cluster and
// its state; the forms that split a need off into a line of its own and join a line back; and
// the line chooser the cluster actions' forms carry on a request of several lines.
import { SelectField, TextareaField } from "~/components/forms";
import { Action, type FieldsState, MessageField } from "~/components/request-action-forms";
import { useLabels } from "~/components/request-labels";
import type { StaffRequest } from "~/domain/requests/requests.server";
import type { Action as StateAction } from "~/domain/requests/state-machine";
import { CATEGORIES } from "~/domain/taxonomy";
import { localName } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";

type Line = StaffRequest["lines"][number];

/** "Line 2 — Logistics": how a form's chooser names a line. */
function useLineName() {
  const { t } = useLocale();
  const label = useLabels();
  return (line: Line) => `${t("lines.line", { n: line.position })} — ${label.category(line.category)}`;
}

/** The chooser of the line a cluster action is for: shown only when the request has several. */
export function LineField({ request, intent, fields }: { request: StaffRequest; intent: StateAction; fields: FieldsState }) {
  const { t } = useLocale();
  const name = useLineName();
  if (request.lines.length < 2) return null;
  const offered = request.lines.filter((line) => line.actions.includes(intent));
  return (
    <>
      <LineVersions request={request} />
      <SelectField
        meta={fields.fields.lineId!}
        label={t("lines.forLine")}
        defaultValue={fields.values.lineId ?? (offered.length === 1 ? offered[0]!.id : undefined)}
        placeholder={t("form.choose")}
        options={offered.map((line) => ({ value: line.id, label: name(line) }))}
      />
    </>
  );
}

/** Each line's version as shown: a cluster action is checked against its own line's (decision 055). */
export function LineVersions({ request }: { request: StaffRequest }) {
  if (request.lines.length < 2) return null;
  return <input type="hidden" name="lineVersions" value={request.lines.map((line) => `${line.id}:${line.version}`).join(" ")} />;
}

/** A cluster action's form on a request of several lines: its line, then its message. */
export function lineActionFields(request: StaffRequest, intent: StateAction, messageLabel: string | null) {
  if (request.lines.length < 2) return undefined;
  function Fields(fields: FieldsState) {
    return (
      <>
        <LineField request={request} intent={intent} fields={fields} />
        {messageLabel ? <MessageField meta={fields.fields.message!} label={messageLabel} /> : null}
      </>
    );
  }
  return Fields;
}

export function LinesPanel({ request, can }: { request: StaffRequest; can: (intent: StateAction) => boolean }) {
  const { locale, t } = useLocale();
  const label = useLabels();
  const name = useLineName();
  const several = request.lines.length > 1;
  if (!several && !can("splitLine")) return null;
  const joinable = request.lines.filter((line) => line.status === "OPEN");
  const targets = request.lines.filter((line) => line.status !== "RESOLVED");
  return (
    <section className="panel" aria-labelledby="lines-title">
      <h2 id="lines-title">{t("lines.title")}</h2>
      <p className="hint">{t("lines.hint")}</p>
      {several ? (
        <ol className="lines">
          {request.lines.map((line) => (
            <li key={line.id} data-testid="request-line">
              <strong>{name(line)}</strong>: {t(`status.lineState.${line.status}` as MessageKey)} —{" "}
              {line.cluster === "OTHER" ? t("lines.otherCluster") : line.cluster ? localName(line.cluster, locale) : t("lines.noCluster")}
              {line.summary ? <div className="message">{line.summary}</div> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {can("splitLine") ? (
        <Action intent="splitLine" title={t("lines.split")} version={request.version}>
          {(fields) => (
            <>
              <p className="hint">{t("lines.splitHint")}</p>
              <SelectField
                meta={fields.fields.category!}
                label={t("col.category")}
                placeholder={t("form.choose")}
                defaultValue={fields.values.category}
                options={CATEGORIES.map((c) => ({ value: c, label: label.category(c) }))}
              />
              <TextareaField meta={fields.fields.summary!} label={t("lines.summary")} rows={3} />
            </>
          )}
        </Action>
      ) : null}
      {can("joinLines") && several && joinable.length > 0 ? (
        <Action intent="joinLines" title={t("lines.join")} version={request.version}>
          {(fields) => (
            <>
              <p className="hint">{t("lines.joinHint")}</p>
              <SelectField
                meta={fields.fields.lineId!}
                label={t("lines.joined")}
                placeholder={t("form.choose")}
                defaultValue={fields.values.lineId}
                options={joinable.map((line) => ({ value: line.id, label: name(line) }))}
              />
              <SelectField
                meta={fields.fields.intoLineId!}
                label={t("lines.into")}
                placeholder={t("form.choose")}
                defaultValue={fields.values.intoLineId}
                options={targets.map((line) => ({ value: line.id, label: name(line) }))}
              />
            </>
          )}
        </Action>
      ) : null}
    </section>
  );
}
