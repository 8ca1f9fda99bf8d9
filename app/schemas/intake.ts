// The intake form's rules, written once: the server action and the browser both use this
// schema. Messages are i18n keys (app/i18n/messages.ts), translated where they are shown.
import { z } from "zod";
import { cleanEnterpriseCode, isValidEnterpriseCode } from "~/domain/enterprises/identifiers";
import { CATEGORIES, type Category, REGIONS, SECTORS, type Sector, URGENCIES, normaliseNaceClass, sectorOfDivision } from "~/domain/taxonomy";
import { TIME_ZONE } from "~/i18n/locale";
import { emailField, freeText, phoneField } from "./fields";

export const INTAKE_FIELDS = [
  "enterpriseName",
  "edrpou",
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
  "consent",
  "productionArea",
  "staffCount",
  "equipmentTonnage",
  "destinationRegions",
  "supplyItems",
  "defenceProductType",
  "monthlyCapacity",
  "certifications",
  "need2Category",
  "need2Summary",
  "need3Category",
  "need3Summary",
] as const;

/** The intake form's id on the page (its fields' ids derive from it). */
export const INTAKE_FORM_ID = "intake";

/** The id of the page's JSON with the strings its browser script shows (app/enhance/intake.ts). */
export const INTAKE_STRINGS_ID = "intake-strings";

/** Where the browser keeps the draft of an unsent intake form. */
export const INTAKE_DRAFT_KEY = "rrc:intake-draft";

/** The hidden field that only bots fill in. */
export const HONEYPOT_FIELD = "website";

export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 5000;

const text = (min: number, max: number) => {
  const filled = freeText({ error: "required" }).min(1, { error: "required", abort: true });
  return (min > 1 ? filled.min(min, `tooShort:${min}`) : filled).max(max, `tooLong:${max}`);
};

const optionalText = (max: number) => freeText().max(max, `tooLong:${max}`).optional();

/** A decimal as people type it: "1 200,5" or "1200.5". */
const decimal = (max: number) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const n = Number(value.replace(/[\s\u00a0]/g, "").replace(",", "."));
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: "custom", message: "number" });
        return z.NEVER;
      }
      if (n > max) {
        ctx.addIssue({ code: "custom", message: `tooLarge:${max}` });
        return z.NEVER;
      }
      return n;
    })
    .optional();

const wholeNumber = (max: number) => decimal(max).refine((n) => n === undefined || Number.isInteger(n), { message: "wholeNumber" });

/** Today's date in Kyiv as YYYY-MM-DD, the earliest allowed needed-by date. */
const kyivDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE });

export function kyivToday(now = new Date()) {
  return kyivDateFormat.format(now);
}

