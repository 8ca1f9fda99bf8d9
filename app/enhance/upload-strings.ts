// What the upload script shows, for the pages that send it their strings: the refusals, the
// progress and the lost connection (`files.`), the busy button (`form.`).
export const UPLOAD_STRINGS = ["files.", "form."] as const;
export const UPLOAD_STRINGS_ID = "upload-strings";
