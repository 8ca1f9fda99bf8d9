import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import type { Dictionary, MessageKey } from "./messages";
import { translate, translateError } from "./messages";

/** The page's language and translator, from the root loader (staff strings when signed in). */
export function useLocale() {
  const data = useRouteLoaderData<{ locale: Locale; staffDictionary?: Dictionary | null }>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const extra = data?.staffDictionary ?? undefined;
  return {
    locale,
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params, extra),
    tError: (error: string) => translateError(locale, error, extra),
  };
}
