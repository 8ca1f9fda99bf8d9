// POST /requests/<reference>/status-link — staff send the enterprise a new private link (to the
// e-mail of the request), e.g. when it calls having lost the old one, which stops working.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actorFor, requireStaff } from "~/domain/auth/auth.server";
import { TransitionError } from "~/domain/errors";
import { publicBaseUrl } from "~/domain/notifications/notifications.server";
import { sendNewStatusLink } from "~/domain/requests/status-links.server";
import { storageAware } from "~/utils/storage-full.server";

export const action = storageAware(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireStaff(request);
  const reference = params.reference ?? "";
  const base = publicBaseUrl();
  try {
    await sendNewStatusLink({ reference, viewer: user, actor: actorFor(user), statusUrlFor: (token) => `${base}/s/${token}` });
  } catch (error) {
    if (error instanceof TransitionError && error.reason === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    throw error;
  }
  return redirect(`/requests/${encodeURIComponent(reference)}?done=statusLink`, 303);
});
