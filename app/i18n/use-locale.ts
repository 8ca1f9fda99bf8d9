import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import type { Dictionary, MessageKey } from "./messages";
import { translate, translateError } from "./messages";
import { useStaffStrings } from "./staff-strings";

/**
 * The page's language and translator. The server renders with every page string (the enterprise's
 * pages name categories and regions too); a browser has the staff strings, with those names,
 * only when signed in, and the pages it hydrates then are staff pages.
 */
export function useLocale() {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const extra: Dictionary | undefined = useStaffStrings(locale);
  return {
    locale,
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params, extra),
    tError: (error: string) => translateError(locale, error, extra),
  };
}
