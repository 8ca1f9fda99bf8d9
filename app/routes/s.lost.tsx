import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { allowLostLinkAttempt } from "~/domain/auth/access-limits.server";
import { publicBaseUrl } from "~/domain/notifications/notifications.server";
import { requestNewStatusLink } from "~/domain/requests/status-links.server";
import { useLocale } from "~/i18n/use-locale";
import { LostLinkSchema } from "~/schemas/status-link";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { clientAddress } from "~/utils/request.server";
import type { z } from "zod";
import { storageAware } from "~/utils/storage-full.server";

/**
 * /s/lost: an enterprise that lost its private link asks for a new one. A page an enterprise
 * sees, so served as HTML only (decision 012). "lost" can never be a token (43 characters), and
 * a route's fixed segment wins over `/s/$token`. The answer is the same whether the details
 * matched or not (decision 026).
 */
export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Нове посилання на запит · New link to a request — ЦШР" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return data({ sent: new URL(request.url).searchParams.get("sent") === "1" }, { headers: PRIVATE_HEADERS });
}

export function headers() {
  return PRIVATE_HEADERS;
}

export const action = storageAware(async ({ request, context }: ActionFunctionArgs) => {
  const submission = parseWithZod(await request.formData(), { schema: LostLinkSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: PRIVATE_HEADERS });
  const { reference, email } = submission.value;
  const limit = await allowLostLinkAttempt({ address: clientAddress(context), reference });
  if (!limit.allowed) {
    return data(submission.reply({ formErrors: [`tooManyTries:${Math.ceil(limit.retryAfterSeconds / 60)}`] }), {
      status: 429,
      headers: { ...PRIVATE_HEADERS, "Retry-After": String(limit.retryAfterSeconds) },
    });
  }
  const base = publicBaseUrl();
  await requestNewStatusLink({ reference, email, statusUrlFor: (token) => `${base}/s/${token}` });
  return redirect("/s/lost?sent=1", { status: 303, headers: PRIVATE_HEADERS });
});

export default function LostLink() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useLocale();
  // Rendered on the server only: the fields, with what was typed and the errors of a reply.
  const [form, fields] = useForm<z.input<typeof LostLinkSchema>>({ id: "lost-link", lastResult });
  return (
    <main>
      <h1>{t("lostLink.title")}</h1>
      {sent && !lastResult ? (
        <p className="notice ok" role="status">
          {t("lostLink.sent")}
        </p>
      ) : null}
      <p>{t("lostLink.lead")}</p>
      <FormErrors form={form} failed={lastResult?.status === "error"} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <TextField meta={fields.reference} label={t("lostLink.reference")} hint={t("lostLink.reference.hint")} required autoComplete="off" />
        <TextField meta={fields.email} label={t("lostLink.email")} required type="email" autoComplete="email" />
        <button type="submit" className="primary">
          {t("lostLink.send")}
        </button>
      </Form>
      <p className="hint">{t("lostLink.noEmail")}</p>
    </main>
  );
}
