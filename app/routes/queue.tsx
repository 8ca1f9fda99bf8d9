import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { QueueFilters } from "~/components/queue-filters";
import { QueueViewTabs, SavedViews } from "~/components/queue-views";
import { COLUMN_LABEL, RequestTable } from "~/components/request-table";
import { requestScope } from "~/domain/auth/access";
import { actorFor, requireStaff } from "~/domain/auth/auth.server";
import { findEnterpriseByCode } from "~/domain/enterprises/enterprise-page.server";
import { StorageFullError } from "~/domain/errors";
import { findQueue, listOwners } from "~/domain/queue/queue.server";
import { withLineClusters } from "~/domain/requests/cluster-lines.server";
import { listClusterChoices } from "~/domain/clusters/cluster-list.server";
import { getLocale } from "~/i18n/locale.server";
import { type BulkOutcome, bulkTransition } from "~/domain/requests/requests.server";
import { deleteView, listSavedViews, saveView, unshareView } from "~/domain/queue/saved-views.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { ENTERPRISE_CODE } from "~/schemas/enterprise-page";
import { passOnHeaders } from "~/utils/route-headers";
import { STORAGE_FULL_INIT } from "~/utils/storage-full";
import {
  BULK_ACTIONS,
  BulkSchema,
  DeleteViewSchema,
  QUEUE_COLUMNS,
  SaveViewSchema,
  UnshareViewSchema,
  queueSearch,
  readStaffQueueParams,
} from "~/schemas/queue";
import { storageAware } from "~/utils/storage-full.server";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction = () => [{ title: "Черга · Queue — ЦШР" }];

/** Retry-After of a 503 answer reaches the browser. */
export const headers = passOnHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  // The bare /queue is what needs this coordinator's action (decision 021).
  const params = readStaffQueueParams(new URL(request.url).searchParams);
  const [queue, clusters, owners, views, enterprise] = await Promise.all([
    findQueue(params, { requests: requestScope(user), viewerId: user.id }),
    listClusterChoices({ locale: getLocale(request) }),
    listOwners(),
    listSavedViews(user),
    // A search for an EDRPOU also leads to the enterprise's own page.
    params.q && ENTERPRISE_CODE.test(params.q) ? findEnterpriseByCode(params.q) : null,
  ]);
  // A request of several lines names each line's cluster in the cluster column.
  return { params, queue: { ...queue, rows: await withLineClusters(queue.rows) }, clusters, owners, views, enterprise, now: new Date() };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const user = await requireStaff(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "saveView") {
    const submission = parseWithZod(formData, { schema: SaveViewSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await saveView({
      userId: user.id,
      name: submission.value.name,
      query: submission.value.query,
      shared: submission.value.shared,
    });
    return redirect(`/queue${submission.value.query}`, 303);
  }
  if (intent === "deleteView") {
    const submission = parseWithZod(formData, { schema: DeleteViewSchema });
    if (submission.status === "success") await deleteView({ viewer: user, id: submission.value.id });
    return redirect(`/queue${new URL(request.url).search}`, 303);
  }
  if (intent === "unshareView") {
    const submission = parseWithZod(formData, { schema: UnshareViewSchema });
    if (submission.status === "success") await unshareView({ viewer: user, id: submission.value.id });
    return redirect(`/queue${new URL(request.url).search}`, 303);
  }
  if (intent === "bulk") {
    const submission = parseWithZod(formData, { schema: BulkSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), outcomes: null }, { status: 400 });
    const { ids, bulkAction, clusterId, message } = submission.value;
    let outcomes;
    try {
      outcomes = await bulkTransition({
        ids,
        viewer: user,
        action: bulkAction,
        actor: actorFor(user),
        input: { clusterId: clusterId || null, message: message || null },
      });
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      return data({ intent, result: submission.reply({ formErrors: ["unavailable"] }), outcomes: null }, STORAGE_FULL_INIT);
    }
    return data({
      intent,
      result: submission.reply({ resetForm: true }),
      outcomes,
    });
  }
  throw new Response("Unknown action", { status: 400 });
});

