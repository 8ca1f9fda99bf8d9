// What the upload script shows, for the pages that send it their strings: the refusals and the
// file they name, the progress and the lost connection, the busy button. Only these: they come
// in every page that takes files.
export const UPLOAD_STRINGS = ["files.refused.", "files.refusedFile", "files.upload.", "form.submitting"] as const;
export const UPLOAD_STRINGS_ID = "upload-strings";
