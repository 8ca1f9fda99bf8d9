// What staff and cluster members post from a request's page: one schema per action, told
// apart by `intent` (the state machine's action name).
import { z } from "zod";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { freeText } from "./fields";
import { CATEGORY_RULES_ALWAYS, IntakeFields, dateField, requireCategoryFields, requireSector } from "./intake";

const version = z.coerce.number().int().min(0);
const message = freeText({ error: "required" }).min(1, { error: "required", abort: true }).max(5000, "tooLong:5000");
const optionalMessage = freeText().max(5000, "tooLong:5000").optional();
const id = z.string().min(1).max(40);
/** The line a cluster action is for: chosen on a request of several lines, absent on one of one. */
const lineId = z.string({ error: "choose" }).min(1, "choose").max(60).optional();
/**
 * On a request of several lines, each line's version as the page showed it ("id:version",
 * space-separated): a cluster action is checked against its own line's, so two clusters acting
 * on their own lines at once do not refuse each other (decision 055).
 */
const lineVersions = z
  .string()
  .max(2000)
  .optional()
  .transform((listed) => {
    const versions = new Map<string, number>();
    for (const pair of listed?.split(" ") ?? []) {
      const [lineId, seen] = pair.split(":");
      // Anything that is not "id:number" is left out: the action is then checked against the
      // request's version, as on a page that sent none.
      if (lineId && seen !== undefined && /^\d{1,9}$/.test(seen)) versions.set(lineId, Number(seen));
    }
    return versions;
  });

/**
 * "Correct the request": what was filed, with the intake form's own rules (IntakeFields), except
 * the EDRPOU (which enterprise filed it) and the consent. A needed-by date already past may stay
 * as it was; a new one must not be past (checked against the stored date, in the domain).
 */
export const CorrectionSchema = IntakeFields.omit({ edrpou: true, consent: true, neededBy: true })
  .extend({ intent: z.literal("edit"), version, neededBy: dateField.optional(), message: optionalMessage })
  .superRefine(requireCategoryFields, CATEGORY_RULES_ALWAYS)
  .superRefine(requireSector, CATEGORY_RULES_ALWAYS);

export type CorrectionInput = z.output<typeof CorrectionSchema>;

export const RequestActionSchema = z.discriminatedUnion("intent", [
  CorrectionSchema,
  z.object({
    intent: z.literal("triage"),
    version,
    category: z.enum(CATEGORIES, { error: "choose" }),
    urgency: z.enum(URGENCIES, { error: "choose" }),
    ownerId: id.optional(),
    message: optionalMessage,
  }),
  z.object({ intent: z.literal("requestInfo"), version, message }),
  z.object({ intent: z.literal("resumeWithoutReply"), version, message }),
  z.object({
    intent: z.literal("assign"),
    version,
    lineId,
    lineVersions,
    clusterId: z.string({ error: "choose" }).min(1, "choose").max(40),
    message: optionalMessage,
  }),
  z.object({ intent: z.literal("accept"), version, lineId, lineVersions, message: optionalMessage }),
  z.object({ intent: z.literal("decline"), version, lineId, lineVersions, message }),
  z.object({ intent: z.literal("unassign"), version, lineId, lineVersions, message }),
  z.object({ intent: z.literal("resolve"), version, lineId, lineVersions, message }),
  z.object({
    intent: z.literal("splitLine"),
    version,
    category: z.enum(CATEGORIES, { error: "choose" }),
    summary: freeText({ error: "required" }).min(1, { error: "required", abort: true }).max(2000, "tooLong:2000"),
    message: optionalMessage,
  }),
  z.object({
    intent: z.literal("joinLines"),
    version,
    lineId: z.string({ error: "choose" }).min(1, "choose").max(60),
    intoLineId: z.string({ error: "choose" }).min(1, "choose").max(60),
    message: optionalMessage,
  }),
  z.object({ intent: z.literal("close"), version, message: optionalMessage }),
  z.object({ intent: z.literal("reject"), version, message }),
  z.object({
    intent: z.literal("markDuplicate"),
    version,
    duplicateOf: z
      .string({ error: "required" })
      .trim()
      .toUpperCase()
      .regex(/^RRC-\d{4}-\d{6}$/, "unknownReference"),
    message,
  }),
  z.object({ intent: z.literal("reopenByStaff"), version, message }),
  z.object({ intent: z.literal("unmerge"), version, message }),
  z.object({ intent: z.literal("note"), version, message }),
  z.object({ intent: z.literal("adoptEnterpriseDetails"), version }),
  z.object({ intent: z.literal("publicMessage"), version, message }),
  z.object({ intent: z.literal("take"), version }),
  z.object({ intent: z.literal("handOver"), version, ownerId: z.string({ error: "choose" }).min(1, "choose").max(40), message }),
]);

export type RequestActionInput = z.output<typeof RequestActionSchema>;
export type RequestIntent = RequestActionInput["intent"];
