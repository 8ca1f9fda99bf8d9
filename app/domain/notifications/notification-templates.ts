// Every message the Centre sends, in Ukrainian and English: a subject and a plain-text body per
// kind, written from the dictionaries' words (app/i18n/messages/mail-*.ts). Pure: the outbox
// (notifications.server.ts) gathers the facts and stores the text. What the enterprise is told
// about the Centre's actions: ./enterprise-notice-templates.ts; what staff are told:
// ./staff-notice-templates.ts; the daily digest: ./digest-template.ts.
import { mailTranslator } from "~/i18n/mail-messages.server";
import { type Locale, formatDateTime } from "~/i18n/locale";
import { type DigestParams, renderDigest } from "./digest-template";
import { type EnterpriseNoticeParams, ENTERPRISE_TEMPLATES } from "./enterprise-notice-templates";
import type { EnterpriseNoticeKind, StaffNoticeKind } from "./notification-kinds";
import type { Template } from "./notification-text";
import { STAFF_TEMPLATES, type StaffNoticeParams } from "./staff-notice-templates";

export type { EnterpriseNoticeKind, StaffNoticeKind } from "./notification-kinds";

/** Messages about getting back in: a new status link, a password reset, a changed password. */
type AccessKind = "statusLinkRenewed" | "passwordReset" | "passwordChanged";

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

type Templates = { [K in NotificationKind]: Template<NotificationParams[K]> };

const TEMPLATES: Templates = {
  requestReceived: (p, t, locale) => ({
    subject: `[${p.reference}] ${t("mail.requestReceived.subject")}`,
    body: [
      t("mail.requestReceived.lead", { title: p.title, reference: p.reference }),
      p.triageDueAt ? t("mail.requestReceived.due", { due: formatDateTime(p.triageDueAt, locale) }) : null,
      "",
      t("mail.requestReceived.link"),
      p.statusUrl,
      "",
      t("mail.requestReceived.keep"),
    ],
  }),
  ...ENTERPRISE_TEMPLATES,
  ...STAFF_TEMPLATES,
  digest: renderDigest,
  statusLinkRenewed: (p, t) => ({
    subject: `[${p.reference}] ${t("mail.statusLinkRenewed.subject")}`,
    body: [
      t(`mail.statusLinkRenewed.lead.${p.by}`, { title: p.title, reference: p.reference }),
      "",
      t("mail.statusLinkRenewed.link"),
      p.statusUrl,
      "",
      t("mail.statusLinkRenewed.old"),
      t("mail.statusLinkRenewed.notAsked"),
      t("mail.statusLinkRenewed.lostAgain", { url: p.lostLinkUrl }),
    ],
  }),
  passwordReset: (p, t, locale) => ({
    subject: t("mail.passwordReset.subject"),
    body: [
      t("mail.passwordReset.lead", { name: p.name }),
      "",
      t("mail.passwordReset.open"),
      p.resetUrl,
      "",
      t("mail.passwordReset.until", { until: formatDateTime(p.expiresAt, locale) }),
      t("mail.passwordReset.notAsked", { url: p.forgotUrl }),
    ],
  }),
  passwordChanged: (p, t, locale) => ({
    subject: t("mail.passwordChanged.subject"),
    body: [
      t(`mail.passwordChanged.lead.${p.how}`, { name: p.name, at: formatDateTime(p.at, locale) }),
      t(`mail.passwordChanged.sessions.${p.how}`),
      t("mail.passwordChanged.notYou", { url: p.forgotUrl }),
    ],
  }),
};

/** One kind in one language. */
function renderNotification<K extends NotificationKind>(kind: K, locale: Locale, params: NotificationParams[K]): RenderedNotification {
  const t = mailTranslator(locale);
  const { subject, body } = (TEMPLATES[kind] as Template<NotificationParams[K]>)(params, t, locale);
  return { subject, body: [...body.filter((line) => line !== null), "", "--", t("mail.signature")].join("\n") };
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
