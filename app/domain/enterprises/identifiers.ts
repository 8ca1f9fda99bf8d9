// Ukrainian identifiers an enterprise types into the intake form: the EDRPOU code of a legal
// entity, the individual tax number (RNOKPP) of a sole proprietor, and phone numbers; and the
// Centre's own request references.
import { TIME_ZONE } from "~/i18n/locale";

/** A request reference as intake writes it (RRC-2026-000123; the counter may outgrow 6 digits). */
const REFERENCE = /^RRC-\d{4}-\d{6,}$/;

/** A request's reference: its year's counter, at least six digits (RRC-2026-000123). */
export function formatReference(year: number, sequence: number) {
  return `RRC-${year}-${String(sequence).padStart(6, "0")}`;
}

// Building an Intl formatter costs more than using one: made once, when first needed (this
// module reaches the browser with the intake form's checks, which never need it).
let kyivYearFormat: Intl.DateTimeFormat | undefined;

/** The year whose counter numbers a request filed at `filedAt`: the year in Kyiv. */
export function referenceYear(filedAt: Date) {
  kyivYearFormat ??= new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric" });
  return Number(kyivYearFormat.format(filedAt));
}

/**
 * Whether a reference taken from a URL can name a request. Anything else is "not found" before
 * it reaches the database (a lone UTF-16 surrogate, for one, fails the query engine's JSON).
 */
export function isWellFormedReference(reference: string): boolean {
  return REFERENCE.test(reference);
}

function digitsOf(code: string) {
  return Array.from(code, (c) => c.charCodeAt(0) - 48);
}

/**
 * EDRPOU: 8 digits, the last a check digit. Weights 1..7 (or 7,1..6 for codes between
 * 30,000,000 and 60,000,000); if the remainder mod 11 is 10, weights +2 and again; 10 → 0.
 */
export function isValidEdrpou(code: string): boolean {
  if (!/^\d{8}$/.test(code)) return false;
  const d = digitsOf(code);
  const value = Number(code);
  const base = value < 30_000_000 || value > 60_000_000 ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
  const remainder = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11;
  let check = remainder(base);
  if (check === 10) {
    check = remainder(base.map((w) => w + 2));
    if (check === 10) check = 0;
  }
  return check === d[7];
}

/** RNOKPP (individual tax number): 10 digits; check = (Σ wᵢdᵢ mod 11) mod 10. */
export function isValidRnokpp(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  const d = digitsOf(code);
  const weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
  const sum = weights.reduce((acc, w, i) => acc + w * d[i]!, 0);
  return (((sum % 11) + 11) % 11) % 10 === d[9];
}

/** A legal entity's EDRPOU or a sole proprietor's tax number. */
export function isValidEnterpriseCode(code: string): boolean {
  return code.length === 8 ? isValidEdrpou(code) : isValidRnokpp(code);
}

/** Removes the spaces and dashes people put into codes. */
export function cleanEnterpriseCode(input: string) {
  return input.replace(/[\s\-.]/g, "");
}

/**
 * Normalises a Ukrainian phone number in any common spelling ("067 123 45 67",
 * "(067) 123-45-67", "+38 067 1234567", "8 067 …", "380671234567") to +380XXXXXXXXX.
 * Returns null when it is not one.
 */
export function normalizeUkrainianPhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  let national: string;
  if (digits.length === 12 && digits.startsWith("380")) national = digits.slice(3);
  else if (digits.length === 11 && digits.startsWith("80") && !trimmed.startsWith("+")) national = digits.slice(2);
  else if (digits.length === 10 && digits.startsWith("0") && !trimmed.startsWith("+")) national = digits.slice(1);
  else if (digits.length === 9 && !trimmed.startsWith("+")) national = digits;
  else return null;
  if (!/^[1-9]\d{8}$/.test(national)) return null;
  return `+380${national}`;
}

/** Appends the check digit to 7 digits, giving a valid EDRPOU (used to make demo and test data). */
export function completeEdrpou(first7: string): string {
  for (let d = 0; d <= 9; d++) if (isValidEdrpou(`${first7}${d}`)) return `${first7}${d}`;
  throw new Error(`no check digit fits ${first7}`);
}
