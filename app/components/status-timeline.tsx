import type { FieldChange } from "~/domain/requests/field-changes";
import type { Author } from "~/domain/requests/status-page.server";
import type { Status } from "~/domain/requests/state-machine";
import { formatDateTime } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { EventChanges } from "./event-changes";
import { FileList, type ListedFile } from "./request-files";
import { lineNumbers } from "~/domain/requests/field-changes";

export type TimelineEvent = {
  id: string;
  action: string;
  message: string | null;
  createdAt: string | Date;
  toStatus: Status | null;
  author: Author;
  changes: FieldChange[];
  /** An entry of the enterprise's own request merged into this one. */
  fromReference?: string | null;
};

/** The enterprise's view of its request's history: what happened, who did it, what they wrote. */
export function StatusTimeline({
  events,
  files = [],
  hrefBase = "",
}: {
  events: TimelineEvent[];
  /** The files the enterprise sees; each shows under the entry it came with. */
  files?: (ListedFile & { eventId: string | null })[];
  hrefBase?: string;
}) {
  const { locale, t } = useLocale();
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={new Date(event.createdAt).toISOString()}>{formatDateTime(event.createdAt, locale)}</time>
          <strong>{t(`event.${event.action}` as MessageKey, lineNumbers(event.action, event.changes))}</strong>
          <span className="visibility">{t(`author.${event.author}`)}</span>
          {event.fromReference ? <span className="visibility">{t("status.fromMerged", { reference: event.fromReference })}</span> : null}
          <EventChanges changes={event.changes} publicOnly />
          {event.message ? <div className="message">{event.message}</div> : null}
          <FileList files={files.filter((f) => f.eventId === event.id)} hrefBase={hrefBase} />
        </li>
      ))}
    </ol>
  );
}
