// What the enterprise is told when the Centre acts on its request, in Ukrainian and English.
// Each text says what happened, quotes the staff's message when there is one, lists the fields
// that changed, and ends with how to reach the request's page. Which action sends which kind:
// ENTERPRISE_NOTICE in ./announcements.ts.
import type { Locale } from "~/i18n/locale";
import { fieldChangeLine } from "~/i18n/field-change-text";
import { translateStaff } from "~/i18n/staff-messages";
import type { FieldChange } from "../requests/field-changes";
import { type Draft, quote } from "./notification-text";

export const ENTERPRISE_NOTICE_KINDS = [
  "infoRequested",
  "accepted",
  "message",
  "resolved",
  "rejected",
  "duplicate",
  "closed",
  "autoClosed",
  "closedStale",
  "stillNeeded",
  "corrected",
  "reopened",
  "unmerged",
] as const;
type Kind = (typeof ENTERPRISE_NOTICE_KINDS)[number];

export type EnterpriseNoticeParams = {
  reference: string;
  title: string;
  /** The staff's words with the action (the question, the outcome, the reason); "" for none. */
  message: string;
  /** What the action changed, field by field (codes). */
  changes: FieldChange[];
};

/**
 * The enterprise has no account, and the database keeps only a hash of its private link
 * (decision 003): every message after the first points back to the link in the first one.
 */
const LINK_HINT: Record<Locale, string> = {
  uk: "Сторінка запиту відкривається за особистим посиланням з листа «Запит отримано».",
  en: "Your request's page opens with the private link from the “Request received” email.",
};

type Text = {
  subject: string;
  /** What happened, in one sentence about the request titled `title`. */
  lead: (title: string) => string;
  /** What the enterprise can do now; null when nothing. */
  next: string | null;
};

