// The e-mails' strings, server only: no page needs them, so they never reach a browser. An e-mail
// also names fields, categories and regions as the pages do, so its translator has the page
// strings too (public and staff), and the same `translate` fills them in.
import type { Locale } from "./locale";
import { type Dictionary, type MessageKey, translate } from "./messages";
import { mailEnterpriseMessages } from "./messages/mail-enterprise";
import { mailStaffMessages } from "./messages/mail-staff";
import { staffMessages } from "./staff-messages";

const uk = { ...mailEnterpriseMessages.uk, ...mailStaffMessages.uk };

export const mailMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: { ...mailEnterpriseMessages.en, ...mailStaffMessages.en },
};

type MailKey = keyof typeof uk;

const withPageStrings: Record<Locale, Dictionary> = {
  uk: { ...staffMessages.uk, ...mailMessages.uk },
  en: { ...staffMessages.en, ...mailMessages.en },
};

/** An e-mail's translator in one language: its own strings, or a page's (a field's or a region's name). */
export function mailTranslator(locale: Locale) {
  return (key: MailKey | MessageKey, params?: Record<string, string | number>) => translate(locale, key as MessageKey, params, withPageStrings[locale]);
}
