// Canned replies: the admin's form, and the "insert" choice on a request's page.
import { z } from "zod";
import { unknownPlaceholders } from "~/domain/notifications/reply-templates";
import { freeText } from "./fields";

const name = freeText({ error: "required" }).min(1, { error: "required", abort: true }).max(120, "tooLong:120");
const body = freeText({ error: "required" })
  .min(1, { error: "required", abort: true })
  .max(5000, "tooLong:5000")
  .refine((text) => unknownPlaceholders(text).length === 0, "unknownPlaceholder");

export const ReplyTemplateSchema = z.object({ nameUk: name, nameEn: name, bodyUk: body, bodyEn: body });
export type ReplyTemplateInput = z.output<typeof ReplyTemplateSchema>;

/** The submit button that inserts the chosen template instead of posting the form (request page). */
export const INSERT_REPLY = "insertReply";

/**
 * Inserting a template into a message or question: the template and its language
 * ("<id>:uk"), and what was typed so far, given back with the filled text after it.
 */
export const InsertReplySchema = z.object({
  intent: z.enum(["publicMessage", "requestInfo"]),
  replyTemplate: z
    .string({ error: "choose" })
    .regex(/^[A-Za-z0-9_-]{1,40}:(uk|en)$/, "choose")
    .transform((value) => {
      const [templateId, locale] = value.split(":") as [string, "uk" | "en"];
      return { templateId, locale };
    }),
  message: freeText().max(5000, "tooLong:5000").optional(),
});
