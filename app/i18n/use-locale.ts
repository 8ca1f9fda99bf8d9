import { useRouteLoaderData } from "@remix-run/react";
import type { MessageKey } from "./messages";
import { translate, translateError } from "./messages";
import { DEFAULT_LOCALE, type Locale } from "./locale";

/** The page's language and translator, from the root loader. */
export function useLocale() {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return {
    locale,
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params),
    tError: (error: string) => translateError(locale, error),
  };
}
