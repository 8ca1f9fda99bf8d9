// The pieces every e-mail template is made of (pure). A template writes one language's message
// from the dictionaries' words (`mail.*`, through the translator it is given) and the facts.
import type { mailTranslator } from "~/i18n/mail-messages.server";
import type { Locale } from "~/i18n/locale";

/** Body lines; null lines are left out (optional facts). */
export type Draft = { subject: string; body: (string | null)[] };

/** The e-mails' translator in one language. */
export type MailText = ReturnType<typeof mailTranslator>;

/** One kind of message: its facts, in the language of `t`. */
export type Template<P> = (params: P, t: MailText, locale: Locale) => Draft;

/** A message quoted as a mail client quotes it. */
export function quote(text: string) {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}
