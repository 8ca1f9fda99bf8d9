// The daily digest e-mail: what happened to a person's requests before today's 08:00 (Kyiv),
// request by request, each with its link, in Ukrainian and English. Pure; the sending is
// ./digest.server.ts.
import { type Locale, formatDate, formatDateTime } from "~/i18n/locale";
import type { Draft } from "./notification-text";
import type { StaffNoticeKind } from "./notification-templates";

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

/** What happened, as a line of the digest. */
const WHAT: Record<StaffNoticeKind, Record<Locale, string>> = {
  enterpriseReplied: { uk: "Підприємство написало", en: "The enterprise wrote" },
  infoProvided: { uk: "Підприємство відповіло на запитання", en: "The enterprise answered a question" },
  enterpriseReopened: { uk: "Підприємство відкрило запит повторно", en: "The enterprise reopened the request" },
  assigned: { uk: "Запит передано вашому кластеру", en: "Assigned to your cluster" },
  declined: { uk: "Кластер відмовився від запиту", en: "A cluster declined the request" },
  notAcceptedInTime: { uk: "Кластер не прийняв запит вчасно", en: "A cluster did not accept the request in time" },
};

const TEXT: Record<Locale, { subject: (day: string) => string; lead: (day: string, n: number, requests: number) => string; settings: string }> = {
  uk: {
    subject: (day) => `Щоденний підсумок за ${day}`,
    lead: (day, n, requests) => `Що сталося з вашими запитами до 08:00 ${day} (за київським часом): подій — ${n}, запитів — ${requests}.`,
    settings: "Як надходять сповіщення (одразу, у щоденному підсумку чи ніяк), можна змінити тут:",
  },
  en: {
    subject: (day) => `Daily digest for ${day}`,
    lead: (day, n, requests) =>
      `What happened to your requests before 08:00 on ${day} (Kyiv time): ${n} ${n === 1 ? "event" : "events"} in ${requests} ${requests === 1 ? "request" : "requests"}.`,
    settings: "Choose how notifications reach you (at once, in the daily digest, or not at all):",
  },
};

export function renderDigest(locale: Locale, p: DigestParams): Draft {
  const day = formatDate(p.cutoff, locale);
  const text = TEXT[locale];
  const events = p.requests.reduce((n, r) => n + r.events.length, 0);
  return {
    subject: text.subject(day),
    body: [
      text.lead(day, events, p.requests.length),
      ...p.requests.flatMap((r) => [
        "",
        locale === "uk" ? `${r.reference} «${r.title}»` : `${r.reference} “${r.title}”`,
        r.requestUrl,
        ...r.events.map(
          (e) => `- ${formatDateTime(e.at, locale)} — ${WHAT[e.kind][locale]}${e.excerpt ? (locale === "uk" ? `: «${e.excerpt}»` : `: “${e.excerpt}”`) : ""}`,
        ),
      ]),
      "",
      text.settings,
      p.settingsUrl,
    ],
  };
}
