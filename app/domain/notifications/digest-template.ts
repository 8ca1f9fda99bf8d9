// The daily digest e-mail: what happened to a person's requests before today's 08:00 (Kyiv),
// request by request, each with its link; the words are `mail.digest.*` in the dictionaries.
// Pure; the sending is ./digest.server.ts.
import { formatDate, formatDateTime } from "~/i18n/locale";
import type { StaffNoticeKind } from "./notification-kinds";
import type { Template } from "./notification-text";

export type DigestParams = {
  /** The digest's moment: the Kyiv day's 08:00. */
  cutoff: Date;
  requests: {
    reference: string;
    title: string;
    requestUrl: string;
    events: { at: Date; kind: StaffNoticeKind; excerpt: string | null }[];
  }[];
  /** Where the person changes how notifications reach them. */
  settingsUrl: string;
};

/** English says "1 event" and "2 events"; the other forms are the dictionary's. */
const count = (n: number) => (n === 1 ? "one" : "other");

export const renderDigest: Template<DigestParams> = (p, t, locale) => {
  const day = formatDate(p.cutoff, locale);
  const events = p.requests.reduce((n, r) => n + r.events.length, 0);
  const requests = p.requests.length;
  return {
    subject: t("mail.digest.subject", { day }),
    body: [
      t("mail.digest.lead", {
        day,
        events: t(`mail.digest.events.${count(events)}`, { n: events }),
        requests: t(`mail.digest.requests.${count(requests)}`, { n: requests }),
      }),
      ...p.requests.flatMap((r) => [
        "",
        t("mail.digest.request", { reference: r.reference, title: r.title }),
        r.requestUrl,
        ...r.events.map((e) => {
          const line = { at: formatDateTime(e.at, locale), what: t(`mail.digest.what.${e.kind}`) };
          return e.excerpt ? t("mail.digest.eventQuoted", { ...line, excerpt: e.excerpt }) : t("mail.digest.event", line);
        }),
      ]),
      "",
      t("mail.digest.settings"),
      p.settingsUrl,
    ],
  };
};
