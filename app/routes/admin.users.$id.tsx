import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorList, FormErrors, SelectField, TextField } from "~/components/forms";
import { HandOverAll } from "~/components/hand-over-all";
import { getUser, resetPassword, setUserActive, updateUser } from "~/domain/admin/admin.server";
import { type Refused, refusalErrors } from "~/domain/errors";
import { listClusterChoices } from "~/domain/clusters/cluster-list.server";
import { getLocale } from "~/i18n/locale.server";
import { requireRole } from "~/domain/auth/auth.server";
import { countOwnedRequests, handOverAllRequests, listOwnerChoices } from "~/domain/requests/ownership.server";
import { formatDateTime, localName } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { ROLES, UserActionSchema } from "~/schemas/admin";
import { storageAware } from "~/utils/storage-full.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.user.name} · Користувачі — ЦШР` : "Користувачі — ЦШР" }];

// A generated password appears on this page: neither the page nor its data is ever cached.
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const user = await getUser({ id: params.id ?? "" });
  if (!user) throw new Response("Not found", { status: 404 });
  const [clusters, openOwned, owners] = await Promise.all([
    listClusterChoices({ locale: getLocale(request), alsoSlug: user.cluster?.slug }),
    countOwnedRequests(user.id),
    listOwnerChoices(),
  ]);
  // Whom this person's open requests may go to: any other active coordinator or admin.
  const people = owners.filter((person) => person.id !== user.id);
  return { user, clusters, isSelf: user.id === admin.id, openOwned, people };
}

export const action = storageAware(async ({ request, params }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: UserActionSchema });
  if (submission.status !== "success") {
    return data({ intent: String(submission.payload.intent ?? ""), result: submission.reply(), password: null }, { status: 400 });
  }
  const { intent } = submission.value;
  const refused = (refusal: Refused) => {
    if (refusal.error === "notFound") throw new Response("Not found", { status: 404 });
    return data({ intent, result: submission.reply(refusalErrors(refusal)), password: null }, { status: 400 });
  };

  if (submission.value.intent === "update") {
    const outcome = await updateUser({ id, adminId: admin.id, input: submission.value });
    if (!outcome.ok) return refused(outcome);
    return redirect(`/admin/users/${id}?done=saved`, 303);
  }
  if (submission.value.intent === "handOverAll") {
    const { toUserId, message } = submission.value;
    const outcome = await handOverAllRequests({ admin, fromUserId: id, toUserId, note: message });
    if (!outcome.ok) return refused(outcome);
    return redirect(`/admin/users/${id}?done=handedOver&moved=${outcome.moved}&skipped=${outcome.skipped}`, 303);
  }
  if (intent === "deactivate" || intent === "activate") {
    const outcome = await setUserActive({ id, adminId: admin.id, active: intent === "activate" });
    if (!outcome.ok) return refused(outcome);
    return redirect(`/admin/users/${id}?done=${intent}d`, 303);
  }
  const outcome = await resetPassword({ id, adminId: admin.id });
  if (!outcome.ok) return refused(outcome);
  // The new password is shown once, in this answer only: never in a URL, a cookie or a cache.
  return data({ intent, result: submission.reply(), password: outcome.password }, { headers: NO_STORE });
});

const DONE: Record<string, MessageKey> = {
  saved: "admin.saved",
  created: "adminUser.created",
  deactivated: "adminUser.deactivated",
  activated: "adminUser.activated",
};

