// Staff and the assigned cluster's members add documents to a request (a plain multipart post;
// server.mjs streams these bodies through instead of reading them whole).
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/domain/auth/auth.server";
import { addRequestFiles } from "~/domain/files/request-files.server";
import { uploadOutcomeLocation } from "~/utils/file-response.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  const outcome = await addRequestFiles({ uploader: { kind: "staff", reference, viewer: user }, request });
  if (!outcome) throw new Response("Not found", { status: 404 });
  return redirect(uploadOutcomeLocation(`/requests/${reference}`, outcome), 303);
}
