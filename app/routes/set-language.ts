import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/locale";
import { localeCookie } from "~/i18n/locale.server";
import { env } from "~/config/env.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(lang)) return redirect(to, 303);
  return redirect(to, { status: 303, headers: { "Set-Cookie": localeCookie(lang, env.cookieSecure) } });
}

export async function loader() {
  return redirect("/", 303);
}