export default function AdminUser() {
  const { user, clusters, isSelf, openOwned, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { locale, t } = useLocale();
  const [form, fields] = useForm({
    id: `user-${user.id}`,
    lastResult: navigation.state === "idle" && actionData?.intent === "update" ? actionData.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UserActionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { intent: "update", name: user.name, role: user.role, cluster: user.cluster?.slug ?? "" },
  });
  const { key: intentKey, ...intentProps } = getInputProps(fields.intent, { type: "hidden" });
  const done = searchParams.get("done");
  // Errors of the deactivate, activate and reset buttons: their forms have no fields of their own.
  const buttonErrors = actionData && actionData.intent !== "update" && actionData.intent !== "handOverAll" ? actionData.result.error?.[""] : undefined;
  const handOver = actionData?.intent === "handOverAll" ? actionData.result : undefined;
  const submitting = navigation.state === "submitting";
  const clusterLabel = (c: { nameUk: string; nameEn: string; active: boolean }) =>
    `${localName(c, locale)}${c.active ? "" : ` (${t("adminUser.inactiveCluster")})`}`;

  return (
    <main>
      <p>
        <Link to="/admin/users">{t("adminUser.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      <p>
        {user.email} · {t(`role.${user.role}` as MessageKey)} · {user.active ? t("admin.active") : t("admin.inactive")}
      </p>
      <p className="hint">
        {t("adminUser.since", { date: formatDateTime(user.createdAt, locale) })} · {t("adminUser.openSessions", { n: user.openSessions })}
      </p>

      {done && DONE[done] && !actionData ? (
        <p className="notice ok" role="status">
          {t(DONE[done], { email: user.email })}
        </p>
      ) : null}
      {done === "handedOver" && !actionData ? (
        <p className="notice ok" role="status">
          {t("adminUser.handedOver", { moved: Number(searchParams.get("moved") ?? 0) })}{" "}
          {Number(searchParams.get("skipped") ?? 0) > 0 ? t("adminUser.handedOverSkipped", { skipped: Number(searchParams.get("skipped")) }) : null}
        </p>
      ) : null}
      {actionData?.password ? (
        <div className="notice ok" role="status">
          <p>{t("adminUser.passwordReset")}</p>
          <p className="link-box" data-testid="generated-password">
            {actionData.password}
          </p>
        </div>
      ) : null}
      {buttonErrors?.length ? (
        <div className="notice error">
          <ErrorList errors={buttonErrors} />
        </div>
      ) : null}
      {isSelf ? <p className="notice warn">{t("adminUser.self")}</p> : null}

      <section className="panel" aria-labelledby="user-account">
        <h2 id="user-account">{t("adminUser.section.account")}</h2>
        <FormErrors form={form} />
        <Form method="post" action={`/admin/users/${user.id}`} {...getFormProps(form)} noValidate>
          <input key={intentKey} {...intentProps} />
          <TextField meta={fields.name} label={t("adminUser.name")} required autoComplete="off" />
          <SelectField
            meta={fields.role}
            label={t("adminUser.role")}
            required
            options={ROLES.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) }))}
          />
          <SelectField
            meta={fields.cluster}
            label={t("adminUser.cluster")}
            hint={t("adminUser.cluster.hint")}
            placeholder={t("adminUser.noCluster")}
            options={clusters.map((c) => ({ value: c.slug, label: clusterLabel(c) }))}
          />
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t("admin.saving") : t("admin.save")}
          </button>
        </Form>
      </section>

      {/* Only staff own requests; a cluster member's page has nothing to hand over. */}
      {openOwned > 0 || user.role !== "CLUSTER_MEMBER" ? (
        <HandOverAll
          userId={user.id}
          openOwned={openOwned}
          people={people}
          errors={handOver?.error ?? undefined}
          typed={handOver?.initialValue as { toUserId?: string; message?: string } | undefined}
        />
      ) : null}

      {isSelf ? null : (
        <section className="panel" aria-labelledby="user-access">
          <h2 id="user-access">{t("adminUser.section.access")}</h2>
          <Form method="post" action={`/admin/users/${user.id}`}>
            <input type="hidden" name="intent" value={user.active ? "deactivate" : "activate"} />
            <p className="hint">{user.active ? t("adminUser.deactivate.hint") : t("adminUser.activate.hint")}</p>
            <button type="submit" className="secondary" disabled={submitting}>
              {user.active ? t("adminUser.deactivate") : t("adminUser.activate")}
            </button>
          </Form>
          <Form method="post" action={`/admin/users/${user.id}`}>
            <input type="hidden" name="intent" value="resetPassword" />
            <p className="hint">{t("adminUser.resetPassword.hint")}</p>
            <button type="submit" className="secondary" disabled={submitting}>
              {t("adminUser.resetPassword")}
            </button>
          </Form>
        </section>
      )}
    </main>
  );
}
