// Filling in a message template, and reading the schema's error codes ("tooShort:20"). Kept
// apart from the dictionaries so a browser script can use it with only the strings it needs.
import type { Locale } from "./locale";

export function interpolate(template: string, params: Record<string, string | number> = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Field errors come from the schema as codes with an optional number or word: "tooShort:20". */
export function errorMessageKey(error: string, locale: Locale) {
  const [name, n] = error.split(":");
  return {
    key: `error.${name}`,
    params: { n: n ? (/^\d+$/.test(n) ? Number(n).toLocaleString(locale === "uk" ? "uk-UA" : "en-GB") : n) : "" },
  };
}
