// A page's form that may carry documents: url-encoded as before, or multipart with files. A
// multipart post streams (server.mjs passes these paths' bodies through, as for the upload
// routes): each file goes to scratch space and is checked by its content, and the other fields
// keep the rule every form read whole has (decision 032).
import { translate } from "~/i18n/messages";
import { type ReceivedFile, receiveUpload } from "./receive-upload.server";
import type { Refusal } from "./rules";
import { uploadScratchDir } from "./storage.server";

/**
 * What server.mjs allows a form it reads whole (MAX_BODY_BYTES, MAX_FORM_CHARS): a page's text
 * fields keep that rule when files come with them.
 */
const PAGE_FORM_LIMITS = { fields: 200, bytes: 256 * 1024, chars: 32_000 };

/** The answer to a form past those limits, as server.mjs gives it. */
const FORM_TOO_LARGE = `${translate("uk", "files.formTooLarge")} / ${translate("en", "files.formTooLarge")}`;

export type FormWithFiles = {
  formData: FormData;
  /** Checked documents, still in scratch space; none when a file was refused. */
  files: ReceivedFile[];
  /** Why the documents were refused (all of them), and which file. */
  refusal: { refusal: Refusal; file?: string } | null;
  /** Removes the scratch files; call once the post is written or refused. */
  discard: () => Promise<void>;
};

const nothing = async () => {};

/** Reads a page's post; `fieldNames` limits the fields read (all by default). */
export async function readFormWithFiles(request: Request, { fieldNames }: { fieldNames?: readonly string[] } = {}): Promise<FormWithFiles> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return { formData: await request.formData(), files: [], refusal: null, discard: nothing };
  }
  const received = await receiveUpload(request, { scratchDir: uploadScratchDir(), fieldNames, filesOptional: true, formLimits: PAGE_FORM_LIMITS });
  const formData = new FormData();
  for (const [name, value] of received.entries) formData.append(name, value);
  if (received.ok) return { formData, files: received.files, refusal: null, discard: received.discard };
  return { formData, files: [], refusal: { refusal: received.refusal, file: received.file }, discard: nothing };
}

/** The answer to a post whose text is past the page's limits. */
export function formTooLarge() {
  return new Response(FORM_TOO_LARGE, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
