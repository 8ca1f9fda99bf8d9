import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { createUser, listUsers } from "~/domain/admin/admin.server";
import { listClusterChoices } from "~/domain/clusters/cluster-list.server";
import { getLocale } from "~/i18n/locale.server";
import { refusalErrors } from "~/domain/errors";
import { requireRole } from "~/domain/auth/auth.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { ROLES, UserCreateSchema, readUserListParams } from "~/schemas/admin";
import { storageAware } from "~/utils/storage-full.server";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction = () => [{ title: "Користувачі · Users — ЦШР" }];

// A generated password appears on this page: neither the page nor its data is ever cached.
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const params = readUserListParams(new URL(request.url).searchParams);
  const [users, clusters] = await Promise.all([listUsers({ role: params.role }), listClusterChoices({ locale: getLocale(request) })]);
  return { params, users, clusters };
}

// The password never goes back to the browser in the form's values.
const hideFields = ["password"];

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: UserCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), created: null }, { status: 400 });
  const outcome = await createUser({ input: submission.value, actorUserId: admin.id });
  if (!outcome.ok) return data({ result: submission.reply({ ...refusalErrors(outcome), hideFields }), created: null }, { status: 400 });
  // A password the admin typed needs no showing: post/redirect/get to the new account.
  if (outcome.generatedPassword === null) return redirect(`/admin/users/${outcome.user.id}?done=created`, 303);
  // A generated one is shown once, in this answer only: never in a URL, a cookie or a cache.
  return data({ result: submission.reply({ resetForm: true }), created: { ...outcome.user, password: outcome.generatedPassword } }, { headers: NO_STORE });
});

export default function AdminUsers() {
  const { params, users, clusters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { locale, t } = useLocale();
  const prefillCluster = searchParams.get("cluster");
  const [form, fields] = useForm({
    id: "user-create",
    lastResult: navigation.state === "idle" ? actionData?.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UserCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // "Add a representative" on a cluster's page links here with the cluster chosen.
    defaultValue: prefillCluster ? { role: "CLUSTER_MEMBER", cluster: prefillCluster } : undefined,
  });
  const created = actionData?.created;
  const submitting = navigation.state === "submitting";

  return (
    <main className="wide">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("admin.users")}</h1>

      {created ? (
        <div className="notice ok" role="status">
          <p>
            {t("adminUser.created", { email: created.email })} <Link to={`/admin/users/${created.id}`}>{t("adminUser.open")}</Link>
          </p>
          <p>{t("adminUser.generatedPassword")}</p>
          <p className="link-box" data-testid="generated-password">
            {created.password}
          </p>
        </div>
      ) : null}

      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="f-role">{t("adminUser.filterRole")}</label>
          <select id="f-role" name="role" defaultValue={params.role ?? ""}>
            <option value="">{t("admin.any")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("admin.show")}
        </button>
      </Form>

      <p>{t("adminUser.count", { n: users.length })}</p>
      {users.length ? (
        <TableScroll label={t("admin.users")}>
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t("adminUser.col.name")}</th>
                <th scope="col">{t("adminUser.col.email")}</th>
                <th scope="col">{t("adminUser.col.role")}</th>
                <th scope="col">{t("adminUser.col.cluster")}</th>
                <th scope="col">{t("adminUser.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                  </td>
                  <td>{user.email}</td>
                  <td>{t(`role.${user.role}` as MessageKey)}</td>
                  <td>{localName(user.cluster, locale)}</td>
                  <td>{user.active ? t("admin.active") : t("admin.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="hint">{t("adminUser.empty")}</p>
      )}

      <section className="panel" id="user-new" aria-labelledby="user-new-title">
        <h2 id="user-new-title">{t("adminUser.new")}</h2>
        <FormErrors form={form} failed={actionData?.result.status === "error"} />
        <Form method="post" {...getFormProps(form)} noValidate>
          <TextField meta={fields.email} label={t("adminUser.email")} required type="email" autoComplete="off" />
          <TextField meta={fields.name} label={t("adminUser.name")} hint={t("adminUser.name.hint")} autoComplete="off" />
          <SelectField
            meta={fields.role}
            label={t("adminUser.role")}
            required
            placeholder={t("form.choose")}
            options={ROLES.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) }))}
          />
          <SelectField
            meta={fields.cluster}
            label={t("adminUser.cluster")}
            hint={t("adminUser.cluster.hint")}
            placeholder={t("adminUser.noCluster")}
            options={clusters.map((c) => ({ value: c.slug, label: localName(c, locale) }))}
          />
          <TextField meta={fields.password} label={t("adminUser.password")} hint={t("adminUser.password.hint")} type="password" autoComplete="new-password" />
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t("admin.saving") : t("adminUser.create")}
          </button>
        </Form>
      </section>
    </main>
  );
}
