// A photo's thumbnail, for those who may see the request: scoped and sent exactly like the file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/domain/auth/auth.server";
import { openStaffFile } from "~/domain/files/request-files.server";
import { fileResponse } from "~/utils/file-response.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await openStaffFile({ reference: params.reference ?? "", fileId: params.fileId ?? "", viewer: user, part: "thumbnail" });
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(file);
}
