// What staff and cluster members are told, in Ukrainian and English: a request handed to their
// cluster, a request back with the coordinators, and the enterprise's own activity (a message,
// an answer to a question, a reopening). Each links to the request's staff page, never to the
// enterprise's private page.
import type { Locale } from "~/i18n/locale";
import { type Draft, quote } from "./notification-text";
import { translateStaff } from "~/i18n/staff-messages";
import { regionName } from "~/i18n/taxonomy-names";
import type { Category, Urgency } from "../taxonomy";

/** A cluster's name in both languages. */
type Label = Record<Locale, string>;

export const STAFF_NOTICE_KINDS = ["assigned", "declined", "notAcceptedInTime", "enterpriseReplied", "infoProvided", "enterpriseReopened"] as const;
type Kind = (typeof STAFF_NOTICE_KINDS)[number];

type RequestFacts = { reference: string; title: string; requestUrl: string };
/** The enterprise's words and its name as filed. */
type EnterpriseActivity = RequestFacts & { enterpriseName: string; message: string };

export type StaffNoticeParams = {
  /** To the assigned cluster's contact address and its members. */
  assigned: RequestFacts & { category: Category; urgency: Urgency; region: string };
  /** To the coordinators. */
  declined: RequestFacts & { cluster: Label; reason: string };
  notAcceptedInTime: RequestFacts & { cluster: Label };
  /** To the owner (or the coordinators) and the assigned cluster's members. */
  enterpriseReplied: EnterpriseActivity;
  /** As enterpriseReplied, and to whoever asked the question. */
  infoProvided: EnterpriseActivity;
  enterpriseReopened: EnterpriseActivity;
};

type Templates = { [K in Kind]: Record<Locale, (params: StaffNoticeParams[K]) => Draft> };

export const STAFF_TEMPLATES: Templates = {
  assigned: {
    uk: (p) => ({
      subject: `[${p.reference}] Вашому кластеру передано запит`,
      body: [
        `Центр швидкого реагування передав вашому кластеру запит ${p.reference} «${p.title}».`,
        `Категорія: ${translateStaff("uk", `category.${p.category}`)}. Терміновість: ${translateStaff("uk", `urgency.${p.urgency}.long`)}. Область: ${regionName((key) => translateStaff("uk", key), p.region)}.`,
        "",
        "Підтвердьте, що берете запит у роботу, або відмовтеся з поясненням:",
        p.requestUrl,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] A request was assigned to your cluster`,
      body: [
        `The Rapid Response Centre assigned request ${p.reference} “${p.title}” to your cluster.`,
        `Category: ${translateStaff("en", `category.${p.category}`)}. Urgency: ${translateStaff("en", `urgency.${p.urgency}.long`)}. Region: ${regionName((key) => translateStaff("en", key), p.region)}.`,
        "",
        "Please accept it or decline it with a reason:",
        p.requestUrl,
      ],
    }),
  },
  declined: {
    uk: (p) => ({
      subject: `[${p.reference}] Кластер відмовився від запиту`,
      body: [
        `Кластер «${p.cluster.uk}» відмовився від запиту ${p.reference} «${p.title}». Причина:`,
        "",
        quote(p.reason),
        "",
        "Запит повернуто до черги: оберіть інший кластер.",
        p.requestUrl,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] A cluster declined the request`,
      body: [
        `Cluster “${p.cluster.en}” declined request ${p.reference} “${p.title}”. Reason:`,
        "",
        quote(p.reason),
        "",
        "The request is back in the queue: choose another cluster.",
        p.requestUrl,
      ],
    }),
  },
  notAcceptedInTime: {
    uk: (p) => ({
      subject: `[${p.reference}] Кластер не прийняв запит вчасно`,
      body: [
        `Кластер «${p.cluster.uk}» не підтвердив запит ${p.reference} «${p.title}» у встановлений строк.`,
        "Запит повернуто до черги: оберіть інший кластер.",
        p.requestUrl,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] Not accepted in time`,
      body: [
        `Cluster “${p.cluster.en}” did not accept request ${p.reference} “${p.title}” in time.`,
        "The request is back in the queue: choose another cluster.",
        p.requestUrl,
      ],
    }),
  },
  enterpriseReplied: {
    uk: (p) => activity(p, "Підприємство написало", `Підприємство «${p.enterpriseName}» написало щодо запиту ${p.reference} «${p.title}»:`, null),
    en: (p) => activity(p, "The enterprise wrote", `Enterprise “${p.enterpriseName}” wrote about request ${p.reference} “${p.title}”:`, null),
  },
  infoProvided: {
    uk: (p) =>
      activity(
        p,
        "Підприємство відповіло на запитання",
        `Підприємство «${p.enterpriseName}» відповіло на запитання щодо запиту ${p.reference} «${p.title}»:`,
        "Запит знову чекає на координаторів.",
      ),
    en: (p) =>
      activity(
        p,
        "The enterprise answered",
        `Enterprise “${p.enterpriseName}” answered the question about request ${p.reference} “${p.title}”:`,
        "The request is back with the coordinators.",
      ),
  },
  enterpriseReopened: {
    uk: (p) =>
      activity(
        p,
        "Підприємство відкрило запит повторно",
        `Підприємство «${p.enterpriseName}» відкрило запит ${p.reference} «${p.title}» повторно:`,
        "Запит повернувся до черги координаторів.",
      ),
    en: (p) =>
      activity(
        p,
        "The enterprise reopened the request",
        `Enterprise “${p.enterpriseName}” reopened request ${p.reference} “${p.title}”:`,
        "The request is back in the coordinators' queue.",
      ),
  },
};

function activity(p: EnterpriseActivity, subject: string, lead: string, next: string | null): Draft {
  return { subject: `[${p.reference}] ${subject}`, body: [lead, "", quote(p.message), "", next, p.requestUrl] };
}
