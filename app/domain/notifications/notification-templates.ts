// Every message the Centre sends, in Ukrainian and English: a subject and a plain-text body
// per kind. Pure: the outbox (notifications.server.ts) gathers the facts and stores the text.
// What the enterprise is told about the Centre's actions: ./enterprise-notice-templates.ts;
// what staff are told: ./staff-notice-templates.ts.
import { type Locale, formatDateTime } from "~/i18n/locale";
import { type DigestParams, renderDigest } from "./digest-template";
import { ENTERPRISE_NOTICE_KINDS, type EnterpriseNoticeParams, ENTERPRISE_TEMPLATES } from "./enterprise-notice-templates";
import type { Draft } from "./notification-text";
import { STAFF_NOTICE_KINDS, STAFF_TEMPLATES, type StaffNoticeParams } from "./staff-notice-templates";

/** Messages about getting back in: a new status link, a password reset, a changed password. */
type AccessKind = "statusLinkRenewed" | "passwordReset" | "passwordChanged";

export type EnterpriseNoticeKind = (typeof ENTERPRISE_NOTICE_KINDS)[number];
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];
export type NotificationKind = "requestReceived" | EnterpriseNoticeKind | StaffNoticeKind | "digest" | AccessKind;

type RequestFacts = { reference: string; title: string };

export type NotificationParams = {
  /** To the enterprise. The only message that carries the private link (only its hash is stored). */
  requestReceived: RequestFacts & { statusUrl: string; triageDueAt: Date | null };
  /** To a person whose choice for some kinds is the daily digest. */
  digest: DigestParams;
} & { [K in EnterpriseNoticeKind]: EnterpriseNoticeParams } & StaffNoticeParams & {
    /** To the enterprise: a new private link, the old one stopped working (only its hash is stored). */
    statusLinkRenewed: RequestFacts & { statusUrl: string; by: "enterprise" | "staff"; lostLinkUrl: string };
    /** To a staff member who asked: a single-use link to choose a new password. */
    passwordReset: { name: string; resetUrl: string; expiresAt: Date; forgotUrl: string };
    /** To a staff member whose password was just changed, by them or through a reset link. */
    passwordChanged: { name: string; at: Date; how: "changed" | "reset"; forgotUrl: string };
  };

export type RenderedNotification = { subject: string; body: string };

type Templates = { [K in NotificationKind]: Record<Locale, (params: NotificationParams[K]) => Draft> };

const REQUEST_TEMPLATES: Omit<Templates, AccessKind> = {
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

/** The messages about access: a new status link, a password reset, a changed password. */
const ACCESS_TEMPLATES: Pick<Templates, AccessKind> = {
  statusLinkRenewed: {
    uk: (p) => ({
      subject: `[${p.reference}] Нове посилання на сторінку запиту`,
      body: [
        p.by === "enterprise"
          ? `На сайті Центру попросили нове посилання на сторінку вашого запиту «${p.title}» (номер ${p.reference}), вказавши номер запиту й цю адресу.`
          : `Координатор Центру надіслав вам нове посилання на сторінку вашого запиту «${p.title}» (номер ${p.reference}).`,
        "",
        "Ваше нове особисте посилання:",
        p.statusUrl,
        "",
        "Попереднє посилання більше не відкриває сторінку запиту; усе інше в запиті без змін.",
        "Якщо ви нового посилання не просили — користуйтеся ним: його надіслано лише на цю адресу. Якщо такі листи приходять знову без вашого запиту, повідомте Центр.",
        `Загубите посилання ще раз — нове можна попросити тут: ${p.lostLinkUrl}`,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] A new link to your request's page`,
      body: [
        p.by === "enterprise"
          ? `Someone asked on the Centre's site, giving the reference and this address, for a new link to the page of your request “${p.title}” (reference ${p.reference}).`
          : `A Centre coordinator sent you a new link to the page of your request “${p.title}” (reference ${p.reference}).`,
        "",
        "Your new private link:",
        p.statusUrl,
        "",
        "The previous link no longer opens the request's page; nothing else about the request changed.",
        "If you did not ask for a new link, use this one all the same: it was sent to this address only. If such messages keep coming without your asking, tell the Centre.",
        `Should you lose the link again, ask for a new one here: ${p.lostLinkUrl}`,
      ],
    }),
  },
  passwordReset: {
    uk: (p) => ({
      subject: "Відновлення пароля",
      body: [
        `${p.name}, для вашого облікового запису в трекері Центру швидкого реагування попросили відновити пароль.`,
        "",
        "Щоб задати новий пароль, відкрийте посилання:",
        p.resetUrl,
        "",
        `Посилання діє до ${formatDateTime(p.expiresAt, "uk")} (за київським часом) і лише один раз. Після зміни пароля всі ваші сеанси буде завершено.`,
        `Якщо ви не просили відновлення, нічого не робіть: пароль залишиться тим самим. Нове посилання: ${p.forgotUrl}`,
      ],
    }),
    en: (p) => ({
      subject: "Password reset",
      body: [
        `${p.name}, a password reset was asked for your account on the Rapid Response Centre tracker.`,
        "",
        "To choose a new password, open this link:",
        p.resetUrl,
        "",
        `The link works until ${formatDateTime(p.expiresAt, "en")} (Kyiv time), and only once. Changing the password ends all your sessions.`,
        `If you did not ask for this, do nothing: your password stays as it is. A new link: ${p.forgotUrl}`,
      ],
    }),
  },
  passwordChanged: {
    uk: (p) => ({
      subject: "Ваш пароль змінено",
      body: [
        `${p.name}, пароль вашого облікового запису в трекері Центру швидкого реагування змінено ${formatDateTime(p.at, "uk")} (за київським часом)${p.how === "reset" ? " за посиланням з листа «Відновлення пароля»" : ""}.`,
        p.how === "reset" ? "Усі ваші сеанси завершено." : "Усі ваші інші сеанси завершено.",
        `Якщо це були не ви, одразу відновіть пароль (${p.forgotUrl}) і повідомте адміністратора Центру.`,
      ],
    }),
    en: (p) => ({
      subject: "Your password was changed",
      body: [
        `${p.name}, the password of your account on the Rapid Response Centre tracker was changed on ${formatDateTime(p.at, "en")} (Kyiv time)${p.how === "reset" ? " through the link of a “Password reset” email" : ""}.`,
        p.how === "reset" ? "All your sessions were ended." : "All your other sessions were ended.",
        `If this was not you, reset your password at once (${p.forgotUrl}) and tell the Centre's administrator.`,
      ],
    }),
  },
};

const TEMPLATES: Templates = { ...REQUEST_TEMPLATES, ...ACCESS_TEMPLATES };

const SIGNATURE = {
  uk: "Центр швидкого реагування Українського кластерного альянсу. Лист надіслано автоматично — не відповідайте на нього.",
  en: "Rapid Response Centre of the Ukrainian Cluster Alliance. This email was sent automatically — please do not reply to it.",
};

/** One kind in one language. */
function renderNotification<K extends NotificationKind>(kind: K, locale: Locale, params: NotificationParams[K]): RenderedNotification {
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
