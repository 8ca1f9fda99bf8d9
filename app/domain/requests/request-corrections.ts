// Staff's corrections of what an enterprise filed (the `edit` action): the request's corrected
// columns, and what changed, field by field, for the timeline. Pure: the executor
// (request-transition.server.ts) reads the stored request and writes the result.
import { filedSector } from "~/schemas/intake";
import type { CorrectionInput } from "~/schemas/request-actions";
import { DETAIL_FORM_FIELD, categoryDetails, parseDetails } from "./category-details";
import { type FieldChange, fieldChanges } from "./field-changes";
import { requestSearchText } from "../queue/search";
import type { Category, Region, Urgency } from "../taxonomy";

/** The filed fields staff may correct, as the request stores them, in the order the timeline lists them. */
const CORRECTED_FIELDS = [
  "enterpriseName",
  "contactName",
  "phone",
  "email",
  "region",
  "city",
  "sector",
  "naceClass",
  "category",
  "urgency",
  "title",
  "description",
  "neededBy",
] as const;

/** What a correction writes: the filed fields and the category's details (open and sensitive, as JSON). */
export type CorrectedRequest = {
  enterpriseName: string;
  contactName: string;
  phone: string;
  email: string;
  region: string;
  city: string;
  /** A NACE section; null only on a request filed before the intake asked for it. */
  sector: string | null;
  naceClass: string | null;
  category: Category;
  urgency: Urgency;
  title: string;
  description: string;
  neededBy: Date | null;
  details: string;
  sensitiveDetails: string | null;
};

/** A needed-by date as the form gives it (YYYY-MM-DD) and as it is stored (midnight UTC). */
function neededByDate(value: string | undefined | null): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}

/** The corrected request from what staff posted: the details split as intake splits them. */
export function correctedRequest(input: CorrectionInput): CorrectedRequest {
  const { details, sensitiveDetails } = categoryDetails({
    ...input,
    destinationRegions: input.destinationRegions as Region[] | undefined,
  });
  return {
    enterpriseName: input.enterpriseName,
    contactName: input.contactName,
    phone: input.phone,
    email: input.email,
    region: input.region,
    city: input.city,
    sector: filedSector(input),
    naceClass: input.naceClass ?? null,
    category: input.category,
    urgency: input.urgency,
    title: input.title,
    description: input.description,
    neededBy: neededByDate(input.neededBy),
    details,
    sensitiveDetails,
  };
}

/** The prefix of a sensitive detail's field in an event's changes: its values never reach the enterprise. */
export const SENSITIVE_PREFIX = "sensitive.";

const dayCode = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** A detail's value as a code: lists (regions) comma-separated. */
function detailCode(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(",") : null;
  return String(value);
}

function detailChanges(before: string | null, after: string | null, prefix: string): FieldChange[] {
  const from = parseDetails(before);
  const to = parseDetails(after);
  // In the form's order, then anything else stored.
  const keys = [...new Set([...Object.keys(DETAIL_FORM_FIELD), ...Object.keys(from), ...Object.keys(to)])];
  return keys.map((key) => ({ field: `${prefix}${key}`, from: detailCode(from[key]), to: detailCode(to[key]) })).filter((change) => change.from !== change.to);
}

/** What the correction changes, field by field, with codes (the details key by key). */
export function correctionChanges(before: CorrectedRequest, after: CorrectedRequest): FieldChange[] {
  const codes = (r: CorrectedRequest) => ({ ...r, neededBy: dayCode(r.neededBy) });
  return [
    ...fieldChanges(codes(before), codes(after), CORRECTED_FIELDS),
    ...detailChanges(before.details, after.details, ""),
    ...detailChanges(before.sensitiveDetails, after.sensitiveDetails, SENSITIVE_PREFIX),
  ];
}

/** The request's search text after a correction (the search index follows the column). */
export function correctedSearchText(request: { reference: string; edrpou: string }, corrected: CorrectedRequest) {
  return requestSearchText({
    reference: request.reference,
    edrpou: request.edrpou,
    enterpriseName: corrected.enterpriseName,
    title: corrected.title,
    description: corrected.description,
  });
}

/** A needed-by date changed to one before `today` (YYYY-MM-DD); an unchanged past date may stay. */
export function isNewPastNeededBy(stored: Date | null, corrected: Date | null, today: string) {
  const day = dayCode(corrected);
  return day !== null && day !== dayCode(stored) && day < today;
}

/** The centre's own due times, which a changed urgency moves: not part of what the enterprise filed. */
export const DUE_TIME_FIELDS = ["triageDueAt", "resolveDueAt", "acceptDueAt"] as const;

/**
 * What the enterprise's page may show of an event's changes: what it filed, a sensitive detail
 * only as changed (no values), and none of the centre's due times or owners.
 */
export function publicChanges(changes: FieldChange[]): FieldChange[] {
  return changes
    .filter((change) => change.field !== "owner" && !(DUE_TIME_FIELDS as readonly string[]).includes(change.field))
    .map((change) => (change.field.startsWith(SENSITIVE_PREFIX) ? { field: change.field, from: null, to: null } : change));
}
