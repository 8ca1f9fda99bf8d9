// The "lost your link?" form (/s/lost): the request's reference and the e-mail it was filed with.
import { z } from "zod";
import { emailField } from "./fields";

/** RRC-2026-000123, as printed on every message; typed in any letter case, with stray spaces. */
const REFERENCE_PATTERN = /^RRC-\d{4}-\d{6}$/;

export const LostLinkSchema = z.object({
  reference: z
    .string({ error: "required" })
    .transform((value) => value.replace(/\s+/g, "").toUpperCase())
    .pipe(z.string().min(1, { error: "required", abort: true }).max(40, "referenceFormat").regex(REFERENCE_PATTERN, "referenceFormat")),
  email: emailField,
});
