// A region's name through the page's (or the report's, or an e-mail's) translator. Categories and
// urgencies are looked up directly: t(`category.${code}`), t(`urgency.${code}`).
import { REGIONS, SECTORS, isRegion, isSector, sectorOfDivision } from "~/domain/taxonomy";
import type { Locale } from "./locale";
import type { MessageKey, Translate } from "./messages";

/** A region code by its name; a code no longer in the list (older data) as it was stored. */
export function regionName(t: Translate, code: string) {
  return isRegion(code) ? t(`region.${code}`) : code;
}

/** Options for a <select>, sorted by the name in the given language. */
export function regionOptions(t: Translate, locale: Locale) {
  const collator = new Intl.Collator(locale);
  return REGIONS.map((code) => ({ value: code, label: t(`region.${code}`) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** A section's name with its letter: "C — Переробна промисловість". */
export function sectorName(t: Translate, code: string) {
  return isSector(code) ? `${code} — ${t(`sector.${code}`)}` : code;
}

/** A division's name with its number: "31 — Виробництво меблів". */
export function divisionName(t: Translate, code: string) {
  return sectorOfDivision(code) ? `${code} — ${t(`division.${code}` as MessageKey)}` : code;
}

/** What a cluster serves, a section ("C") or a division ("31"), by its name. */
export function clusterSectorName(t: Translate, code: string) {
  return isSector(code) ? sectorName(t, code) : divisionName(t, code);
}

/** Options for a <select> of sections, in their lettered order (the classification's own). */
export function sectorOptions(t: Translate) {
  return SECTORS.map((code) => ({ value: code, label: sectorName(t, code) }));
}

/**
 * The industry a request was filed from: "C — Переробна промисловість · 31.01, Виробництво
 * меблів" (the class by its division's name); null for a request filed before it was asked.
 */
export function industryName(t: Translate, sector: string | null, naceClass: string | null) {
  if (!sector) return null;
  const division = naceClass?.slice(0, 2);
  const name = division && sectorOfDivision(division) ? `${naceClass}, ${t(`division.${division}` as MessageKey)}` : naceClass;
  return name ? `${sectorName(t, sector)} · ${name}` : sectorName(t, sector);
}
