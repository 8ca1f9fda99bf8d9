// Server-only door to the staff strings, so that importing them from server code never pulls
// them into the public pages' JavaScript. Staff pages load them as a versioned script
// (routes/i18n.staff.$locale.ts; see staff-strings.ts).
import { createHash } from "node:crypto";
import { jsonInScript } from "~/utils/json-in-script";
import type { Locale } from "./locale";
import { staffMessages } from "./staff-messages";
import { STAFF_STRINGS_GLOBAL } from "./staff-strings";

export { staffMessages };

/** The script that hands the staff strings of one language to the browser. */
const scripts = Object.fromEntries(
  (Object.keys(staffMessages) as Locale[]).map((locale) => {
    const json = jsonInScript(staffMessages[locale]);
    const body = `(window.${STAFF_STRINGS_GLOBAL}=window.${STAFF_STRINGS_GLOBAL}||{})[${JSON.stringify(locale)}]=${json};\n`;
    return [locale, { body, version: createHash("sha256").update(body).digest("hex").slice(0, 12) }];
  }),
) as Record<Locale, { body: string; version: string }>;

export function staffStringsScript(locale: Locale) {
  return scripts[locale];
}

/** Where a signed-in page loads its strings from (changes whenever the strings do). */
export function staffStringsSrc(locale: Locale) {
  return `/i18n/staff/${locale}?v=${scripts[locale].version}`;
}
