// Every message the Centre sends, in Ukrainian and English: a subject and a plain-text body
// per kind. Pure: the outbox (notifications.server.ts) gathers the facts and stores the text.
import { type Locale, formatDateTime } from "~/i18n/locale";
import { type Category, type Label, type Urgency, categoryLabel, regionLabel, urgencyLabel } from "./taxonomy";

export const NOTIFICATION_KINDS = [
  "requestReceived",
  "infoRequested",
  "assigned",
  "declined",
  "notAcceptedInTime",
  "resolved",
  "stillNeeded",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

type RequestFacts = { reference: string; title: string };

export type NotificationParams = {
  /** To the enterprise. The only message that carries the private link (only its hash is stored). */
  requestReceived: RequestFacts & { statusUrl: string; triageDueAt: Date | null };
  infoRequested: RequestFacts & { question: string };
  /** To the assigned cluster's contact address and its members. */
  assigned: RequestFacts & { category: Category; urgency: Urgency; region: string; requestUrl: string };
  /** To the coordinators. */
  declined: RequestFacts & { cluster: Label; reason: string; requestUrl: string };
  notAcceptedInTime: RequestFacts & { cluster: Label; requestUrl: string };
  resolved: RequestFacts & { outcome: string };
  stillNeeded: RequestFacts;
};

export type RenderedNotification = { subject: string; body: string };

/** Body lines; null lines are left out (optional facts). */
type Draft = { subject: string; body: (string | null)[] };
type Templates = { [K in NotificationKind]: Record<Locale, (params: NotificationParams[K]) => Draft> };

// The enterprise has no account: every later message points back to the link in the first one.
const LINK_HINT = {
  uk: "Сторінка запиту відкривається за особистим посиланням з листа «Запит отримано».",
  en: "Your request's page opens with the private link from the “Request received” email.",
};

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
  infoRequested: {
    uk: (p) => ({
      subject: `[${p.reference}] Потрібна ваша відповідь`,
      body: [
        `Координатор просить уточнити ваш запит «${p.title}»:`,
        "",
        quote(p.question),
        "",
        "Відповісти можна на сторінці запиту. Поки ми чекаємо на відповідь, строки розгляду зупинено.",
        LINK_HINT.uk,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] Your answer is needed`,
      body: [
        `A coordinator asks about your request “${p.title}”:`,
        "",
        quote(p.question),
        "",
        "Please answer on the request's page. The clock is paused while we wait for your answer.",
        LINK_HINT.en,
      ],
    }),
  },
  assigned: {
    uk: (p) => ({
      subject: `[${p.reference}] Вашому кластеру передано запит`,
      body: [
        `Центр швидкого реагування передав вашому кластеру запит ${p.reference} «${p.title}».`,
        `Категорія: ${categoryLabel(p.category, "uk")}. Терміновість: ${urgencyLabel(p.urgency, "uk")}. Область: ${regionLabel(p.region, "uk")}.`,
        "",
        "Підтвердьте, що берете запит у роботу, або відмовтеся з поясненням:",
        p.requestUrl,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] A request was assigned to your cluster`,
      body: [
        `The Rapid Response Centre assigned request ${p.reference} “${p.title}” to your cluster.`,
        `Category: ${categoryLabel(p.category, "en")}. Urgency: ${urgencyLabel(p.urgency, "en")}. Region: ${regionLabel(p.region, "en")}.`,
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
  resolved: {
    uk: (p) => ({
      subject: `[${p.reference}] Запит виконано`,
      body: [
        `Кластер повідомив, що ваш запит «${p.title}» виконано:`,
        "",
        quote(p.outcome),
        "",
        "Перевірте й підтвердьте виконання на сторінці запиту або відкрийте запит повторно, якщо проблему не розв'язано.",
        LINK_HINT.uk,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] Request resolved`,
      body: [
        `The cluster reports that your request “${p.title}” is resolved:`,
        "",
        quote(p.outcome),
        "",
        "Please check and confirm on the request's page, or reopen the request if the problem remains.",
        LINK_HINT.en,
      ],
    }),
  },
  stillNeeded: {
    uk: (p) => ({
      subject: `[${p.reference}] Допомога ще потрібна?`,
      body: [
        `Ваш запит «${p.title}» давно без змін. Чи потрібна ще допомога?`,
        "Якщо так, напишіть про це на сторінці запиту. Якщо відповіді не буде, запит може бути закрито.",
        LINK_HINT.uk,
      ],
    }),
    en: (p) => ({
      subject: `[${p.reference}] Is help still needed?`,
      body: [
        `Your request “${p.title}” has not changed for a while. Do you still need help?`,
        "If so, say so on the request's page. Without an answer the request may be closed.",
        LINK_HINT.en,
      ],
    }),
  },
};

const SIGNATURE = {
  uk: "Центр швидкого реагування Українського кластерного альянсу. Лист надіслано автоматично — не відповідайте на нього.",
  en: "Rapid Response Centre of the Ukrainian Cluster Alliance. This email was sent automatically — please do not reply to it.",
};

function quote(text: string) {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}

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