/** "2099-02-30" is not a date, though Date.parse would roll it over to March. */
function isCalendarDate(value: string) {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date as the form's date field sends it (YYYY-MM-DD), and a real one. */
export const dateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date", abort: true })
  .refine(isCalendarDate, { error: "date", abort: true });

/** The enterprise's industry as filed: a section, and optionally its main class code ("31.01"). */
const sectorField = z.enum(SECTORS, { error: "choose" }).optional();
const naceClassField = z
  .string()
  .transform((typed, ctx) => {
    if (typed.trim() === "") return undefined;
    const code = normaliseNaceClass(typed);
    if (code === null) {
      ctx.addIssue({ code: "custom", message: "naceClass" });
      return z.NEVER;
    }
    return code;
  })
  .optional();

/**
 * The section is required, unless the class code names it; a code of another section than the
 * one chosen is refused, naming the code's section. Pass it as
 * `superRefine(requireSector, CATEGORY_RULES_ALWAYS)` (intake, staff's corrections).
 */
export function requireSector(value: { sector?: Sector; naceClass?: string }, ctx: z.RefinementCtx) {
  // Run also when fields failed (CATEGORY_RULES_ALWAYS): a refused code is then not a string.
  if (typeof value.naceClass !== "string" && value.naceClass !== undefined) return;
  const ofClass = value.naceClass ? sectorOfDivision(value.naceClass.slice(0, 2)) : undefined;
  if (!value.sector && !ofClass) ctx.addIssue({ code: "custom", path: ["sector"], message: "choose" });
  else if (value.sector && ofClass && ofClass !== value.sector) ctx.addIssue({ code: "custom", path: ["naceClass"], message: `naceOtherSector:${ofClass}` });
}

/** The section filed: the one chosen, or the class code's. */
export function filedSector(value: { sector?: Sector; naceClass?: string }): Sector | null {
  return value.sector ?? (value.naceClass ? (sectorOfDivision(value.naceClass.slice(0, 2)) ?? null) : null);
}

/** How much one other need may say (the request's description holds the whole story). */
const NEED_MAX = 2000;

/** The intake form's fields and their rules, before the rules that tie fields together. */
export const IntakeFields = z.object({
  enterpriseName: text(2, 300),
  edrpou: z
    .string({ error: "required" })
    .transform(cleanEnterpriseCode)
    .refine((code) => /^(\d{8}|\d{10})$/.test(code), { error: "edrpouFormat", abort: true })
    .refine(isValidEnterpriseCode, "edrpouChecksum"),
  contactName: text(2, 200),
  phone: phoneField,
  email: emailField,
  region: z.enum(REGIONS, { error: "choose" }),
  city: text(1, 120),
  sector: sectorField,
  naceClass: naceClassField,
  category: z.enum(CATEGORIES, { error: "choose" }),
  urgency: z.enum(URGENCIES, { error: "choose" }),
  title: text(5, 200),
  description: text(DESCRIPTION_MIN, DESCRIPTION_MAX),
  neededBy: dateField.refine((d) => d >= kyivToday(), "datePast").optional(),
  consent: z.boolean({ error: "consent" }).refine((v) => v, "consent"),
  // Relocation
  productionArea: decimal(10_000_000),
  staffCount: wholeNumber(1_000_000),
  equipmentTonnage: decimal(1_000_000),
  destinationRegions: z
    .array(z.enum(REGIONS, { error: "choose" }))
    .max(REGIONS.length)
    .optional(),
  // Supplies
  supplyItems: optionalText(5000),
  // Defence order (sensitive)
  defenceProductType: optionalText(300),
  monthlyCapacity: optionalText(300),
  certifications: optionalText(1000),
  // Other needs of the same request (decision 055): each becomes a line of its own.
  need2Category: z.enum(CATEGORIES, { error: "choose" }).optional(),
  need2Summary: optionalText(NEED_MAX),
  need3Category: z.enum(CATEGORIES, { error: "choose" }).optional(),
  need3Summary: optionalText(NEED_MAX),
});

/** The form's other needs, by number: the request's own need is the first. */
const OTHER_NEEDS = [2, 3] as const;

/**
 * An other need is given whole or not at all: its category and what is needed. For the intake:
 * pass it as `superRefine(requireWholeNeeds, CATEGORY_RULES_ALWAYS)`.
 */
function requireWholeNeeds(value: Partial<Record<`need${(typeof OTHER_NEEDS)[number]}${"Category" | "Summary"}`, unknown>>, ctx: z.RefinementCtx) {
  for (const n of OTHER_NEEDS) {
    const category = value[`need${n}Category`];
    const summary = value[`need${n}Summary`];
    if (category && !summary) ctx.addIssue({ code: "custom", path: [`need${n}Summary`], message: "required" });
    if (summary && !category) ctx.addIssue({ code: "custom", path: [`need${n}Category`], message: "choose" });
  }
}

/** The other needs filed, in order, each a line of the request after its first. */
export function filedNeeds(value: Partial<Record<`need${(typeof OTHER_NEEDS)[number]}${"Category" | "Summary"}`, string>>) {
  return OTHER_NEEDS.flatMap((n) => {
    const category = value[`need${n}Category`] as Category | undefined;
    const summary = value[`need${n}Summary`];
    return category && summary ? [{ category, summary }] : [];
  });
}

/** The category fields a form holds, with the category they belong to. */
type CategoryFieldValues = { category: Category } & Partial<Record<(typeof CATEGORY_FIELDS)[keyof typeof CATEGORY_FIELDS][number], unknown>>;

/**
 * The fields each category requires. For every form with the category fields (intake, staff's
 * corrections): pass it as `superRefine(requireCategoryFields, CATEGORY_RULES_ALWAYS)`.
 */
export function requireCategoryFields(value: CategoryFieldValues, ctx: z.RefinementCtx) {
  const need = (field: keyof CategoryFieldValues) => {
    if (value[field] === undefined || value[field] === "") {
      ctx.addIssue({ code: "custom", path: [field], message: "requiredForCategory" });
    }
  };
  if (value.category === "RELOCATION") need("productionArea");
  if (value.category === "SUPPLIES") need("supplyItems");
  if (value.category === "DEFENCE_ORDER") need("defenceProductType");
}

/** Run the category rule even when other fields failed, so every missing field is reported at once. */
export const CATEGORY_RULES_ALWAYS = { when: () => true };

export const IntakeSchema = IntakeFields.superRefine(requireCategoryFields, CATEGORY_RULES_ALWAYS)
  .superRefine(requireSector, CATEGORY_RULES_ALWAYS)
  .superRefine(requireWholeNeeds, CATEGORY_RULES_ALWAYS);

export type IntakeInput = z.output<typeof IntakeSchema>;

/** Which category each category-specific field belongs to. */
export const CATEGORY_FIELDS = {
  RELOCATION: ["productionArea", "staffCount", "equipmentTonnage", "destinationRegions"],
  SUPPLIES: ["supplyItems"],
  DEFENCE_ORDER: ["defenceProductType", "monthlyCapacity", "certifications"],
} as const;

/**
 * Drops what was typed into the blocks of categories other than the chosen one (they are
 * hidden on screen), so a stray value there neither fails validation nor gets stored.
 */
export function withoutOtherCategoryFields(formData: FormData) {
  const chosen = formData.get("category");
  const cleaned = new FormData();
  const foreign = new Set<string>(
    Object.entries(CATEGORY_FIELDS)
      .filter(([category]) => category !== chosen)
      .flatMap(([, fields]) => fields),
  );
  for (const [name, value] of formData) if (!foreign.has(name)) cleaned.append(name, value);
  return cleaned;
}

/** What an enterprise posts on its status page: a message, or one of its answers. */
export const EnterpriseMessageSchema = z.object({
  intent: z.literal("message").default("message"),
  message: text(2, DESCRIPTION_MAX),
});
export const EnterpriseAnswerSchema = z.discriminatedUnion("intent", [
  EnterpriseMessageSchema.extend({ intent: z.literal("message") }),
  z.object({ intent: z.literal("confirm") }),
  z.object({ intent: z.literal("confirmStillNeeded") }),
  z.object({ intent: z.literal("reopen"), message: text(2, DESCRIPTION_MAX) }),
]);
