// The request page's actions: the recommendations, assigning, and every action the state
// machine offers this person now, each its own form.
import { useActionData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/forms";
import { Action, ActionForm, MessageField } from "~/components/request-action-forms";
import { OwnershipActions } from "~/components/request-ownership";
import { useLabels } from "~/components/request-labels";
import type { StaffRequest } from "~/domain/requests/requests.server";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { matchReasonMessage } from "~/i18n/messages/matching";
import { useLocale } from "~/i18n/use-locale";
import type { RequestIntent } from "~/schemas/request-actions";
import { localName } from "~/i18n/locale";
import type { LoaderData, action } from "./route";
import { LineField, LineVersions, lineActionFields } from "./lines-panel";

export function ActionsPanel({
  request,
  recommendations,
  lineRecommendations,
  clusters,
  coordinators,
  viewerId,
  replyTemplates,
}: {
  request: StaffRequest;
  recommendations: LoaderData["recommendations"];
  lineRecommendations: LoaderData["lineRecommendations"];
  clusters: LoaderData["clusters"];
  coordinators: LoaderData["coordinators"];
  viewerId: string;
  replyTemplates: LoaderData["replyTemplates"];
}) {
  const { locale, t } = useLocale();
  const label = useLabels();
  const actionData = useActionData<typeof action>();
  const can = (intent: RequestIntent) => (request.actions as string[]).includes(intent);
  // On a request of several lines, a cluster action names its line, and each line waiting for a
  // cluster has its own recommendations.
  const several = request.lines.length > 1;

  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t("request.actions")}</h2>
      <OwnershipActions request={request} viewerId={viewerId} people={coordinators} lastResult={actionData?.result} />
      {can("assign") ? (
        <div className="panel">
          <h3>{t("request.recommendations")}</h3>
          {several ? (
            lineRecommendations.map((line) => (
              <div key={line.lineId}>
                <h4>{`${t("lines.line", { n: line.position })} — ${label.category(line.category)}`}</h4>
                <Recommendations request={request} ranked={line.ranked} lineId={line.lineId} />
              </div>
            ))
          ) : (
            <Recommendations request={request} ranked={recommendations} />
          )}
          <ActionForm intent="assign" version={request.version} submitLabel={t("action.assign")}>
            {(fields) => (
              <>
                <LineField request={request} intent="assign" fields={fields} />
                <SelectField
                  meta={fields.fields.clusterId!}
                  label={t("request.chooseCluster")}
                  placeholder={t("form.choose")}
                  options={clusters.filter((c) => c.id !== request.assignedClusterId).map((c) => ({ value: c.id, label: localName(c, locale) }))}
                />
              </>
            )}
          </ActionForm>
        </div>
      ) : null}

      {can("triage") ? (
        <Action intent="triage" title={t("action.triage")} version={request.version} open>
          {(fields) => (
            <>
              <SelectField
                meta={fields.fields.category!}
                label={t("col.category")}
                defaultValue={fields.values.category ?? request.category}
                options={CATEGORIES.map((c) => ({ value: c, label: label.category(c) }))}
              />
              <SelectField
                meta={fields.fields.urgency!}
                label={t("col.urgency")}
                defaultValue={fields.values.urgency ?? request.urgency}
                options={URGENCIES.map((u) => ({ value: u, label: label.urgency(u) }))}
              />
              {/* Every request has an owner from triage on: its owner so far, or the one triaging. */}
              <SelectField
                meta={fields.fields.ownerId!}
                label={t("request.owner")}
                defaultValue={fields.values.ownerId ?? request.owner?.id ?? viewerId}
                options={coordinators.map((c) => ({ value: c.id, label: c.name }))}
              />
              <MessageField meta={fields.fields.message!} label={t("request.message")} />
            </>
          )}
        </Action>
      ) : null}

      {can("accept") ? (
        <Action intent="accept" title={t("action.accept")} version={request.version}>
          {lineActionFields(request, "accept", null)}
        </Action>
      ) : null}
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
      {can("resolve") ? (
        <Action intent="resolve" title={t("action.resolve")} version={request.version} messageLabel={t("request.message")}>
          {lineActionFields(request, "resolve", t("request.message"))}
        </Action>
      ) : null}
      {can("decline") ? (
        <Action intent="decline" title={t("action.decline")} version={request.version} messageLabel={t("request.reason")}>
          {lineActionFields(request, "decline", t("request.reason"))}
        </Action>
      ) : null}
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
      {can("unassign") ? (
        <Action intent="unassign" title={t("action.unassign")} version={request.version} messageLabel={t("request.reason")}>
          {lineActionFields(request, "unassign", t("request.reason"))}
        </Action>
      ) : null}
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
              <TextField
                meta={fields.fields.duplicateOf!}
                label={t("request.duplicateOfField")}
                defaultValue={fields.values.duplicateOf ?? request.possibleDuplicateOf?.reference ?? ""}
              />
              <MessageField meta={fields.fields.message!} label={t("request.reason")} />
              <p className="hint">{t("merge.intoHint")}</p>
            </>
          )}
        </Action>
      ) : null}
    </section>
  );
}

/** The recommended clusters, each with its reasons and a one-click assignment (of `lineId`, if given). */
function Recommendations({ request, ranked, lineId }: { request: StaffRequest; ranked: LoaderData["recommendations"]; lineId?: string }) {
  const { locale, t } = useLocale();
  if (ranked.length === 0) return <p className="hint">{t("request.noRecommendations")}</p>;
  return ranked.map((r) => (
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
        quickId={lineId ? `${lineId}-${r.cluster.id}` : r.cluster.id}
      >
        <input type="hidden" name="clusterId" value={r.cluster.id} />
        {lineId ? <input type="hidden" name="lineId" value={lineId} /> : null}
        {lineId ? <LineVersions request={request} /> : null}
      </ActionForm>
    </div>
  ));
}
