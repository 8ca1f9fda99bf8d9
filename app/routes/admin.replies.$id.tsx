// One canned reply: change it, or delete it (what was already inserted into messages stays).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { ReplyTemplateFields } from "~/components/reply-templates";
import { requireRole } from "~/domain/auth/auth.server";
import { deleteReplyTemplate, getReplyTemplate, updateReplyTemplate } from "~/domain/notifications/reply-templates.server";
import { useLocale } from "~/i18n/use-locale";
import { ReplyTemplateSchema } from "~/schemas/reply-templates";
import { storageAware } from "~/utils/storage-full.server";
import { localName } from "~/i18n/locale";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.template.nameUk} · Шаблони відповідей — ЦШР` : "ЦШР" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const template = await getReplyTemplate({ id: params.id ?? "" });
  if (!template) throw new Response("Not found", { status: 404 });
  return { template };
}

export const action = storageAware(async ({ request, params }: ActionFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const id = params.id ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    if (!(await deleteReplyTemplate({ id, actorUserId: admin.id }))) throw new Response("Not found", { status: 404 });
    return redirect("/admin/replies?done=deleted", 303);
  }
  const submission = parseWithZod(formData, { schema: ReplyTemplateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (!(await updateReplyTemplate({ id, input: submission.value, actorUserId: admin.id }))) throw new Response("Not found", { status: 404 });
  return redirect(`/admin/replies/${id}?done=saved`, 303);
});

export default function AdminReplyTemplate() {
  const { template } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { locale, t } = useLocale();
  const [form, fields] = useForm({
    // A new form per stored version, so after a save it shows what was stored.
    id: `reply-${template.id}-${new Date(template.updatedAt).getTime()}`,
    lastResult: navigation.state === "idle" ? lastResult : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplyTemplateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { nameUk: template.nameUk, nameEn: template.nameEn, bodyUk: template.bodyUk, bodyEn: template.bodyEn },
  });
  const submitting = navigation.state === "submitting";

  return (
    <main className="wide">
      <p>
        <Link to="/admin/replies">{t("replies.back")}</Link>
      </p>
      <h1>{localName(template, locale)}</h1>
      {searchParams.get("done") && !lastResult ? (
        <p className="notice ok" role="status">
          {t("admin.saved")}
        </p>
      ) : null}
      <FormErrors form={form} failed={lastResult?.status === "error"} />
      <Form key={form.id} method="post" {...getFormProps(form)} noValidate>
        <ReplyTemplateFields fields={fields} />
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? t("admin.saving") : t("admin.save")}
        </button>
      </Form>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value="delete" />
        <p className="hint">{t("replies.delete.hint")}</p>
        <button type="submit" className="secondary" disabled={submitting}>
          {t("replies.delete")}
        </button>
      </Form>
    </main>
  );
}
