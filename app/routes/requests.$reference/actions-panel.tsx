// The request page's actions: the recommendations, assigning, and every action the state
// machine offers this person now, each its own form.
import { useActionData } from "@remix-run/react";
import { Action, ActionForm, Field, MessageField } from "~/components/request-action-forms";
import { OwnershipActions } from "~/components/request-ownership";
import { useLabels } from "~/components/request-labels";
import type { StaffRequest } from "~/domain/requests/requests.server";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { matchReasonMessage } from "~/i18n/messages/matching";
import { useLocale } from "~/i18n/use-locale";
import type { RequestIntent } from "~/schemas/request-actions";
import { localName } from "~/i18n/locale";
import type { LoaderData, action } from "./route";

export function ActionsPanel({
  request,
  recommendations,
  clusters,
  coordinators,
  viewerId,
  replyTemplates,
}: {
  request: StaffRequest;
  recommendations: LoaderData["recommendations"];
  clusters: LoaderData["clusters"];
  coordinators: LoaderData["coordinators"];
  viewerId: string;
  replyTemplates: LoaderData["replyTemplates"];
}) {
  const { locale, t } = useLocale();
  const label = useLabels();
  const actionData = useActionData<typeof action>();
  const can = (intent: RequestIntent) => (request.actions as string[]).includes(intent);

  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t("request.actions")}</h2>
      <OwnershipActions request={request} viewerId={viewerId} people={coordinators} lastResult={actionData?.result} />
      {can("assign") ? (
        <div className="panel">
          <h3>{t("request.recommendations")}</h3>
          {recommendations.length === 0 ? <p className="hint">{t("request.noRecommendations")}</p> : null}
          {recommendations.map((r) => (
            <div className="recommendation" key={r.cluster.id} data-testid="recommendation">
              <strong>{localName(r.cluster, locale)}</strong>
              <ul>
                {r.reasons.map((reason) => {
                  const m = matchReasonMessage(reason, locale);
                  return <li key={reason.kind}>{t(m.key, m.params)}</li>;
                })}
              </ul>
              <ActionForm
                intent="assign"
                version={request.version}
                submitLabel={`${t("request.assignTo")}: ${localName(r.cluster, locale)}`}
                quickId={r.cluster.id}
              >
                <input type="hidden" name="clusterId" value={r.cluster.id} />
              </ActionForm>
            </div>
          ))}
          <ActionForm intent="assign" version={request.version} submitLabel={t("action.assign")}>
            {(fields) => (
              <Field label={t("request.chooseCluster")} errors={fields.errors.clusterId}>
                <select name="clusterId" defaultValue="">
                  <option value="">{t("form.choose")}</option>
                  {clusters
                    .filter((c) => c.id !== request.assignedClusterId)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {localName(c, locale)}
                      </option>
                    ))}
                </select>
              </Field>
            )}
          </ActionForm>
        </div>
      ) : null}

      {can("triage") ? (
        <Action intent="triage" title={t("action.triage")} version={request.version} open>
          {(fields) => (
            <>
              <Field label={t("col.category")} errors={fields.errors.category}>
                <select name="category" defaultValue={request.category}>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {label.category(c)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t("col.urgency")} errors={fields.errors.urgency}>
                <select name="urgency" defaultValue={request.urgency}>
                  {URGENCIES.map((u) => (
                    <option key={u} value={u}>
                      {label.urgency(u)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t("request.owner")} errors={fields.errors.ownerId}>
                {/* Every request has an owner from triage on: its owner so far, or the one triaging. */}
                <select name="ownerId" defaultValue={request.owner?.id ?? viewerId}>
                  {coordinators.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
              <MessageField label={t("request.message")} errors={fields.errors.message} />
            </>
          )}
        </Action>
      ) : null}

      {can("accept") ? <Action intent="accept" title={t("action.accept")} version={request.version} /> : null}
      {can("requestInfo") ? (
        <Action
          intent="requestInfo"
          title={t("action.requestInfo")}
          version={request.version}
          messageLabel={t("request.question")}
          replyTemplates={replyTemplates}
        />
      ) : null}
      {can("resumeWithoutReply") ? (
        <Action intent="resumeWithoutReply" title={t("action.resumeWithoutReply")} version={request.version} messageLabel={t("request.reason")} />
      ) : null}
      {can("resolve") ? <Action intent="resolve" title={t("action.resolve")} version={request.version} messageLabel={t("request.message")} /> : null}
      {can("decline") ? <Action intent="decline" title={t("action.decline")} version={request.version} messageLabel={t("request.reason")} /> : null}
      {can("publicMessage") ? (
        <Action
          intent="publicMessage"
          title={t("action.publicMessage")}
          version={request.version}
          messageLabel={t("request.message")}
          replyTemplates={replyTemplates}
          withFiles
        />
      ) : null}
      {can("note") ? <Action intent="note" title={t("action.note")} version={request.version} messageLabel={t("request.message")} withFiles /> : null}
      {can("unassign") ? <Action intent="unassign" title={t("action.unassign")} version={request.version} messageLabel={t("request.reason")} /> : null}
      {can("close") ? <Action intent="close" title={t("action.close")} version={request.version} /> : null}
      {can("reject") ? <Action intent="reject" title={t("action.reject")} version={request.version} messageLabel={t("request.reason")} /> : null}
      {can("reopenByStaff") ? (
        <Action intent="reopenByStaff" title={t("action.reopenByStaff")} version={request.version} messageLabel={t("request.reasonPublic")} />
      ) : null}
      {can("unmerge") ? <Action intent="unmerge" title={t("action.unmerge")} version={request.version} messageLabel={t("request.reasonPublic")} /> : null}
      {can("markDuplicate") ? (
        <Action intent="markDuplicate" title={t("action.markDuplicate")} version={request.version}>
          {(fields) => (
            <>
              <Field label={t("request.duplicateOfField")} errors={fields.errors.duplicateOf}>
                <input type="text" name="duplicateOf" defaultValue={fields.values.duplicateOf ?? request.possibleDuplicateOf?.reference ?? ""} />
              </Field>
              <MessageField label={t("request.reason")} errors={fields.errors.message} defaultValue={fields.values.message} />
              <p className="hint">{t("merge.intoHint")}</p>
            </>
          )}
        </Action>
      ) : null}
    </section>
  );
}
