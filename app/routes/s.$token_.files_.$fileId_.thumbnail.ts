// A photo's thumbnail on the enterprise's page, through its private link: scoped and sent exactly like the file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openEnterpriseFile } from "~/domain/files/request-files.server";
import { fileResponse } from "~/utils/file-response.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = await openEnterpriseFile({ token: params.token ?? "", fileId: params.fileId ?? "", part: "thumbnail" });
  if (!file) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return fileResponse(file, PRIVATE_HEADERS);
}
