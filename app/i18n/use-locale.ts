import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import type { Dictionary, MessageKey } from "./messages";
import { translate, translateError } from "./messages";
import { useStaffStrings } from "./staff-strings";

/** The page's language and translator (with the staff strings when signed in). */
export function useLocale() {
  const data = useRouteLoaderData<{ locale: Locale; staffStrings?: string | null }>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const staffStrings = useStaffStrings(locale);
  const extra: Dictionary | undefined = data?.staffStrings ? staffStrings : undefined;
  return {
    locale,
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params, extra),
    tError: (error: string) => translateError(locale, error, extra),
  };
}
