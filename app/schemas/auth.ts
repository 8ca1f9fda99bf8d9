// The sign-in form's rules, shared by the server action and the browser. Messages are i18n
// keys (app/i18n/messages.ts). The password is never trimmed or checked against rules here:
// the form must not tell anything about the account beyond "wrong email or password".
import { z } from "zod";
import { emailField } from "./fields";

export const PASSWORD_MAX = 1000;

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: "required" }).max(PASSWORD_MAX, `tooLong:${PASSWORD_MAX}`),
  redirectTo: z.string().optional(),
});
