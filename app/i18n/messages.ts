// The translator, and the public strings it always has: what the public pages show (the
// enterprise's pages and the sign-in page), in Ukrainian (default) and English, from the area
// files in ./messages. Staff pages' strings (./staff-messages) reach the browser only for
// signed-in staff, as a script (see useLocale), so the pages an enterprise opens on a phone do
// not carry them; e-mails' strings (./mail-messages.server) never do.
import type { Status } from "~/domain/requests/state-machine";
import { errorMessageKey, interpolate } from "./format-message";
import type { Locale } from "./locale";
import { accessMessages } from "./messages/access";
import { authMessages } from "./messages/auth";
import { fileMessages } from "./messages/files";
import { publicLineMessages } from "./messages/lines";
import { publicPageMessages } from "./messages/public-pages";
import type { staffMessages } from "./staff-messages";

const uk = { ...publicPageMessages.uk, ...authMessages.uk, ...fileMessages.uk, ...accessMessages.uk, ...publicLineMessages.uk };
type PublicKey = keyof typeof uk;

// In the order the English block always had (what a page script is handed keeps its bytes).
const en: Record<PublicKey, string> = { ...authMessages.en, ...fileMessages.en, ...accessMessages.en, ...publicPageMessages.en, ...publicLineMessages.en };

/** Every key, public or staff; the staff dictionary itself is not part of this module. */
export type MessageKey = PublicKey | keyof (typeof staffMessages)["uk"];
/** A translator bound to a language (the page's t, the report's, an e-mail's). */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
/** Extra strings for a page (the staff dictionary on staff pages). */
export type Dictionary = Partial<Record<MessageKey, string>>;
/** The public strings: what a browser carries for the pages anyone may open. */
export const publicMessages: Record<Locale, Record<PublicKey, string>> = { uk, en };

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}, extra?: Dictionary) {
  return interpolate((publicMessages[locale] as Dictionary)[key] ?? extra?.[key] ?? key, params);
}

/** Field errors come from the schema as keys with an optional number: "tooShort:20". */
export function translateError(locale: Locale, error: string, extra?: Dictionary) {
  const { key, params } = errorMessageKey(error, locale);
  if (!(key in uk) && !(extra && key in extra)) return error;
  return translate(locale, key as MessageKey, params, extra);
}

export function statusLabel(locale: Locale, status: Status) {
  return translate(locale, `state.${status}`);
}

const picked = new Map<string, Record<string, string>>();

/** The public strings whose keys start with one of `prefixes`, for a page's browser script. */
export function pickMessages(locale: Locale, prefixes: readonly string[]): Record<string, string> {
  const key = `${locale}:${prefixes.join(",")}`;
  let strings = picked.get(key);
  if (!strings) {
    strings = Object.fromEntries(Object.entries(publicMessages[locale]).filter(([k]) => prefixes.some((p) => k.startsWith(p))));
    picked.set(key, strings);
  }
  return strings;
}
