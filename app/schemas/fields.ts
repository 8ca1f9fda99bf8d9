// Fields that several forms share, written once: the same rules (and the same message keys)
// wherever an e-mail address or a Ukrainian phone number is typed.
import { z } from "zod";
import { normalizeUkrainianPhone } from "~/domain/identifiers";

/** An e-mail address, trimmed and lower-cased. */
export const emailField = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .max(254, "email")
  .pipe(z.email({ error: "email" }));

/** A Ukrainian phone number in any usual spelling, stored as +380XXXXXXXXX. */
export const phoneField = z
  .string({ error: "required" })
  .max(40, "phone")
  .transform((value, ctx) => {
    const phone = normalizeUkrainianPhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "phone" });
      return z.NEVER;
    }
    return phone;
  });
