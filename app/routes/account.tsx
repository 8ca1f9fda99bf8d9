// /account: a signed-in person's own account — who they are, and changing their password
// (decision 026). Every role may open it.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { changePassword } from "~/domain/auth/account.server";
import { currentSessionId, requireUser } from "~/domain/auth/auth.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { ChangePasswordSchema, PASSWORD_FIELDS } from "~/schemas/account";
import { storageAware } from "~/utils/storage-full.server";

export const meta: MetaFunction = () => [{ title: "Мій обліковий запис · My account — ЦШР" }];

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user: { name: user.name, email: user.email, role: user.role } };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400, headers: NO_STORE });
  const outcome = await changePassword({
    userId: user.id,
    sessionId: (await currentSessionId(request)) ?? "",
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
  });
  if (!outcome.ok && outcome.reason === "LOCKED") {
    return data(submission.reply({ formErrors: [`tooManyTries:${Math.ceil(outcome.retryAfterSeconds / 60)}`], hideFields: PASSWORD_FIELDS }), {
      status: 429,
      headers: { ...NO_STORE, "Retry-After": String(outcome.retryAfterSeconds) },
    });
  }
  if (!outcome.ok) {
    return data(submission.reply({ fieldErrors: { currentPassword: ["wrongPassword"] }, hideFields: PASSWORD_FIELDS }), { status: 400, headers: NO_STORE });
  }
  return redirect(`/account?done=password&ended=${outcome.endedSessions}`, { status: 303, headers: NO_STORE });
});

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t } = useLocale();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: navigation.state === "idle" ? lastResult : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const submitting = navigation.state === "submitting";
  const done = searchParams.get("done") === "password" && !lastResult;
  return (
    <main>
      <h1>{t("account.title")}</h1>
      <p>{t("account.who", { name: user.name, email: user.email, role: t(`role.${user.role}` as MessageKey) })}</p>
      {done ? (
        <p className="notice ok" role="status">
          {t("account.done", { n: Number(searchParams.get("ended")) || 0 })}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="change-password-title">
        <h2 id="change-password-title">{t("account.password")}</h2>
        <p className="hint">{t("account.password.lead")}</p>
        <FormErrors form={form} />
        <Form method="post" {...getFormProps(form)} noValidate>
          <TextField meta={fields.currentPassword} label={t("account.current")} required type="password" autoComplete="current-password" />
          <TextField meta={fields.newPassword} label={t("account.new")} hint={t("account.new.hint")} required type="password" autoComplete="new-password" />
          <TextField meta={fields.confirmPassword} label={t("account.confirm")} required type="password" autoComplete="new-password" />
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t("account.saving") : t("account.save")}
          </button>
        </Form>
      </section>
    </main>
  );
}
