// The page language: the `lang` cookie set by the language switch, Ukrainian by default.
import { DEFAULT_LOCALE, type Locale, isLocale } from "./locale";

const COOKIE = "lang";

export function getLocale(request: Request): Locale {
  const header = request.headers.get("Cookie") ?? "";
  const match = header.match(/(?:^|;\s*)lang=([a-z]{2})/);
  return match && isLocale(match[1]) ? match[1] : DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale, secure: boolean) {
  return `${COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}
