import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ClusterFields } from "~/components/admin-forms";
import { CheckboxField, FormErrors } from "~/components/forms";
import { getCluster, updateCluster } from "~/domain/admin/admin.server";
import { refusalErrors } from "~/domain/errors";
import { requireRole } from "~/domain/auth/auth.server";
import { useLocale } from "~/i18n/use-locale";
import { ClusterUpdateSchema } from "~/schemas/admin";
import { storageAware } from "~/utils/storage-full.server";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.cluster.nameUk} · Кластери — ЦШР` : "Кластери — ЦШР" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const cluster = await getCluster({ slug: params.slug ?? "" });
  if (!cluster) throw new Response("Not found", { status: 404 });
  return { cluster };
}

export const action = storageAware(async ({ request, params }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const slug = params.slug ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ClusterUpdateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await updateCluster({ slug, input: submission.value, actorUserId: admin.id });
  if (!outcome.ok && outcome.error === "notFound") throw new Response("Not found", { status: 404 });
  if (!outcome.ok) return data(submission.reply(refusalErrors(outcome)), { status: 400 });
  return redirect(`/admin/clusters/${slug}?done=saved`, 303);
});

export default function AdminCluster() {
  const { cluster } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { locale, t } = useLocale();
  const [form, fields] = useForm({
    // A new id (and, below, a new element) per stored version, so after a save the form shows
    // what was stored, e.g. the normalised phone, not what was typed.
    id: `cluster-${cluster.slug}-${new Date(cluster.updatedAt).getTime()}`,
    lastResult: navigation.state === "idle" ? lastResult : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClusterUpdateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      nameUk: cluster.nameUk,
      nameEn: cluster.nameEn,
      kind: cluster.kind,
      homeRegion: cluster.homeRegion,
      capabilities: cluster.capabilities,
      regions: cluster.regions,
      sectors: cluster.sectors,
      contactName: cluster.contactName ?? "",
      contactEmail: cluster.contactEmail ?? "",
      contactPhone: cluster.contactPhone ?? "",
      active: cluster.active ? "on" : undefined,
    },
  });
  const done = searchParams.get("done");
  const submitting = navigation.state === "submitting";

  return (
    <main className="wide">
      <p>
        <Link to="/admin/clusters">{t("adminCluster.back")}</Link>
      </p>
      <h1>{t("adminCluster.editTitle", { name: localName(cluster, locale) })}</h1>
      <p className="hint">{cluster.slug}</p>
      {done && !lastResult ? (
        <p className="notice ok" role="status">
          {done === "created" ? t("adminCluster.created") : t("admin.saved")}
        </p>
      ) : null}
      <FormErrors form={form} failed={lastResult?.status === "error"} />

      <div className="two-col">
        <Form key={form.id} method="post" action={`/admin/clusters/${cluster.slug}`} {...getFormProps(form)} noValidate>
          <ClusterFields fields={fields}>
            <CheckboxField meta={fields.active} label={t("adminCluster.active")} />
          </ClusterFields>
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t("admin.saving") : t("admin.save")}
          </button>
        </Form>

        <section className="panel" aria-labelledby="cluster-members">
          <h2 id="cluster-members">{t("adminCluster.members")}</h2>
          {cluster.members.length ? (
            <ul>
              {cluster.members.map((member) => (
                <li key={member.id}>
                  <Link to={`/admin/users/${member.id}`}>{member.name}</Link> <span className="hint">{member.email}</span>
                  {member.active ? null : <span className="hint"> ({t("admin.inactive")})</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t("adminCluster.noMembers")}</p>
          )}
          {cluster.active ? (
            <p>
              <Link to={`/admin/users?role=CLUSTER_MEMBER&cluster=${cluster.slug}#user-new`}>{t("adminCluster.addMember")}</Link>
            </p>
          ) : null}
        </section>
      </div>
    </main>
  );
}
