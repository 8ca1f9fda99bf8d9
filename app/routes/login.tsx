import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { LOGIN_WINDOW_MS, afterLoginPath, getSessionUser, login, serializeSessionCookie } from "~/domain/auth.server";
import { useLocale } from "~/i18n/use-locale";
import { LoginSchema } from "~/schemas/auth";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Вхід · Sign in — ЦШР" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  const user = await getSessionUser(request);
  if (user) throw redirect(afterLoginPath(redirectTo, user.role));
  return { redirectTo: redirectTo ?? "" };
}

// The password never goes back to the browser, whatever the outcome.
const hideFields = ["password"];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const result = await login({
    email: submission.value.email,
    password: submission.value.password,
    ipAddress: clientAddress(context),
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok && result.reason === "RATE_LIMITED") {
    return data(submission.reply({ formErrors: ["loginLocked"], hideFields }), {
      status: 429,
      headers: { "Retry-After": String(LOGIN_WINDOW_MS / 1000) },
    });
  }
  if (!result.ok) return data(submission.reply({ formErrors: ["invalidCredentials"], hideFields }), { status: 400 });
  return redirect(afterLoginPath(submission.value.redirectTo, result.user.role), {
    status: 303,
    headers: { "Set-Cookie": await serializeSessionCookie(result.sessionId) },
  });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useLocale();
  const [form, fields] = useForm({
    id: "login",
    lastResult: navigation.state === "idle" ? lastResult : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { redirectTo },
  });
  const submitting = navigation.state === "submitting";
  const { key: redirectKey, ...redirectProps } = getInputProps(fields.redirectTo, { type: "hidden" });

  return (
    <main>
      <h1>{t("auth.title")}</h1>
      <p>{t("auth.lead")}</p>
      <FormErrors form={form} />
      <Form method="post" {...getFormProps(form)} noValidate reloadDocument>
        <input key={redirectKey} {...redirectProps} />
        <TextField meta={fields.email} label={t("auth.email")} required type="email" autoComplete="username" />
        <TextField meta={fields.password} label={t("auth.password")} required type="password" autoComplete="current-password" />
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? t("auth.signingIn") : t("auth.signIn")}
        </button>
      </Form>
      <p className="hint">{t("auth.forgot")}</p>
    </main>
  );
}
