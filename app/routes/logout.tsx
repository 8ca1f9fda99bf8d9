import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logout } from "~/domain/auth/auth.server";
import { storageAware } from "~/utils/storage-full.server";

// Signing out is a POST (a form button), so a link or an image on another page cannot do it.
export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  return redirect("/", { status: 303, headers: { "Set-Cookie": await logout(request) } });
});

export async function loader() {
  return redirect("/");
}
