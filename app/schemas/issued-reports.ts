// The admin's regeneration of an issued weekly report (app/routes/admin.exports.tsx): which
// version in force, and why.
import { z } from "zod";
import { freeText } from "./fields";

export const RegenerateReportSchema = z.object({
  id: z.string({ error: "choose" }).regex(/^[a-z0-9]{1,40}$/, "choose"),
  reason: freeText({ error: "required" }).min(1, { error: "required", abort: true }).max(500, "tooLong:500"),
});
