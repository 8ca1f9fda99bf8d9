// Cluster-matching strings: one label per reason kind (app/domain/matching/cluster-matching.ts).
// Placeholders: {open}, {accepted}, {resolved}, {of} are counts; {rate} is a formatted percentage.
// Counts follow a colon or "of" so no plural forms are needed.
import type { MatchReason, MatchReasonKind } from "~/domain/matching/cluster-matching";
import type { Locale } from "../locale";
import { sectorMessages } from "./sectors";

type SectorKey = keyof (typeof sectorMessages)["uk"];

/** A name inside a sentence: "Same industry: manufacture of furniture". */
const lowerFirst = (name: string) => name.charAt(0).toLocaleLowerCase() + name.slice(1);

const uk = {
  "matching.reason.handlesCategory": "Працює з цією категорією запитів",
  "matching.reason.lacksCategory": "Не працює з цією категорією запитів",
  "matching.reason.servesRegion": "Працює в області запиту",
  "matching.reason.homeRegion": "Базується в області запиту",
  "matching.reason.outsideRegion": "Не працює в області запиту",
  "matching.reason.sameDivision": "Та сама галузь, що й у підприємства: {name}",
  "matching.reason.sameSector": "Працює із секцією КВЕД підприємства: {name}",
  "matching.reason.otherSector": "Працює з іншими галузями, ніж підприємство",
  "matching.reason.openLoad": "Запитів у роботі зараз: {open}",
  "matching.reason.acceptRate": "Прийняв {accepted} з {of} переданих йому запитів ({rate})",
  "matching.reason.resolveRate": "Виконав {resolved} з {of} прийнятих запитів ({rate})",
  "matching.reason.noHistory": "Ще не має історії роботи із запитами — оцінено як середній",
} satisfies Record<`matching.reason.${MatchReasonKind}`, string>;

export const matchingMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "matching.reason.handlesCategory": "Handles this category of request",
    "matching.reason.lacksCategory": "Does not handle this category of request",
    "matching.reason.servesRegion": "Works in the request's region",
    "matching.reason.homeRegion": "Based in the request's region",
    "matching.reason.outsideRegion": "Does not work in the request's region",
    "matching.reason.sameDivision": "Same industry as the enterprise: {name}",
    "matching.reason.sameSector": "Works with the enterprise's NACE section: {name}",
    "matching.reason.otherSector": "Works with other industries than the enterprise's",
    "matching.reason.openLoad": "Requests in progress now: {open}",
    "matching.reason.acceptRate": "Accepted {accepted} of {of} requests passed to it ({rate})",
    "matching.reason.resolveRate": "Resolved {resolved} of {of} requests it accepted ({rate})",
    "matching.reason.noHistory": "No track record with requests yet — scored as average",
  },
};

export type MatchingMessageKey = keyof typeof uk;

const percent: Record<Locale, Intl.NumberFormat> = {
  uk: new Intl.NumberFormat("uk-UA", { style: "percent", maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }),
};

/** The message key and placeholder values for a reason, ready for translate(locale, key, params). */
export function matchReasonMessage(reason: MatchReason, locale: Locale): { key: MatchingMessageKey; params: Record<string, string | number> } {
  const key = `matching.reason.${reason.kind}` as const;
  switch (reason.kind) {
    case "sameDivision":
      return { key, params: { name: lowerFirst(sectorMessages[locale][`division.${reason.division}` as SectorKey] ?? reason.division) } };
    case "sameSector":
      return { key, params: { name: lowerFirst(sectorMessages[locale][`sector.${reason.sector}` as SectorKey] ?? reason.sector) } };
    case "openLoad":
      return { key, params: { open: reason.open } };
    case "acceptRate":
      return { key, params: { accepted: reason.accepted, of: reason.of, rate: percent[locale].format(reason.rate) } };
    case "resolveRate":
      return { key, params: { resolved: reason.resolved, of: reason.of, rate: percent[locale].format(reason.rate) } };
    default:
      return { key, params: {} };
  }
}
