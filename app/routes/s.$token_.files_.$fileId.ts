// A document shown on the enterprise's page, opened through its private link.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openEnterpriseFile } from "~/domain/files/request-files.server";
import { fileResponse } from "~/utils/file-response.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = await openEnterpriseFile({ token: params.token ?? "", fileId: params.fileId ?? "" });
  if (!file) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return fileResponse(file, PRIVATE_HEADERS);
}
