// A region's name through the page's (or the report's, or an e-mail's) translator. Categories and
// urgencies are looked up directly: t(`category.${code}`), t(`urgency.${code}`).
import { REGIONS, isRegion } from "~/domain/taxonomy";
import type { Locale } from "./locale";
import type { Translate } from "./messages";

/** A region code by its name; a code no longer in the list (older data) as it was stored. */
export function regionName(t: Translate, code: string) {
  return isRegion(code) ? t(`region.${code}`) : code;
}

/** Options for a <select>, sorted by the name in the given language. */
export function regionOptions(t: Translate, locale: Locale) {
  const collator = new Intl.Collator(locale);
  return REGIONS.map((code) => ({ value: code, label: t(`region.${code}`) })).sort((a, b) => collator.compare(a.label, b.label));
}
