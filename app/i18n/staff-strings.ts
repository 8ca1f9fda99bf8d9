// How staff pages get their strings (docs/decisions/005-own-i18n.md): not in every page's data
// but as one small script per language, cached by the browser for as long as its version holds
// (/i18n/staff/<locale>?v=<hash>). The script puts them on window[STAFF_STRINGS_GLOBAL]; the
// server renders with the same strings handed down from entry.server.tsx.
import { createContext, useContext } from "react";
import type { Locale } from "./locale";
import type { Dictionary } from "./messages";

export type StaffStrings = Partial<Record<Locale, Dictionary>>;

export const STAFF_STRINGS_GLOBAL = "__rrcStaffStrings";

/** Set on the server only (entry.server.tsx); the browser reads the global the script filled. */
export const StaffStringsContext = createContext<StaffStrings | undefined>(undefined);

export function useStaffStrings(locale: Locale): Dictionary | undefined {
  const fromServer = useContext(StaffStringsContext);
  if (fromServer) return fromServer[locale];
  if (typeof window === "undefined") return undefined;
  return (window as unknown as Record<string, StaffStrings | undefined>)[STAFF_STRINGS_GLOBAL]?.[locale];
}
