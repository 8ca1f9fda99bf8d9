// What staff and cluster members are told: a request handed to their cluster, a request back with
// the coordinators, and the enterprise's own activity (a message, an answer to a question, a
// reopening); the words are `mail.<kind>.*` in the dictionaries. Each links to the request's
// staff page, never to the enterprise's private page.
import type { Locale } from "~/i18n/locale";
import { regionName } from "~/i18n/taxonomy-names";
import type { Category, Urgency } from "../taxonomy";
import type { StaffNoticeKind } from "./notification-kinds";
import { type Draft, type MailText, type Template, quote } from "./notification-text";

type RequestFacts = { reference: string; title: string; requestUrl: string };
/** The enterprise's words and its name as filed. */
type EnterpriseActivity = RequestFacts & { enterpriseName: string; message: string };
/** A cluster's name in both languages. */
type ClusterName = Record<Locale, string>;

export type StaffNoticeParams = {
  /** To the assigned cluster's contact address and its members. */
  assigned: RequestFacts & { category: Category; urgency: Urgency; region: string };
  /** To the coordinators. */
  declined: RequestFacts & { cluster: ClusterName; reason: string };
  notAcceptedInTime: RequestFacts & { cluster: ClusterName };
  /** To the owner (or the coordinators) and the assigned cluster's members. */
  enterpriseReplied: EnterpriseActivity;
  /** As enterpriseReplied, and to whoever asked the question. */
  infoProvided: EnterpriseActivity;
  enterpriseReopened: EnterpriseActivity;
};

const subject = (kind: StaffNoticeKind, p: RequestFacts, t: MailText) => `[${p.reference}] ${t(`mail.${kind}.subject`)}`;

/** The enterprise wrote, answered or reopened: its words quoted, then what follows, if anything. */
const activity =
  (kind: "enterpriseReplied" | "infoProvided" | "enterpriseReopened"): Template<EnterpriseActivity> =>
  (p, t): Draft => ({
    subject: subject(kind, p, t),
    body: [
      t(`mail.${kind}.lead`, { enterprise: p.enterpriseName, reference: p.reference, title: p.title }),
      "",
      quote(p.message),
      "",
      kind === "enterpriseReplied" ? null : t(`mail.${kind}.next`),
      p.requestUrl,
    ],
  });

export const STAFF_TEMPLATES: { [K in StaffNoticeKind]: Template<StaffNoticeParams[K]> } = {
  assigned: (p, t) => ({
    subject: subject("assigned", p, t),
    body: [
      t("mail.assigned.lead", { reference: p.reference, title: p.title }),
      t("mail.assigned.facts", { category: t(`category.${p.category}`), urgency: t(`urgency.${p.urgency}.long`), region: regionName(t, p.region) }),
      "",
      t("mail.assigned.next"),
      p.requestUrl,
    ],
  }),
  declined: (p, t, locale) => ({
    subject: subject("declined", p, t),
    body: [
      t("mail.declined.lead", { cluster: p.cluster[locale], reference: p.reference, title: p.title }),
      "",
      quote(p.reason),
      "",
      t("mail.declined.next"),
      p.requestUrl,
    ],
  }),
  notAcceptedInTime: (p, t, locale) => ({
    subject: subject("notAcceptedInTime", p, t),
    body: [
      t("mail.notAcceptedInTime.lead", { cluster: p.cluster[locale], reference: p.reference, title: p.title }),
      t("mail.notAcceptedInTime.next"),
      p.requestUrl,
    ],
  }),
  enterpriseReplied: activity("enterpriseReplied"),
  infoProvided: activity("infoProvided"),
  enterpriseReopened: activity("enterpriseReopened"),
};
