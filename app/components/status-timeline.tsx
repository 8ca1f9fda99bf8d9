import type { Status } from "~/domain/state-machine";
import { formatDateTime } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";

export type TimelineEvent = { id: string; action: string; message: string | null; createdAt: string | Date; toStatus: Status | null };

export function StatusTimeline({ events }: { events: TimelineEvent[] }) {
  const { locale, t } = useLocale();
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={new Date(event.createdAt).toISOString()}>{formatDateTime(event.createdAt, locale)}</time>
          <strong>{t(`event.${event.action}` as MessageKey)}</strong>
          {event.message ? <div className="message">{event.message}</div> : null}
        </li>
      ))}
    </ol>
  );
}
