// The staff strings of one language as a script (app/i18n/staff-strings.ts). Signed-in users
// only; versioned by its address, so the browser keeps it until the strings change.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/domain/auth/auth.server";
import { isLocale } from "~/i18n/locale";
import { staffStringsScript } from "~/i18n/staff-dictionary.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  if (!isLocale(params.locale)) throw new Response("Not found", { status: 404 });
  const { body, version } = staffStringsScript(params.locale);
  const current = new URL(request.url).searchParams.get("v") === version;
  return new Response(body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? "private, max-age=31536000, immutable" : "private, no-cache",
    },
  });
}
