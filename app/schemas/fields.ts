// Fields that several forms share, written once: the same rules (and the same message keys)
// wherever free text, an e-mail address or a Ukrainian phone number is typed.
import { z } from "zod";
import { normalizeUkrainianPhone } from "~/domain/enterprises/identifiers";

/** C0 controls but tab and line feed, DEL, and C1 controls. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Line breaks as "\n" (browsers send a textarea's as CRLF), every other control character
 * removed: invisible, never typed on purpose (pasted from a PDF, a broken encoding, a script),
 * and not worth refusing a form over (decision 016).
 */
export function withoutControlCharacters(value: string) {
  return value.replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "");
}

/**
 * Free text as it is stored, the start of every free-text field of every form: control
 * characters stripped (withoutControlCharacters), then trimmed. Chain the field's own rules.
 */
export const freeText = (params?: { error: string }) => z.string(params).overwrite(withoutControlCharacters).trim();

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
