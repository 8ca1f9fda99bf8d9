import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { isResetLinkUsable, resetPasswordWithLink } from "~/domain/auth/account.server";
import { useLocale } from "~/i18n/use-locale";
import { PASSWORD_FIELDS, ResetPasswordSchema } from "~/schemas/account";
import type { z } from "zod";
import { storageAware } from "~/utils/storage-full.server";

/**
 * /reset-password/<token>: the e-mailed single-use link (decision 026). A used, expired or
 * unknown link is a 404 that offers a new one. Served as HTML only (decision 012).
 */
export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Новий пароль · New password — ЦШР" }, { name: "robots", content: "noindex" }];

const NO_STORE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

export function headers() {
  return NO_STORE;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const usable = await isResetLinkUsable({ token: params.token ?? "" });
  return data({ usable }, { status: usable ? 200 : 404, headers: NO_STORE });
}

export const action = storageAware(async ({ request, params }: ActionFunctionArgs) => {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400, headers: NO_STORE });
  const done = await resetPasswordWithLink({ token: params.token ?? "", newPassword: submission.value.newPassword });
  if (!done) return data(submission.reply({ formErrors: ["resetLinkUnusable"], hideFields: PASSWORD_FIELDS }), { status: 404, headers: NO_STORE });
  return redirect("/login?reset=1", { status: 303, headers: NO_STORE });
});

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useLocale();
  const [form, fields] = useForm<z.input<typeof ResetPasswordSchema>>({ id: "reset-password", lastResult });
  if (!usable || lastResult?.error?.[""]?.includes("resetLinkUnusable")) {
    return (
      <main>
        <h1>{t("reset.invalid.title")}</h1>
        <p>{t("reset.invalid.body")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.again")}</Link>
        </p>
      </main>
    );
  }
  return (
    <main>
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.lead")}</p>
      <FormErrors form={form} failed={lastResult?.status === "error"} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <TextField meta={fields.newPassword} label={t("reset.password")} hint={t("reset.password.hint")} required type="password" autoComplete="new-password" />
        <TextField meta={fields.confirmPassword} label={t("reset.confirm")} required type="password" autoComplete="new-password" />
        <button type="submit" className="primary">
          {t("reset.save")}
        </button>
      </Form>
    </main>
  );
}
