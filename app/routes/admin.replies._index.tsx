// Canned replies: the list and a new one. Editing and deleting: ./admin.replies.$id.tsx.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { ReplyTemplateFields } from "~/components/reply-templates";
import { requireRole } from "~/domain/auth/auth.server";
import { createReplyTemplate, listReplyTemplates } from "~/domain/notifications/reply-templates.server";
import { useLocale } from "~/i18n/use-locale";
import { ReplyTemplateSchema } from "~/schemas/reply-templates";
import { storageAware } from "~/utils/storage-full.server";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction = () => [{ title: "Шаблони відповідей · Reply templates — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return { templates: await listReplyTemplates() };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: ReplyTemplateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await createReplyTemplate({ input: submission.value, actorUserId: admin.id });
  return redirect("/admin/replies?done=created", 303);
});

export default function AdminReplyTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { locale, t } = useLocale();
  const [form, fields] = useForm({
    id: `reply-new-${templates.length}`,
    lastResult: navigation.state === "idle" ? lastResult : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplyTemplateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const done = searchParams.get("done");
  const submitting = navigation.state === "submitting";

  return (
    <main className="wide">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("replies.title")}</h1>
      <p>{t("replies.lead")}</p>
      {done && !lastResult ? (
        <p className="notice ok" role="status">
          {t(done === "deleted" ? "replies.deleted" : "replies.created")}
        </p>
      ) : null}

      <section aria-labelledby="replies-list">
        <h2 id="replies-list">{t("replies.list")}</h2>
        {templates.length ? (
          <ul className="reply-templates">
            {templates.map((template) => (
              <li key={template.id}>
                <Link to={`/admin/replies/${template.id}`}>{localName(template, locale)}</Link>
                <p className="hint">{locale === "uk" ? template.bodyUk : template.bodyEn}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t("replies.empty")}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="reply-new">
        <h2 id="reply-new">{t("replies.new")}</h2>
        <FormErrors form={form} failed={lastResult?.status === "error"} />
        <Form key={form.id} method="post" {...getFormProps(form)} noValidate>
          <ReplyTemplateFields fields={fields} />
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t("admin.saving") : t("replies.create")}
          </button>
        </Form>
      </section>
    </main>
  );
}
