import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { allowPasswordResetRequest } from "~/domain/auth/access-limits.server";
import { requestPasswordReset } from "~/domain/auth/account.server";
import { publicBaseUrl } from "~/domain/notifications/notifications.server";
import { useLocale } from "~/i18n/use-locale";
import { ForgotPasswordSchema } from "~/schemas/account";
import { clientAddress } from "~/utils/request.server";
import type { z } from "zod";
import { storageAware } from "~/utils/storage-full.server";

/**
 * /forgot-password: a single-use link to choose a new password, by e-mail. The answer is the
 * same, after the same time, whether or not the account exists (decision 026). A plain form,
 * served as HTML only (decision 012).
 */
export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Відновлення пароля · Password reset — ЦШР" }, { name: "robots", content: "noindex" }];

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  return data({ sent: new URL(request.url).searchParams.get("sent") === "1" }, { headers: NO_STORE });
}

export const action = storageAware(async ({ request, context }: ActionFunctionArgs) => {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: NO_STORE });
  const { email } = submission.value;
  const limit = await allowPasswordResetRequest({ address: clientAddress(context), email });
  if (!limit.allowed) {
    return data(submission.reply({ formErrors: [`tooManyTries:${Math.ceil(limit.retryAfterSeconds / 60)}`] }), {
      status: 429,
      headers: { ...NO_STORE, "Retry-After": String(limit.retryAfterSeconds) },
    });
  }
  const base = publicBaseUrl();
  await requestPasswordReset({ email, resetUrlFor: (token) => `${base}/reset-password/${token}` });
  return redirect("/forgot-password?sent=1", { status: 303, headers: NO_STORE });
});

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useLocale();
  const [form, fields] = useForm<z.input<typeof ForgotPasswordSchema>>({ id: "forgot-password", lastResult });
  return (
    <main>
      <h1>{t("forgot.title")}</h1>
      {sent && !lastResult ? (
        <p className="notice ok" role="status">
          {t("forgot.sent")}
        </p>
      ) : null}
      <p>{t("forgot.lead")}</p>
      <FormErrors form={form} failed={lastResult?.status === "error"} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <TextField meta={fields.email} label={t("auth.email")} required type="email" autoComplete="username" />
        <button type="submit" className="primary">
          {t("forgot.send")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("auth.signIn")}</Link>
      </p>
    </main>
  );
}
