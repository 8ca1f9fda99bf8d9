import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextareaField } from "~/components/forms";
import { EnhancerScript } from "~/components/enhancer-script";
import { FileField, RequestFiles, authorLabel } from "~/components/request-files";
import { FILE_LIMITS } from "~/domain/files/rules";
import { StatusTimeline } from "~/components/status-timeline";
import { FilesRefusedError, StorageFullError, TransitionError, refusalErrors } from "~/domain/errors";
import { UPLOAD_STRINGS, UPLOAD_STRINGS_ID } from "~/enhance/upload-strings";
import { type FormWithFiles, formTooLarge, readFormWithFiles } from "~/domain/files/form-with-files.server";
import { listEnterpriseFiles } from "~/domain/files/request-files.server";
import { addEnterpriseMessage, enterpriseAction, getStatusPage } from "~/domain/requests/status-page.server";
import { formatDateTime } from "~/i18n/locale";
import { getLocale } from "~/i18n/locale.server";
import { pickMessages, statusLabel } from "~/i18n/messages";
import { industryName, regionName } from "~/i18n/taxonomy-names";
import { useLocale } from "~/i18n/use-locale";
import { EnterpriseAnswerSchema, EnterpriseMessageSchema } from "~/schemas/intake";
import { env } from "~/config/env.server";
import { clientScript } from "~/utils/client-entries.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { passOnHeaders } from "~/utils/route-headers";
import { STORAGE_FULL_INIT } from "~/utils/storage-full";
import type { z } from "zod";

