// A person's own password: changing it on /account, asking for a reset link, setting a new one
// through that link. The new password follows the rule for passwords an admin types (PASSWORD_MIN).
import { z } from "zod";
import { PASSWORD_MIN } from "./admin";
import { PASSWORD_MAX } from "./auth";
import { emailField } from "./fields";

/** Never trimmed: spaces are part of a password. */
const newPassword = z
  .string({ error: "required" })
  .min(1, { error: "required", abort: true })
  .min(PASSWORD_MIN, `tooShort:${PASSWORD_MIN}`)
  .max(PASSWORD_MAX, `tooLong:${PASSWORD_MAX}`);
const repeated = z.string({ error: "required" }).max(PASSWORD_MAX, `tooLong:${PASSWORD_MAX}`);

function samePasswordTwice(value: { newPassword?: string; confirmPassword?: string }, ctx: z.RefinementCtx) {
  if (value.newPassword !== undefined && value.confirmPassword !== undefined && value.newPassword !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passwordsDiffer" });
  }
}

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "required" }).max(PASSWORD_MAX, `tooLong:${PASSWORD_MAX}`),
    newPassword,
    confirmPassword: repeated,
  })
  .superRefine((value, ctx) => {
    samePasswordTwice(value, ctx);
    if (value.currentPassword !== undefined && value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "newSameAsCurrent" });
    }
  });

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z.object({ newPassword, confirmPassword: repeated }).superRefine(samePasswordTwice);

/** None of them ever goes back to the browser in a form's values. */
export const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"];
