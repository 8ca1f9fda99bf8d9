// The category, urgency and region taxonomies: codes only. Every form, filter, report and the
// database enums use these codes; their names in each language are in the dictionaries
// (app/i18n/messages/taxonomy.ts: `category.<code>`, `urgency.<code>`, `region.<code>`).

export const CATEGORIES = ["RELOCATION", "SUPPLIES", "DEFENCE_ORDER", "LOGISTICS", "ENERGY", "EQUIPMENT", "WORKFORCE", "FINANCE", "EXPORT", "OTHER"] as const;
export type Category = (typeof CATEGORIES)[number];

export const URGENCIES = ["CRITICAL", "HIGH", "NORMAL", "LOW"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** ISO 3166-2:UA: 24 oblasts, Kyiv city, the Autonomous Republic of Crimea, Sevastopol. */
export const REGIONS = [
  "UA-71",
  "UA-74",
  "UA-77",
  "UA-12",
  "UA-14",
  "UA-26",
  "UA-63",
  "UA-65",
  "UA-68",
  "UA-35",
  "UA-32",
  "UA-09",
  "UA-46",
  "UA-48",
  "UA-51",
  "UA-53",
  "UA-56",
  "UA-59",
  "UA-61",
  "UA-05",
  "UA-07",
  "UA-21",
  "UA-23",
  "UA-18",
  "UA-30",
  "UA-43",
  "UA-40",
] as const;
export type Region = (typeof REGIONS)[number];

const REGION_CODES = new Set<string>(REGIONS);

export function isRegion(code: string): code is Region {
  return REGION_CODES.has(code);
}

export function isCategory(code: string): code is Category {
  return (CATEGORIES as readonly string[]).includes(code);
}
export function isUrgency(code: string): code is Urgency {
  return (URGENCIES as readonly string[]).includes(code);
}

/** Categories whose details are sensitive: staff and the assigned cluster only. */
export const SENSITIVE_CATEGORIES: readonly Category[] = ["DEFENCE_ORDER"];

/** Sort key: most urgent first. */
export const URGENCY_RANK: Record<Urgency, number> = { CRITICAL: 0, HIGH: 1, NORMAL: 2, LOW: 3 };
