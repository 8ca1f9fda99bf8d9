import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ClusterFields } from "~/components/admin-forms";
import { FormErrors, TextField } from "~/components/forms";
import { useLabels } from "~/components/request-labels";
import { TableScroll } from "~/components/table-scroll";
import { createCluster, listClusters } from "~/domain/admin/admin.server";
import { refusalErrors } from "~/domain/errors";
import { requireRole } from "~/domain/auth/auth.server";
import type { MessageKey } from "~/i18n/messages";
import { clusterSectorName } from "~/i18n/taxonomy-names";
import { useLocale } from "~/i18n/use-locale";
import { ClusterCreateSchema } from "~/schemas/admin";
import { storageAware } from "~/utils/storage-full.server";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction = () => [{ title: "Кластери · Clusters — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return { clusters: await listClusters() };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: ClusterCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await createCluster({ input: submission.value, actorUserId: admin.id });
  if (!outcome.ok) return data(submission.reply(refusalErrors(outcome)), { status: 400 });
  return redirect(`/admin/clusters/${outcome.cluster.slug}?done=created`, 303);
});

export default function AdminClusters() {
  const { clusters } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { locale, t } = useLocale();
  const label = useLabels();
  const [form, fields] = useForm({
    id: "cluster-create",
    lastResult: navigation.state === "idle" ? lastResult : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClusterCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { kind: "CLUSTER" },
  });
  const submitting = navigation.state === "submitting";

  return (
    <main className="wide">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("admin.clusters")}</h1>

      <section aria-labelledby="clusters-list">
        <h2 id="clusters-list">{t("adminCluster.list")}</h2>
        <p>{t("adminCluster.count", { n: clusters.length })}</p>
        {clusters.length ? (
          <TableScroll label={t("admin.clusters")}>
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">{t("adminCluster.col.name")}</th>
                  <th scope="col">{t("adminCluster.col.kind")}</th>
                  <th scope="col">{t("adminCluster.col.homeRegion")}</th>
                  <th scope="col">{t("adminCluster.col.capabilities")}</th>
                  <th scope="col">{t("adminCluster.col.regions")}</th>
                  <th scope="col">{t("adminCluster.col.sectors")}</th>
                  <th scope="col">{t("adminCluster.col.members")}</th>
                  <th scope="col">{t("adminCluster.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {clusters.map((cluster) => (
                  <tr key={cluster.id}>
                    <td>
                      <Link to={`/admin/clusters/${cluster.slug}`}>{localName(cluster, locale)}</Link>
                      <div className="hint">{cluster.slug}</div>
                    </td>
                    <td>{t(`clusterKind.${cluster.kind}` as MessageKey)}</td>
                    <td>{label.region(cluster.homeRegion)}</td>
                    <td>{cluster.capabilities.map(label.category).join(", ")}</td>
                    <td title={cluster.regions.map(label.region).join(", ")}>{t("adminCluster.regionsCount", { n: cluster.regions.length })}</td>
                    <td title={cluster.sectors.map((code) => clusterSectorName(t, code)).join("; ") || undefined}>{cluster.sectors.join(", ") || "—"}</td>
                    <td>{cluster.memberCount}</td>
                    <td>{cluster.active ? t("admin.active") : t("admin.inactive")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="hint">{t("adminCluster.empty")}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="cluster-new">
        <h2 id="cluster-new">{t("adminCluster.new")}</h2>
        <FormErrors form={form} failed={lastResult?.status === "error"} />
        <Form method="post" {...getFormProps(form)} noValidate>
          <ClusterFields fields={fields}>
            <TextField meta={fields.slug} label={t("adminCluster.slug")} hint={t("adminCluster.slug.hint")} required autoComplete="off" />
          </ClusterFields>
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t("admin.saving") : t("adminCluster.create")}
          </button>
        </Form>
      </section>
    </main>
  );
}
