// A request's timeline as staff and cluster members see it: every event, public and internal,
// with its author, its field-by-field changes and its message. The enterprise's entries the
// viewer had not seen before opening the page are marked "new"; the entries of the requests
// merged into this one are marked as such, and the other request of a merge is linked where
// the reader may open it.
import { Link } from "@remix-run/react";
import type { StaffRequest } from "~/domain/requests/requests.server";
import { isNewToViewer } from "~/domain/requests/unread";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { EventChanges } from "./event-changes";
import { FileList, type ListedFile } from "./request-files";
import { useLabels } from "./request-labels";
import { localName } from "~/i18n/locale";
import { lineNumbers } from "~/domain/requests/field-changes";

type TimelineEvent = Omit<StaffRequest["events"][number], "createdAt"> & { createdAt: string | Date };

export function RequestTimeline({
  events,
  unreadSince,
  people,
  files = [],
  hrefBase = "",
}: {
  events: TimelineEvent[];
  unreadSince: string | Date | null;
  /** The request's files; each shows under the entry (message, note) it came with. */
  files?: (ListedFile & { eventId: string | null })[];
  hrefBase?: string;
  /** Names of the people an owner change names, by user id. */
  people: Record<string, string>;
}) {
  const { locale, t } = useLocale();
  const label = useLabels();
  return (
    <section className="panel">
      <h2>{t("request.timeline")}</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li
            key={event.id}
            className={[event.visibility === "INTERNAL" ? "event-internal" : "", event.mergedFrom ? "event-merged" : ""].join(" ").trim() || undefined}
          >
            <time dateTime={new Date(event.createdAt).toISOString()}>{label.dateTime(event.createdAt)}</time>
            {event.mergedFrom ? (
              <span className="mark merged">
                {event.mergedFrom.reference ? t("merge.from", { reference: event.mergedFrom.reference }) : t("merge.fromHidden")}
              </span>
            ) : null}{" "}
            <strong>{t(`event.${event.action}` as MessageKey, lineNumbers(event.action, event.changes))}</strong>
            {event.relatedRequest ? (
              <>
                {" "}
                <Link to={`/requests/${event.relatedRequest.reference}`}>{event.relatedRequest.reference}</Link>
              </>
            ) : null}
            {isNewToViewer(event, unreadSince) ? <span className="mark unread">{t("request.newToYou")}</span> : null}
            {event.cluster ? ` — ${localName(event.cluster, locale)}` : null}
            <span className="visibility">
              {event.actor?.name ?? t(`actor.${event.actorType}` as MessageKey)} ·{" "}
              {event.visibility === "INTERNAL" ? t("request.internal") : t("request.public")}
            </span>
            <EventChanges changes={event.changes} people={people} />
            {event.message ? <div className="message">{event.message}</div> : null}
            <FileList files={files.filter((f) => f.eventId === event.id)} hrefBase={hrefBase} />
          </li>
        ))}
      </ol>
    </section>
  );
}
