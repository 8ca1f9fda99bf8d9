import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { QueueFilters } from "~/components/queue-filters";
import { RequestTable } from "~/components/request-table";
import { requestScope } from "~/domain/auth/access";
import { requireRole } from "~/domain/auth/auth.server";
import { findQueue } from "~/domain/queue/queue.server";
import { withOwnLines } from "~/domain/requests/cluster-lines.server";
import { getClusterName } from "~/domain/clusters/cluster-list.server";
import { useLocale } from "~/i18n/use-locale";
import { readQueueParams } from "~/schemas/queue";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction = () => [{ title: "Мій кластер · My cluster — ЦШР" }];

/** A cluster member's own requests: the queue's table, scoped in the query to their cluster. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "CLUSTER_MEMBER");
  if (!user.clusterId) throw new Response("No cluster", { status: 403 });
  const params = readQueueParams(new URL(request.url).searchParams);
  const [queue, cluster] = await Promise.all([findQueue(params, { requests: requestScope(user), viewerId: user.id }), getClusterName(user.clusterId)]);
  if (!cluster) throw new Response("No cluster", { status: 403 });
  // On a request of several lines, the member's own line's state beside the request's.
  return { params, queue: { ...queue, rows: await withOwnLines(queue.rows, user.clusterId) }, cluster, now: new Date() };
}

export default function ClusterPortal() {
  const { params, queue, cluster, now } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  return (
    <main className="wide">
      <h1>{localName(cluster, locale)}</h1>
      <p>{t("cluster.lead")}</p>
      <QueueFilters basePath="/cluster" params={params} />
      <RequestTable label={localName(cluster, locale)} basePath="/cluster" params={params} {...queue} now={now} hiddenColumns={["cluster"]} />
    </main>
  );
}