/**
 * The enterprise's page, opened on a phone: served as HTML only, without React in the browser
 * (decision 012). Its forms are plain posts that the server checks and answers.
 */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.request.reference} — ЦШР` : "ЦШР" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request: http }: LoaderFunctionArgs) {
  const request = await getStatusPage(params.token ?? "");
  if (!request) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  const files = await listEnterpriseFiles({ token: params.token ?? "" });
  // Its forms take documents while the request takes messages: their script comes with them.
  const uploads = request.acceptsMessages
    ? { script: clientScript("app/enhance/uploads-page.ts"), strings: pickMessages(getLocale(http), UPLOAD_STRINGS) }
    : null;
  return data(
    { request, files, uploads, token: params.token ?? "", now: new Date().toISOString(), staleCloseDays: env.STALE_CLOSE_DAYS },
    { headers: PRIVATE_HEADERS },
  );
}

export const headers: HeadersFunction = (args) => {
  const headers = passOnHeaders(args) as Headers;
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) headers.set(name, value);
  return headers;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormWithFiles(request, { fieldNames: ["intent", "message"] });
  try {
    return await answer(params.token ?? "", form);
  } finally {
    await form.discard();
  }
}

async function answer(token: string, { formData, files, refusal }: FormWithFiles) {
  if (refusal?.refusal === "formTooLarge") throw formTooLarge();
  if (!formData.has("intent")) formData.set("intent", "message");
  const submission = parseWithZod(formData, { schema: EnterpriseAnswerSchema });
  // A refused file refuses the message: its reason beside the file field, the text kept.
  if (refusal) {
    return data(
      { ...submission.reply({ fieldErrors: { file: [refusal.refusal] } }), refusedFile: refusal.file ?? null },
      { status: 400, headers: PRIVATE_HEADERS },
    );
  }
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: PRIVATE_HEADERS });
  const answer = submission.value;
  // What the page then says it did: an answer to a question, a message, a confirmation…
  let done: StatusPageDone = answer.intent;
  try {
    if (answer.intent === "message") {
      const { plan } = await addEnterpriseMessage({ token, message: answer.message, files });
      if (plan.action === "provideInfo") done = "provideInfo";
    } else await enterpriseAction({ token, action: answer.intent, message: "message" in answer ? answer.message : undefined });
  } catch (error) {
    if (error instanceof StorageFullError) {
      return data(submission.reply({ formErrors: ["unavailable"] }), { ...STORAGE_FULL_INIT, headers: { ...STORAGE_FULL_INIT.headers, ...PRIVATE_HEADERS } });
    }
    if (error instanceof FilesRefusedError) {
      return data({ ...submission.reply(refusalErrors(error)), refusedFile: null }, { status: 400, headers: PRIVATE_HEADERS });
    }
    if (!(error instanceof TransitionError)) throw error;
    if (error.reason === "NOT_FOUND") throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
    // A closed request, or one that changed status while the message was being written.
    return data(submission.reply({ formErrors: [error.reason === "WRONG_STATUS" ? "closed" : "message"] }), {
      status: 409,
      headers: PRIVATE_HEADERS,
    });
  }
  return redirect(`/s/${token}?done=${done}`, { status: 303, headers: PRIVATE_HEADERS });
}

export default function StatusPage() {
  const { request, files, uploads, token, now, staleCloseDays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { locale, t, tError } = useLocale();
  // Rendered on the server only: the message field, with what was typed and the errors of a reply.
  const [form, fields] = useForm<z.input<typeof EnterpriseMessageSchema>>({
    id: "enterprise-message",
    lastResult: lastResult?.initialValue?.intent !== "reopen" ? lastResult : null,
  });
  const lookOverdue = request.status === "NEW" && request.triageDueAt && new Date(request.triageDueAt) < new Date(now);

  return (
    <main>
      <h1>{t("status.title", { reference: request.reference })}</h1>
      <DoneNotice done={searchParams.get("done")} />
      {request.openedAs ? (
        <p className="notice" data-testid="merged-into">
          {t("status.mergedInto", { own: request.openedAs, original: request.reference })}
        </p>
      ) : null}
      <p className="hint">{t("status.private")}</p>
      <p>
        <strong>{request.title}</strong> · {request.enterpriseName}
      </p>
      <h2>{t("status.current")}</h2>
      <p>
        <span className="status-badge" data-status={request.status}>
          {statusLabel(locale, request.status)}
        </span>
      </p>
      <h2>{t("status.next")}</h2>
      <p>{t(`next.${request.status}`)}</p>
      {request.lines.length > 1 ? (
        <>
          <h2>{t("status.lines")}</h2>
          <ol className="lines" data-testid="status-lines">
            {request.lines.map((line) => (
              <li key={line.position}>
                <strong>{t(`category.${line.category}`)}</strong>: {t(`status.lineState.${line.status as Exclude<typeof line.status, "CANCELLED">}`)}
                {line.summary ? <div className="message">{line.summary}</div> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {request.mergedElsewhere ? (
        <p className="notice" data-testid="merged-elsewhere">
          {t("status.mergedElsewhere", { status: statusLabel(locale, request.mergedElsewhere.status) })}
        </p>
      ) : null}
      {request.status === "NEW" && request.triageDueAt ? (
        <p>{lookOverdue ? t("status.overdueLook") : t("status.expectedLook", { when: formatDateTime(request.triageDueAt, locale) })}</p>
      ) : null}
      {request.question ? (
        <blockquote className="notice warn">
          <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{request.question}</p>
        </blockquote>
      ) : null}

      <dl className="facts">
        <dt>{t("status.filed")}</dt>
        <dd>{formatDateTime(request.createdAt, locale)}</dd>
        <dt>{t("status.category")}</dt>
        <dd>{t(`category.${request.category}`)}</dd>
        <dt>{t("status.urgency")}</dt>
        <dd>{t(`urgency.${request.urgency}.long`)}</dd>
        <dt>{t("status.region")}</dt>
        <dd>
          {request.city}, {regionName(t, request.region)}
        </dd>
        {request.sector ? (
          <>
            <dt>{t("field.sector")}</dt>
            <dd>{industryName(t, request.sector, request.naceClass)}</dd>
          </>
        ) : null}
      </dl>

      {request.askedStillNeeded ? (
        <Form method="post" className="notice warn">
          <p>{t("status.stillNeeded", { days: staleCloseDays })}</p>
          <input type="hidden" name="intent" value="confirmStillNeeded" />
          <button type="submit" className="primary">
            {t("status.stillNeededYes")}
          </button>
        </Form>
      ) : null}
      {request.canConfirm ? (
        <Form method="post" className="notice">
          <p>{t("status.confirmPrompt")}</p>
          <input type="hidden" name="intent" value="confirm" />
          <button type="submit" className="primary">
            {t("status.confirm")}
          </button>
        </Form>
      ) : null}
      {request.canReopen ? <ReopenForm /> : null}

      <h2 id="timeline">{t("status.timeline")}</h2>
      <StatusTimeline events={request.events} files={files.map((f) => ({ ...f, addedBy: authorLabel(t, f.author) }))} hrefBase={`/s/${token}/files`} />

      <RequestFiles
        files={files.map((f) => ({ ...f, addedBy: authorLabel(t, f.author) }))}
        hrefBase={`/s/${token}/files`}
        uploadAction={`/s/${token}/files`}
        canUpload={request.acceptsMessages}
        staff={false}
      />

      {request.acceptsMessages ? (
        <>
          <h2>{request.status === "NEEDS_INFO" ? t("status.answerQuestion") : t("status.addMessage")}</h2>
          {form.errors?.length ? (
            <p className="notice error" role="alert">
              {form.errors.map(tError).join(" ")}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
            <input type="hidden" name="intent" value="message" />
            <TextareaField meta={fields.message} label={t("status.messageLabel")} required rows={5} />
            <FileField
              id="enterprise-message-file"
              name="file"
              label={t("files.message.label")}
              hint={`${t("files.limits", FILE_LIMITS)} ${t("files.message.noKeep")}`}
              errors={fields["file" as "message"].errors}
              refusedFile={(lastResult as { refusedFile?: string | null } | undefined)?.refusedFile}
            />
            <button type="submit" className="primary">
              {t("status.send")}
            </button>
          </Form>
        </>
      ) : (
        <p className="notice">
          {t("status.closedNoMessages")}{" "}
          <Link to="/requests/new" reloadDocument>
            {t("nav.newRequest")}
          </Link>
        </p>
      )}
      {uploads ? <EnhancerScript script={uploads.script} strings={uploads.strings} stringsId={UPLOAD_STRINGS_ID} /> : null}
    </main>
  );
}

const DONE = ["message", "provideInfo", "confirm", "reopen", "confirmStillNeeded"] as const;
type StatusPageDone = (typeof DONE)[number];

/** What the enterprise's last post did, in its own words (`?done=` after the redirect). */
function DoneNotice({ done }: { done: string | null }) {
  const { t } = useLocale();
  if (!DONE.includes(done as StatusPageDone)) return null;
  return (
    <p className="notice ok" role="status">
      {t(`status.done.${done as StatusPageDone}`)}
    </p>
  );
}

function ReopenForm() {
  const { t, tError } = useLocale();
  const lastResult = useActionData<typeof action>();
  const mine = lastResult?.initialValue?.intent === "reopen" ? lastResult : undefined;
  const errors = [...(mine?.error?.[""] ?? []), ...(mine?.error?.message ?? [])] as string[];
  return (
    <details className="action" open={Boolean(mine)}>
      <summary>{t("status.reopen")}</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="reopen" />
        <div className="field">
          <label htmlFor="reopen-reason">{t("status.reopenReason")}</label>
          <textarea
            id="reopen-reason"
            name="message"
            rows={4}
            defaultValue={String(mine?.initialValue?.message ?? "")}
            aria-invalid={errors.length ? true : undefined}
          />
          {errors.length ? <p className="errors">{errors.map(tError).join(" ")}</p> : null}
        </div>
        <button type="submit" className="primary">
          {t("status.reopen")}
        </button>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  const { t } = useLocale();
  return (
    <main>
      <h1>{t("status.notFound.title")}</h1>
      <p>{t("status.notFound.body")}</p>
      <p>
        <Link to="/s/lost">{t("lostLink.ask")}</Link>
      </p>
      <p>
        <Link to="/">{t("page.home")}</Link>
      </p>
    </main>
  );
}
