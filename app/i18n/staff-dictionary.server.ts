// Server-only door to the staff dictionary, so that importing it from the root loader never
// pulls it into the public pages' JavaScript.
import type { Locale } from "./locale";
import { staffMessages } from "./staff-messages";

export function staffDictionary(locale: Locale) {
  return staffMessages[locale];
}
