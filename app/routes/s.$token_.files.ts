// The enterprise adds documents through its private link (a plain multipart post).
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { addRequestFiles } from "~/domain/files/request-files.server";
import { uploadOutcomeLocation } from "~/utils/file-response.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const outcome = await addRequestFiles({ uploader: { kind: "enterprise", token }, request });
  if (!outcome) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return redirect(uploadOutcomeLocation(`/s/${token}`, outcome), { status: 303, headers: PRIVATE_HEADERS });
}
