import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EnterpriseRegistryNotice } from "~/components/enterprise-registry-notice";
import { RequestCorrection } from "~/components/request-correction";
import { InfoRequestNotice } from "~/components/info-request-notice";
import { RequestDetails } from "~/components/request-details";
import { MergedRequests } from "~/components/merged-requests";
import { StaffRequestFiles } from "~/components/request-files";
import { RequestTools } from "~/components/request-tools";
import { useLabels } from "~/components/request-labels";
import { RequestTimeline } from "~/components/request-timeline";
import { actorFor, requireUser } from "~/domain/auth/auth.server";
import { recommendClusters, recommendClustersForLines } from "~/domain/matching/cluster-matching.server";
import { FilesRefusedError, StorageFullError, TransitionError, refusalErrors } from "~/domain/errors";
import { type FormWithFiles, formTooLarge, readFormWithFiles } from "~/domain/files/form-with-files.server";
import { listStaffFiles } from "~/domain/files/request-files.server";
import { listClusterChoices } from "~/domain/clusters/cluster-list.server";
import { getLocale } from "~/i18n/locale.server";
import { withReply } from "~/domain/notifications/reply-templates";
import { fillReplyTemplate, replyTemplateChoices } from "~/domain/notifications/reply-templates.server";
import { performRequestAction } from "~/domain/requests/request-actions.server";
import { lastEnterpriseActivity } from "~/domain/requests/unread";
import { markRequestSeen } from "~/domain/requests/unread.server";
import { type Viewer, isStaff } from "~/domain/auth/access";
import { getRequestForStaff, listCoordinators } from "~/domain/requests/requests.server";
import { useLocale } from "~/i18n/use-locale";
import { withoutOtherCategoryFields } from "~/schemas/intake";
import { INSERT_REPLY, InsertReplySchema } from "~/schemas/reply-templates";
import { RequestActionSchema } from "~/schemas/request-actions";
import { passOnHeaders } from "~/utils/route-headers";
import { STORAGE_FULL_INIT } from "~/utils/storage-full";
import { localName } from "~/i18n/locale";
import { ActionsPanel } from "./actions-panel";
import { LinesPanel } from "./lines-panel";
import { VanishedActionNotice } from "./vanished-action-notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.request.reference} — ЦШР` : "ЦШР" }];

/** Retry-After of a 429 or 503 answer reaches the browser. */
export const headers = passOnHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await getRequestForStaff({ reference: params.reference ?? "", viewer: user });
  if (!found) throw new Response("Not found", { status: 404 });
  const staff = isStaff(user);
  // Opening the page marks the enterprise's activity it shows as seen ("unread" in the lists).
  const unreadSince = await markRequestSeen({ userId: user.id, requestId: found.id, shownUpTo: lastEnterpriseActivity(found.events) });
  // A request of several lines: recommendations for each line a cluster may be assigned to.
  const assignable = found.lines.length > 1 ? found.lines.filter((line) => line.actions.includes("assign")) : [];
  const [recommendations, clusters, coordinators, lineRecommendations] = staff
    ? await Promise.all([
        found.actions.includes("assign") && found.lines.length < 2 ? recommendClusters({ requestId: found.id, limit: 5 }) : Promise.resolve(null),
        listClusterChoices({ locale: getLocale(request) }),
        listCoordinators(),
        assignable.length ? recommendClustersForLines({ requestId: found.id, lines: assignable, limit: 3 }) : Promise.resolve([]),
      ])
    : [null, [], [], []];
  const files = await listStaffFiles({ requestId: found.id });
  // Canned replies for the forms that write to the enterprise (decision 029).
  const replyTemplates = found.actions.some((a) => a === "publicMessage" || a === "requestInfo") ? await replyTemplateChoices() : [];
  return {
    request: found,
    files,
    staff,
    recommendations: recommendations ?? [],
    lineRecommendations,
    clusters,
    coordinators,
    viewerId: user.id,
    unreadSince,
    replyTemplates,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormWithFiles(request);
  try {
    return await act(params.reference ?? "", user, form);
  } finally {
    await form.discard();
  }
}