export default function Queue() {
  const { params, queue, clusters, owners, views, enterprise, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { locale, t, tError } = useLocale();
  const location = useLocation();
  const visible = params.cols.length ? params.cols : QUEUE_COLUMNS;
  const outcomes = actionData && "outcomes" in actionData ? (actionData.outcomes as BulkOutcome[] | null) : null;
  const bulkErrors = actionData?.intent === "bulk" ? actionData.result.error : undefined;

  return (
    <main className="wide">
      <h1>{t("queue.title")}</h1>

      <QueueViewTabs params={params} />
      <SavedViews
        views={views}
        query={location.search}
        saveErrors={actionData?.intent === "saveView" ? (actionData.result.error?.name ?? undefined) : undefined}
      />

      <QueueFilters key={location.search} basePath="/queue" params={params} clusters={clusters} owners={owners} />
      {enterprise ? (
        <p className="notice" data-testid="enterprise-link">
          <Link to={`/enterprises/${enterprise.edrpou}`}>{t("enterprise.see", { name: enterprise.name, edrpou: enterprise.edrpou })}</Link>
        </p>
      ) : null}

      <details className="panel">
        <summary>{t("queue.columns")}</summary>
        <Form method="get">
          {Object.entries(Object.fromEntries(new URLSearchParams(queueSearch(params, { cols: [], page: 1 })))).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="checks">
            {QUEUE_COLUMNS.map((c) => (
              <label key={c}>
                <input type="checkbox" name="cols" value={c} defaultChecked={visible.includes(c)} />
                {t(COLUMN_LABEL[c])}
              </label>
            ))}
          </div>
          <button type="submit" className="secondary">
            {t("queue.showColumns")}
          </button>
        </Form>
      </details>

      {outcomes ? (
        <div className="notice" role="status">
          <p>
            {t("queue.bulkResult", {
              ok: outcomes.filter((o) => o.ok).length,
              failed: outcomes.filter((o) => !o.ok).length,
            })}
          </p>
          <ul>
            {outcomes.map((o) => (
              <li key={o.reference}>
                {o.reference}: {o.ok ? "✓" : t(`refusal.${o.reason}` as MessageKey)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <RequestTable label={t("queue.title")} basePath="/queue" params={params} {...queue} now={now} selectable />

      <Form method="post" id="bulk" className="panel">
        <h2>{t("queue.bulk")}</h2>
        <input type="hidden" name="intent" value="bulk" />
        {bulkErrors?.ids ? <p className="errors">{bulkErrors.ids.map(tError).join(" ")}</p> : null}
        {bulkErrors?.[""] ? <p className="errors">{bulkErrors[""].map(tError).join(" ")}</p> : null}
        <div className="toolbar">
          <div className="field">
            <label htmlFor="bulk-action">{t("queue.bulkAction")}</label>
            <select id="bulk-action" name="bulkAction" defaultValue="">
              <option value="">{t("form.choose")}</option>
              {BULK_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`action.${a}` as MessageKey)}
                </option>
              ))}
            </select>
            {bulkErrors?.bulkAction ? <p className="errors">{bulkErrors.bulkAction.map(tError).join(" ")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="bulk-cluster">{t("queue.cluster")}</label>
            <select id="bulk-cluster" name="clusterId" defaultValue="">
              <option value="">—</option>
              {clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {localName(c, locale)}
                </option>
              ))}
            </select>
          </div>
          <div className="field wide">
            <label htmlFor="bulk-message">{t("request.message")}</label>
            <input id="bulk-message" name="message" type="text" maxLength={5000} />
          </div>
          <button type="submit" className="secondary">
            {t("queue.bulkRun")}
          </button>
        </div>
      </Form>
    </main>
  );
}