const TEXTS: Record<Kind, Record<Locale, Text>> = {
  infoRequested: {
    uk: {
      subject: "Потрібна ваша відповідь",
      lead: (title) => `Центр просить уточнити ваш запит «${title}»:`,
      next: "Відповісти можна на сторінці запиту. Поки ми чекаємо на відповідь, строки розгляду зупинено.",
    },
    en: {
      subject: "Your answer is needed",
      lead: (title) => `The Centre asks about your request “${title}”:`,
      next: "Please answer on the request's page. The clock is paused while we wait for your answer.",
    },
  },
  accepted: {
    uk: {
      subject: "Запит узято в роботу",
      lead: (title) => `Кластер узяв ваш запит «${title}» у роботу.`,
      next: "Про перебіг ми повідомлятимемо листом і на сторінці запиту.",
    },
    en: {
      subject: "Your request is being worked on",
      lead: (title) => `A cluster has taken your request “${title}” into work.`,
      next: "We will tell you about progress by email and on the request's page.",
    },
  },
  message: {
    uk: {
      subject: "Нове повідомлення щодо запиту",
      lead: (title) => `Центр надіслав повідомлення щодо вашого запиту «${title}»:`,
      next: "Відповісти можна на сторінці запиту.",
    },
    en: {
      subject: "A new message about your request",
      lead: (title) => `The Centre sent a message about your request “${title}”:`,
      next: "You can reply on the request's page.",
    },
  },
  resolved: {
    uk: {
      subject: "Запит виконано",
      lead: (title) => `Кластер повідомив, що ваш запит «${title}» виконано:`,
      next: "Перевірте й підтвердьте виконання на сторінці запиту або відкрийте запит повторно, якщо проблему не розв'язано.",
    },
    en: {
      subject: "Request resolved",
      lead: (title) => `The cluster reports that your request “${title}” is resolved:`,
      next: "Please check and confirm on the request's page, or reopen the request if the problem remains.",
    },
  },
  rejected: {
    uk: {
      subject: "Запит відхилено",
      lead: (title) => `Центр відхилив ваш запит «${title}». Причина:`,
      next: "Якщо обставини зміняться, ви можете подати новий запит.",
    },
    en: {
      subject: "Request rejected",
      lead: (title) => `The Centre rejected your request “${title}”. Reason:`,
      next: "If circumstances change, you can file a new request.",
    },
  },
  duplicate: {
    uk: {
      subject: "Запит закрито як дублікат",
      lead: (title) => `Ваш запит «${title}» закрито як дублікат: ця потреба вже розглядається в іншому запиті.`,
      next: null,
    },
    en: {
      subject: "Request closed as a duplicate",
      lead: (title) => `Your request “${title}” was closed as a duplicate: the same need is already handled in another request.`,
      next: null,
    },
  },
  closed: {
    uk: {
      subject: "Запит закрито",
      lead: (title) => `Центр закрив ваш запит «${title}».`,
      next: "Якщо допомога ще потрібна, відкрийте запит повторно на його сторінці.",
    },
    en: {
      subject: "Request closed",
      lead: (title) => `The Centre closed your request “${title}”.`,
      next: "If you still need help, reopen the request on its page.",
    },
  },
  autoClosed: {
    uk: {
      subject: "Запит закрито",
      lead: (title) => `Виконання вашого запиту «${title}» не було підтверджено вчасно, тож запит закрито автоматично.`,
      next: "Якщо допомога ще потрібна, відкрийте запит повторно на його сторінці.",
    },
    en: {
      subject: "Request closed",
      lead: (title) => `The resolution of your request “${title}” was not confirmed in time, so the request was closed automatically.`,
      next: "If you still need help, reopen the request on its page.",
    },
  },
  closedStale: {
    uk: {
      subject: "Запит закрито без відповіді",
      lead: (title) => `Ми запитували, чи ще потрібна допомога за вашим запитом «${title}», і не отримали відповіді, тож запит закрито.`,
      next: "Якщо допомога ще потрібна, відкрийте запит повторно на його сторінці.",
    },
    en: {
      subject: "Request closed without an answer",
      lead: (title) => `We asked whether you still need help with your request “${title}” and had no answer, so the request was closed.`,
      next: "If you still need help, reopen the request on its page.",
    },
  },
  stillNeeded: {
    uk: {
      subject: "Допомога ще потрібна?",
      lead: (title) => `Ваш запит «${title}» давно без змін. Чи потрібна ще допомога?`,
      next: "Якщо так, напишіть про це на сторінці запиту. Якщо відповіді не буде, запит може бути закрито.",
    },
    en: {
      subject: "Is help still needed?",
      lead: (title) => `Your request “${title}” has not changed for a while. Do you still need help?`,
      next: "If so, say so on the request's page. Without an answer the request may be closed.",
    },
  },
  corrected: {
    uk: {
      subject: "Дані запиту виправлено",
      lead: (title) => `Центр виправив дані вашого запиту «${title}».`,
      next: "Якщо щось виправлено неправильно, напишіть нам на сторінці запиту.",
    },
    en: {
      subject: "Your request's details were corrected",
      lead: (title) => `The Centre corrected the details of your request “${title}”.`,
      next: "If something was corrected wrongly, write to us on the request's page.",
    },
  },
  reopened: {
    uk: {
      subject: "Запит відкрито знову",
      lead: (title) => `Центр знову відкрив ваш запит «${title}». Причина:`,
      next: "Координатор розгляне запит знову; про перебіг ми повідомлятимемо листом і на сторінці запиту.",
    },
    en: {
      subject: "Request reopened",
      lead: (title) => `The Centre reopened your request “${title}”. Reason:`,
      next: "A coordinator will look at it again; we will tell you about progress by email and on the request's page.",
    },
  },
  unmerged: {
    uk: {
      subject: "Запит знову розглядається окремо",
      lead: (title) => `Ваш запит «${title}» більше не вважається дублікатом і знову розглядатиметься окремо. Причина:`,
      next: "Сторінка запиту знову показує перебіг саме цього запиту.",
    },
    en: {
      subject: "Your request is handled on its own again",
      lead: (title) => `Your request “${title}” is no longer treated as a duplicate and will be handled on its own again. Reason:`,
      next: "The request's page shows this request's own progress again.",
    },
  },
};

const CHANGED: Record<Locale, string> = { uk: "Що змінено:", en: "What changed:" };

function render(kind: Kind, locale: Locale, p: EnterpriseNoticeParams): Draft {
  const text = TEXTS[kind][locale];
  const message = p.message.trim();
  return {
    subject: `[${p.reference}] ${text.subject}`,
    body: [
      text.lead(p.title),
      ...(message ? ["", quote(message)] : []),
      ...(p.changes.length
        ? ["", CHANGED[locale], ...p.changes.map((change) => `- ${fieldChangeLine(change, locale, (key, params) => translateStaff(locale, key, params))}`)]
        : []),
      "",
      text.next,
      LINK_HINT[locale],
    ],
  };
}

export const ENTERPRISE_TEMPLATES = Object.fromEntries(
  ENTERPRISE_NOTICE_KINDS.map((kind) => [
    kind,
    { uk: (p: EnterpriseNoticeParams) => render(kind, "uk", p), en: (p: EnterpriseNoticeParams) => render(kind, "en", p) },
  ]),
) as Record<Kind, Record<Locale, (p: EnterpriseNoticeParams) => Draft>>;