async function act(reference: string, user: Awaited<ReturnType<typeof requireUser>>, { formData, files, refusal }: FormWithFiles) {
  if (refusal?.refusal === "formTooLarge") throw formTooLarge();
  if (formData.has(INSERT_REPLY)) return insertReply(formData, reference, user);
  // A correction keeps only the chosen category's details, as intake does.
  const posted = formData.get("intent") === "edit" ? withoutOtherCategoryFields(formData) : formData;
  const submission = parseWithZod(posted, { schema: RequestActionSchema });
  // A refused file refuses the message or note it came with: its reason beside the file field.
  if (refusal) return data({ result: submission.reply({ fieldErrors: { file: [refusal.refusal] } }), refusedFile: refusal.file ?? null }, { status: 400 });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  try {
    const outcome = await performRequestAction({ reference, viewer: user, actor: actorFor(user), input: submission.value, files });
    if (!outcome.ok) return data({ result: submission.reply(refusalErrors(outcome)) }, { status: 400 });
  } catch (error) {
    if (error instanceof StorageFullError) return data({ result: submission.reply({ formErrors: ["unavailable"] }) }, STORAGE_FULL_INIT);
    if (error instanceof FilesRefusedError) return data({ result: submission.reply(refusalErrors(error)) }, { status: 400 });
    if (!(error instanceof TransitionError)) throw error;
    if (error.reason === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    const status = error.reason === "CONFLICT" ? 409 : 422;
    return data({ result: submission.reply({ formErrors: [error.reason] }) }, { status });
  }
  return redirect(`/requests/${reference}?done=${submission.value.intent}`, 303);
}

/** "Insert" of a reply template: the filled text back to the message's form; nothing is written. */
async function insertReply(formData: FormData, reference: string, viewer: Viewer) {
  const submission = parseWithZod(formData, { schema: InsertReplySchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { intent, replyTemplate, message = "" } = submission.value;
  const filled = await fillReplyTemplate({ reference, viewer, ...replyTemplate });
  if (!filled.ok && filled.reason === "notFound") throw new Response("Not found", { status: 404 });
  if (!filled.ok) return data({ result: submission.reply({ fieldErrors: { replyTemplate: ["choose"] } }) }, { status: 400 });
  return { result: submission.reply(), inserted: { intent, text: filled.text, message: withReply(message, filled.text) } };
}

/**
 * After a refused or stale action, show the request as it is now (the form keeps its text); an
 * inserted reply template (the picker's fetcher) changed nothing to show.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, actionStatus, defaultShouldRevalidate }) =>
  formData?.has(INSERT_REPLY) ? false : actionStatus === 409 || actionStatus === 422 ? true : defaultShouldRevalidate;

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function RequestPage() {
  const { request, files, staff, recommendations, lineRecommendations, clusters, coordinators, unreadSince, viewerId, replyTemplates } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refusedCorrection = actionData?.result?.initialValue?.intent === "edit" ? actionData.result : undefined;
  const { locale, t } = useLocale();
  const label = useLabels();
  const [searchParams] = useSearchParams();

  return (
    <main className="wide">
      <p>{staff ? <Link to="/queue">{t("request.back")}</Link> : <Link to="/cluster">{t("request.back")}</Link>}</p>
      <h1>
        {request.reference}: {request.title}
      </h1>
      <p>
        <span className="status-badge">{label.status(request.status)}</span>{" "}
        {request.possibleDuplicateOf && !request.duplicateOf ? (
          <span className="mark dup">
            <Link to={`/requests/${request.possibleDuplicateOf.reference}`} style={{ color: "inherit" }}>
              {t("request.possibleDuplicateOf", { reference: request.possibleDuplicateOf.reference })}
            </Link>
          </span>
        ) : null}
        {request.duplicateOf ? (
          <Link to={`/requests/${request.duplicateOf.reference}`}>{t("request.duplicateOf", { reference: request.duplicateOf.reference })}</Link>
        ) : null}
        {request.notAcceptedInTime ? <span className="mark lapsed">{t("queue.notAcceptedInTime")}</span> : null}
      </p>
      {request.possibleDuplicates.length ? (
        <p className="notice warn">
          {t("request.possibleDuplicates")}{" "}
          {request.possibleDuplicates.map((d, i) => (
            <span key={d.reference}>
              {i ? ", " : ""}
              <Link to={`/requests/${d.reference}`}>{d.reference}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <MergedRequests merged={request.mergedRequests} />
      {searchParams.get("done") ? (
        <p className="notice ok" role="status">
          {t(searchParams.get("done") === "statusLink" ? "statusLink.done" : "request.done")}
        </p>
      ) : null}

      <VanishedActionNotice actions={request.actions} />
      <InfoRequestNotice exchange={request.infoExchange} request={request} viewerId={viewerId} />
      <EnterpriseRegistryNotice
        edrpou={request.enterprise.edrpou}
        changes={request.enterpriseChanges}
        version={request.version}
        canAdopt={(request.actions as string[]).includes("adoptEnterpriseDetails")}
      />

      <div className="two-col">
        <div>
          <section className="panel">
            <dl className="facts">
              <dt>{t("request.enterprise")}</dt>
              <dd>
                {request.enterpriseName} · {t("request.edrpou")}{" "}
                {staff ? (
                  <Link to={`/enterprises/${request.enterprise.edrpou}`} aria-label={t("enterprise.open", { edrpou: request.enterprise.edrpou })}>
                    {request.enterprise.edrpou}
                  </Link>
                ) : (
                  request.enterprise.edrpou
                )}
              </dd>
              <dt>{t("request.contact")}</dt>
              <dd>
                {request.contactName} · <a href={`tel:${request.phone}`}>{request.phone}</a> · <a href={`mailto:${request.email}`}>{request.email}</a>
              </dd>
              <dt>{t("col.category")}</dt>
              <dd>{label.category(request.category)}</dd>
              <dt>{t("col.urgency")}</dt>
              <dd>{label.urgency(request.urgency)}</dd>
              <dt>{t("status.region")}</dt>
              <dd>
                {request.city}, {label.region(request.region)}
              </dd>
              {request.sector ? (
                <>
                  <dt>{t("field.sector")}</dt>
                  <dd>{label.industry(request.sector, request.naceClass)}</dd>
                </>
              ) : null}
              {request.neededBy ? (
                <>
                  <dt>{t("request.neededBy")}</dt>
                  <dd>{label.dateTime(request.neededBy)}</dd>
                </>
              ) : null}
              <dt>{t("status.filed")}</dt>
              <dd>{label.dateTime(request.createdAt)}</dd>
              <dt>{t("request.owner")}</dt>
              <dd>{request.owner?.name ?? t("request.nobody")}</dd>
              <dt>{t("request.assignedTo")}</dt>
              <dd>{localName(request.assignedCluster, locale)}</dd>
              <dt>{request.triagedAt ? t("request.resolveDue") : t("request.triageDue")}</dt>
              <dd>{request.nextDueAt ? label.dateTime(request.nextDueAt) : request.slaPausedAt ? t("queue.paused") : "—"}</dd>
            </dl>
            <h2>{t("field.description")}</h2>
            <p style={{ whiteSpace: "pre-wrap" }}>{request.description}</p>
            <RequestDetails title={t("request.details")} details={request.details} />
            {request.sensitiveDetails ? <RequestDetails title={t("request.sensitive")} details={request.sensitiveDetails} /> : null}
            {(request.actions as string[]).includes("edit") || refusedCorrection ? (
              <RequestCorrection key={request.version} request={request} version={request.version} lastResult={refusedCorrection} />
            ) : null}
          </section>

          <StaffRequestFiles files={files} reference={request.reference} />

          {/* Keyed by the version: after a split or a join its forms close and empty. */}
          <LinesPanel key={request.version} request={request} can={(intent) => (request.actions as string[]).includes(intent)} />

          <RequestTimeline
            events={request.events}
            unreadSince={unreadSince}
            people={request.people}
            files={files.map((f) => ({ ...f, addedBy: f.addedByName ?? t("files.addedBy.enterprise"), internal: f.visibility === "INTERNAL" }))}
            hrefBase={`/requests/${request.reference}/files`}
          />

          <section className="panel">
            <h2>{t("request.otherRequests")}</h2>
            {request.otherRequests.length ? (
              <ul>
                {request.otherRequests.map((other) => (
                  <li key={other.reference}>
                    <Link to={`/requests/${other.reference}`}>{other.reference}</Link> — {other.title} ({label.status(other.status)})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t("request.noOther")}</p>
            )}
          </section>
        </div>

        <aside>
          <ActionsPanel
            request={request}
            recommendations={recommendations}
            lineRecommendations={lineRecommendations}
            clusters={clusters}
            coordinators={coordinators}
            viewerId={viewerId}
            replyTemplates={replyTemplates}
          />
          <RequestTools reference={request.reference} email={request.email} canSendLink={(request.actions as string[]).includes("rotateStatusLink")} />
        </aside>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  const { t } = useLocale();
  return (
    <main>
      <h1>{t("page.notFound.title")}</h1>
      <p>{t("page.notFound.body")}</p>
      <p>
        <Link to="/queue">{t("request.back")}</Link>
      </p>
    </main>
  );
}
