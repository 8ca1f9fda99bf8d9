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

/**
 * Industries: the 21 sections of NACE Rev. 2 (КВЕД-2010 in Ukraine), A to U. An enterprise
 * names its section and, if it knows it, its main class code ("31.01"); a cluster serves whole
 * sections or single divisions (the class code's first two digits: "31", manufacture of furniture).
 */
export const SECTORS = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U"] as const;
export type Sector = (typeof SECTORS)[number];

/** Each section's divisions, as NACE Rev. 2 numbers them (there are gaps: no 04, 34, 40, …). */
const SECTION_DIVISIONS: Record<Sector, readonly [number, number]> = {
  A: [1, 3],
  B: [5, 9],
  C: [10, 33],
  D: [35, 35],
  E: [36, 39],
  F: [41, 43],
  G: [45, 47],
  H: [49, 53],
  I: [55, 56],
  J: [58, 63],
  K: [64, 66],
  L: [68, 68],
  M: [69, 75],
  N: [77, 82],
  O: [84, 84],
  P: [85, 85],
  Q: [86, 88],
  R: [90, 93],
  S: [94, 96],
  T: [97, 98],
  U: [99, 99],
};

/** Every division ("01" … "99"), in order, with the section it belongs to. */
export const DIVISIONS: readonly { code: string; sector: Sector }[] = SECTORS.flatMap((sector) => {
  const [from, to] = SECTION_DIVISIONS[sector];
  return Array.from({ length: to - from + 1 }, (_, i) => ({ code: String(from + i).padStart(2, "0"), sector }));
});
const DIVISION_SECTOR = new Map(DIVISIONS.map((division) => [division.code, division.sector]));

export function isSector(code: string): code is Sector {
  return (SECTORS as readonly string[]).includes(code);
}

/** The section of a division ("31" → "C"), or undefined for a number NACE does not use. */
export function sectorOfDivision(division: string): Sector | undefined {
  return DIVISION_SECTOR.get(division);
}

/**
 * A class code as people type it — "31.01", "31,01", "3101" — in the one stored form "31.01";
 * null when it is not four digits of a division NACE has.
 */
export function normaliseNaceClass(typed: string): string | null {
  const digits = /^(\d{2})[.,]?(\d{2})$/.exec(typed.replace(/\s/g, ""));
  if (!digits || !DIVISION_SECTOR.has(digits[1]!)) return null;
  return `${digits[1]}.${digits[2]}`;
}

/** What a cluster serves: a section ("C") or a division ("31"). */
export function isClusterSectorCode(code: string) {
  return isSector(code) || DIVISION_SECTOR.has(code);
}

/** Sections and divisions in the classification's order: A, 01, 02, 03, B, 05, … */
const CLUSTER_SECTOR_ORDER = new Map(
  SECTORS.flatMap((sector) => [sector, ...DIVISIONS.filter((d) => d.sector === sector).map((d) => d.code)]).map((code, i) => [code, i]),
);

/** Sorts what a cluster serves in the classification's order. */
export function bySectorOrder(a: string, b: string) {
  return (CLUSTER_SECTOR_ORDER.get(a) ?? Infinity) - (CLUSTER_SECTOR_ORDER.get(b) ?? Infinity);
}
