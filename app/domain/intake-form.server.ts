// The intake form as it arrives: url-encoded as before, or multipart with documents attached.
// A multipart filing streams (server.mjs passes this path's body through, as for the upload
// routes): each file goes to scratch space and is checked by its content, and the other fields
// keep the rule every form read whole has (decision 032).
import { type ReceivedFile, receiveUpload } from "./files/receive-upload.server";
import type { Refusal } from "./files/rules";
import { uploadScratchDir } from "./files/storage.server";
import { HONEYPOT_FIELD, INTAKE_FIELDS } from "~/schemas/intake";

/**
 * What server.mjs allows a form it reads whole (MAX_BODY_BYTES, MAX_FORM_CHARS): the intake's
 * text fields keep that rule when files come with them.
 */
export const INTAKE_FORM_LIMITS = { fields: 100, bytes: 256 * 1024, chars: 32_000 };

/** The answer to a form past those limits, as server.mjs gives it. */
export const FORM_TOO_LARGE = "Форма завелика. / The form is too large.";

export type IntakeForm = {
  formData: FormData;
  /** Checked documents, still in scratch space; none when a file was refused. */
  files: ReceivedFile[];
  /** Why the documents were refused (all of them), and which file. */
  refusal: { refusal: Refusal; file?: string } | null;
  /** Removes the scratch files; call once the filing is written or refused. */
  discard: () => Promise<void>;
};

const nothing = async () => {};

export async function readIntakeForm(request: Request): Promise<IntakeForm> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return { formData: await request.formData(), files: [], refusal: null, discard: nothing };
  }
  const received = await receiveUpload(request, {
    scratchDir: uploadScratchDir(),
    fieldNames: [...INTAKE_FIELDS, HONEYPOT_FIELD],
    filesOptional: true,
    formLimits: INTAKE_FORM_LIMITS,
  });
  const formData = new FormData();
  for (const [name, value] of received.entries) formData.append(name, value);
  if (received.ok) return { formData, files: received.files, refusal: null, discard: received.discard };
  return { formData, files: [], refusal: { refusal: received.refusal, file: received.file }, discard: nothing };
}
