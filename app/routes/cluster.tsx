import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLabels } from "~/components/request-labels";
import { RequestTable } from "~/components/request-table";
import { requireRole } from "~/domain/auth.server";
import { findQueue, getClusterName } from "~/domain/queue.server";
import { STATUSES } from "~/domain/state-machine";
import { CATEGORIES } from "~/domain/taxonomy";
import { useLocale } from "~/i18n/use-locale";
import { readQueueParams } from "~/schemas/queue";

export const meta: MetaFunction = () => [{ title: "Мій кластер · My cluster — ЦШР" }];

/** A cluster member's own requests: the queue's table, scoped in the query to their cluster. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "CLUSTER_MEMBER");
  if (!user.clusterId) throw new Response("No cluster", { status: 403 });
  const params = readQueueParams(new URL(request.url).searchParams);
  const [queue, cluster] = await Promise.all([
    findQueue(params, { clusterId: user.clusterId }),
    getClusterName(user.clusterId),
  ]);
  return { params, queue, cluster, now: new Date() };
}

export default function ClusterPortal() {
  const { params, queue, cluster, now } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const labels = useLabels();
  return (
    <main className="wide">
      <h1>{locale === "uk" ? cluster.nameUk : cluster.nameEn}</h1>
      <p>{t("cluster.lead")}</p>
      <Form method="get" className="panel" aria-label={t("queue.filters")}>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <div className="toolbar">
          <div className="field wide">
            <label htmlFor="q">{t("queue.search")}</label>
            <input id="q" name="q" type="search" defaultValue={params.q ?? ""} placeholder={t("queue.searchHint")} />
          </div>
          <div className="field">
            <label htmlFor="f-category">{t("col.category")}</label>
            <select id="f-category" name="category" defaultValue={params.category ?? ""}>
              <option value="">{t("queue.any")}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {labels.category(c)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset>
          <legend>{t("queue.status")}</legend>
          <div className="checks">
            {STATUSES.map((s) => (
              <label key={s}>
                <input type="checkbox" name="status" value={s} defaultChecked={params.status.includes(s)} />
                {labels.status(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="toolbar">
          <button type="submit" className="primary">
            {t("queue.apply")}
          </button>
          <Link to="/cluster">{t("queue.reset")}</Link>
        </p>
      </Form>
      <RequestTable basePath="/cluster" params={params} {...queue} now={now} hiddenColumns={["cluster"]} />
    </main>
  );
}
