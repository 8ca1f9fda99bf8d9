// The outbox, for admins: every notification and its delivery, newest first, filtered by
// status in the URL; failed messages can be put back in the queue, and due ones sent now.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { requireRole } from "~/domain/auth/auth.server";
import { deliverDueNotifications, listNotifications, retryNotification } from "~/domain/notifications/notifications.server";
import { formatDateTime } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { NOTIFICATION_STATUSES, OutboxActionSchema, outboxSearch, readOutboxParams } from "~/schemas/outbox";
import { storageAware } from "~/utils/storage-full.server";

export const meta: MetaFunction = () => [{ title: "Вихідні повідомлення · Outbox — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const params = readOutboxParams(new URL(request.url).searchParams);
  const outbox = await listNotifications({ status: params.status, page: params.page });
  return { params, outbox };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  await requireRole(request, "ADMIN");
  const { status, page } = readOutboxParams(new URL(request.url).searchParams);
  const submission = parseWithZod(await request.formData(), { schema: OutboxActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.intent === "retry") {
    await retryNotification({ id: submission.value.id });
    return redirect(`/admin/outbox${outboxSearch({ status, page }, { retried: 1 })}`, 303);
  }
  const report = await deliverDueNotifications();
  return redirect(`/admin/outbox${outboxSearch({ status }, report)}`, 303);
});

export default function Outbox() {
  const { params, outbox } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const { rows, counts, total, page, totalPages } = outbox;
  const all = counts.PENDING + counts.SENT + counts.FAILED;
  const when = (d: string | Date) => formatDateTime(d, locale);

  return (
    <main className="wide">
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.lead")}</p>
      <p className="hint">{t(outbox.transport === "smtp" ? "outbox.transport.smtp" : "outbox.transport.file")}</p>

      {params.sent !== undefined ? (
        <p className="notice ok" role="status">
          {t("outbox.delivered", { sent: params.sent, retrying: params.retrying ?? 0, failed: params.failed ?? 0 })}
        </p>
      ) : null}
      {params.retried ? (
        <p className="notice ok" role="status">
          {t("outbox.retried")}
        </p>
      ) : null}

      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="deliver" />
        <button type="submit" className="primary">
          {t("outbox.deliverNow")}
        </button>
      </Form>

      <nav className="toolbar" aria-label={t("outbox.filter")}>
        <Link to="/admin/outbox" aria-current={params.status ? undefined : "page"}>
          {t("outbox.all", { n: all })}
        </Link>
        {NOTIFICATION_STATUSES.map((s) => (
          <Link key={s} to={`/admin/outbox${outboxSearch({ status: s })}`} aria-current={params.status === s ? "page" : undefined}>
            {t(`outbox.status.${s}`)} ({counts[s]})
          </Link>
        ))}
      </nav>

      <TableScroll label={t("outbox.title")}>
        <table className="queue">
          <thead>
            <tr>
              <th scope="col">{t("outbox.col.created")}</th>
              <th scope="col">{t("outbox.col.kind")}</th>
              <th scope="col">{t("outbox.col.recipient")}</th>
              <th scope="col">{t("outbox.col.subject")}</th>
              <th scope="col">{t("outbox.col.status")}</th>
              <th scope="col">{t("outbox.col.attempts")}</th>
              <th scope="col">{t("outbox.col.lastError")}</th>
              <th scope="col">{t("outbox.col.sent")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.id}>
                <td>{when(n.createdAt)}</td>
                <td>
                  {t(`outbox.kind.${n.kind}` as MessageKey)}
                  {n.request ? (
                    <div className="hint">
                      <Link to={`/requests/${n.request.reference}`}>{n.request.reference}</Link>
                    </div>
                  ) : null}
                </td>
                <td>{n.recipient}</td>
                <td>{n.subject}</td>
                <td>
                  {t(`outbox.status.${n.status}`)}
                  {n.status === "PENDING" ? <div className="hint">{t("outbox.nextAttempt", { when: when(n.nextAttemptAt) })}</div> : null}
                  {n.status === "FAILED" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" className="secondary" aria-label={t("outbox.retryLabel", { subject: n.subject, recipient: n.recipient })}>
                        {t("outbox.retry")}
                      </button>
                    </Form>
                  ) : null}
                </td>
                <td>{n.attempts}</td>
                <td>{n.lastError ?? "—"}</td>
                <td>{n.sentAt ? when(n.sentAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {total === 0 ? <p>{t("outbox.empty")}</p> : null}
      <nav className="pager" aria-label={t("queue.page", { page, pages: totalPages })}>
        {page > 1 ? <Link to={`/admin/outbox${outboxSearch({ status: params.status, page: page - 1 })}`}>{t("queue.prev")}</Link> : null}
        <span>{t("queue.page", { page, pages: totalPages })}</span>
        {page < totalPages ? <Link to={`/admin/outbox${outboxSearch({ status: params.status, page: page + 1 })}`}>{t("queue.next")}</Link> : null}
      </nav>
    </main>
  );
}
