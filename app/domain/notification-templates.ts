// Every message the Centre sends, in Ukrainian and English: a subject and a plain-text body
// per kind. Pure: the outbox (notifications.server.ts) gathers the facts and stores the text.
// What the enterprise is told about the Centre's actions: ./enterprise-notice-templates.ts;
// what staff are told: ./staff-notice-templates.ts.
import { type Locale, formatDateTime } from "~/i18n/locale";
import { type DigestParams, renderDigest } from "./digest-template";
import { ENTERPRISE_NOTICE_KINDS, type EnterpriseNoticeParams, ENTERPRISE_TEMPLATES } from "./enterprise-notice-templates";
import { type Draft, quote } from "./notification-text";
import { STAFF_NOTICE_KINDS, STAFF_TEMPLATES, type StaffNoticeParams } from "./staff-notice-templates";

export const NOTIFICATION_KINDS = ["requestReceived", ...ENTERPRISE_NOTICE_KINDS, ...STAFF_NOTICE_KINDS, "digest"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type EnterpriseNoticeKind = (typeof ENTERPRISE_NOTICE_KINDS)[number];
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

type RequestFacts = { reference: string; title: string };

export type NotificationParams = {
  /** To the enterprise. The only message that carries the private link (only its hash is stored). */
  requestReceived: RequestFacts & { statusUrl: string; triageDueAt: Date | null };
  /** To a person whose choice for some kinds is the daily digest. */
  digest: DigestParams;
} & { [K in EnterpriseNoticeKind]: EnterpriseNoticeParams } & StaffNoticeParams;

export type RenderedNotification = { subject: string; body: string };

type Templates = { [K in NotificationKind]: Record<Locale, (params: NotificationParams[K]) => Draft> };

const TEMPLATES: Templates = {
  requestReceived: {
    uk: (p) => ({
      subject: `[${p.reference}] Запит отримано`,
      body: [
        `Ваш запит «${p.title}» отримано. Номер запиту: ${p.reference}.`,
        p.triageDueAt ? `Координатор розгляне його орієнтовно до ${formatDateTime(p.triageDueAt, "uk")} (за київським часом).` : null,
        "",
        "Ваше особисте посилання для стеження за запитом:",
        p.statusUrl,
        "",
        "Збережіть цей лист. Лише посилання відкриває сторінку запиту — номер сам по собі нічого не відкриває. Не пересилайте посилання стороннім.",
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] Request received`,
      body: [
        `Your request “${p.title}” has been received. Reference: ${p.reference}.`,
        p.triageDueAt ? `A coordinator will review it by about ${formatDateTime(p.triageDueAt, "en")} (Kyiv time).` : null,
        "",
        "Your private link to follow the request:",
        p.statusUrl,
        "",
        "Keep this email. Only the link opens the request's page — the reference alone opens nothing. Do not share the link.",
      ],
    }),
  },
  ...ENTERPRISE_TEMPLATES,
  ...STAFF_TEMPLATES,
  digest: { uk: (p) => renderDigest("uk", p), en: (p) => renderDigest("en", p) },
};

const SIGNATURE = {
  uk: "Центр швидкого реагування Українського кластерного альянсу. Лист надіслано автоматично — не відповідайте на нього.",
  en: "Rapid Response Centre of the Ukrainian Cluster Alliance. This email was sent automatically — please do not reply to it.",
};

export { quote };

/** One kind in one language. */
export function renderNotification<K extends NotificationKind>(
  kind: K,
  locale: Locale,
  params: NotificationParams[K],
): RenderedNotification {
  const template = TEMPLATES[kind][locale] as (p: NotificationParams[K]) => Draft;
  const { subject, body } = template(params);
  return { subject, body: [...body.filter((line) => line !== null), "", "--", SIGNATURE[locale]].join("\n") };
}

/**
 * Ukrainian first, then English, in one message: we know neither an enterprise's language
 * (the form is offered in both, nothing records which one was used) nor a user's.
 */
export function renderBilingual<K extends NotificationKind>(kind: K, params: NotificationParams[K]): RenderedNotification {
  const uk = renderNotification(kind, "uk", params);
  const en = renderNotification(kind, "en", params);
  return {
    subject: `${uk.subject} · ${en.subject.replace(/^\[[^\]]+\]\s*/, "")}`,
    body: `${uk.body}\n\n========== English ==========\n\n${en.body}`,
  };
}
