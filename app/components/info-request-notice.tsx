// On a request's page: while it waits on the enterprise, what was asked, by whom, and where the
// answer takes it; once the enterprise has answered (and nothing has moved it since), the answer,
// addressed to whoever asked.
import { useLabels } from "~/components/request-labels";
import { type InfoExchange } from "~/domain/requests/info-requests";
import { type Status, statusAskedFrom } from "~/domain/requests/state-machine";
import { useLocale } from "~/i18n/use-locale";

export function InfoRequestNotice({
  exchange,
  request,
  viewerId,
}: {
  exchange: InfoExchange | null;
  request: { status: Status; triagedAt: Date | string | null; infoAskedFrom: Status | null };
  viewerId: string;
}) {
  const { t } = useLocale();
  const label = useLabels();
  if (!exchange) return null;
  const { question, ending } = exchange;
  const mine = question.askedBy?.id === viewerId;
  const who = question.askedBy?.name ?? t("actor.SYSTEM");
  if (request.status === "NEEDS_INFO" && !ending) {
    const triagedAt = request.triagedAt ? new Date(request.triagedAt) : null;
    return (
      <section className="notice warn" data-testid="info-waiting">
        <p>{t("ask.waiting", { when: label.dateTime(question.askedAt) })}</p>
        <p>{mine ? t("ask.askedByYou") : t("ask.askedBy", { who })}</p>
        <blockquote className="message">{question.message}</blockquote>
        <p>{t("ask.returnsTo", { status: label.status(statusAskedFrom({ triagedAt, infoAskedFrom: request.infoAskedFrom })) })}</p>
      </section>
    );
  }
  if (!exchange.freshAnswer || !ending) return null;
  return (
    <section className="notice ok" data-testid="info-answered">
      <p>
        <strong>{mine ? t("ask.answeredYou", { when: label.dateTime(ending.at) }) : t("ask.answeredOther", { who, when: label.dateTime(ending.at) })}</strong>
      </p>
      <p>{mine ? t("ask.yourQuestion") : t("ask.theQuestion")}</p>
      <blockquote className="message">{question.message}</blockquote>
      <p>{t("ask.theAnswer")}</p>
      <blockquote className="message">{ending.message}</blockquote>
    </section>
  );
}
