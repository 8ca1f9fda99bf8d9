import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { afterLoginPath, getSessionUser, login, serializeSessionCookie } from "~/domain/auth/auth.server";
import { StorageFullError } from "~/domain/errors";
import { readSignInDevice, serializeDeviceAfterSignIn } from "~/domain/auth/sign-in-device.server";
import { useLocale } from "~/i18n/use-locale";
import { LoginSchema } from "~/schemas/auth";
import { clientAddress } from "~/utils/request.server";
import { passOnHeaders } from "~/utils/route-headers";
import { STORAGE_FULL_INIT } from "~/utils/storage-full";

export const meta: MetaFunction = () => [{ title: "Вхід · Sign in — ЦШР" }, { name: "robots", content: "noindex" }];

/** Retry-After of a 429 or 503 answer reaches the browser. */
export const headers = passOnHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  const user = await getSessionUser(request);
  if (user) throw redirect(afterLoginPath(redirectTo, user.role));
  return { redirectTo: redirectTo ?? "", reset: new URL(request.url).searchParams.get("reset") === "1" };
}

// The password never goes back to the browser, whatever the outcome.
const hideFields = ["password"];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const device = await readSignInDevice(request);
  let result;
  try {
    result = await login({
      email: submission.value.email,
      password: submission.value.password,
      ipAddress: clientAddress(context),
      device,
      userAgent: request.headers.get("User-Agent"),
    });
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    return data(submission.reply({ formErrors: ["unavailable"], hideFields }), STORAGE_FULL_INIT);
  }
  if (!result.ok && result.reason === "RATE_LIMITED") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(submission.reply({ formErrors: [`loginWait:${minutes}`], hideFields }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok) return data(submission.reply({ formErrors: ["invalidCredentials"], hideFields }), { status: 400 });
  // The session, and this browser trusted for the account from now on (decision 015).
  const headers = new Headers();
  headers.append("Set-Cookie", await serializeSessionCookie(result.sessionId));
  headers.append("Set-Cookie", await serializeDeviceAfterSignIn(device, result.user.email));
  return redirect(afterLoginPath(submission.value.redirectTo, result.user.role), { status: 303, headers });
}

export default function Login() {
  const { redirectTo, reset } = useLoaderData<typeof loader>();
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
      {reset && !lastResult ? (
        <p className="notice ok" role="status">
          {t("reset.done")}
        </p>
      ) : null}
      <FormErrors form={form} />
      <Form method="post" {...getFormProps(form)} noValidate reloadDocument>
        <input key={redirectKey} {...redirectProps} />
        <TextField meta={fields.email} label={t("auth.email")} required type="email" autoComplete="username" />
        <TextField meta={fields.password} label={t("auth.password")} required type="password" autoComplete="current-password" />
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? t("auth.signingIn") : t("auth.signIn")}
        </button>
      </Form>
      <p>
        {/* A page served without React: a full page load. */}
        <Link to="/forgot-password" reloadDocument>
          {t("forgot.link")}
        </Link>
      </p>
      <p className="hint">{t("forgot.locked")}</p>
    </main>
  );
}
