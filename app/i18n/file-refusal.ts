// Why documents were refused, in the page's words: one text for the pages React renders and for
// the script that checks files in the browser (app/enhance/uploads.ts).
import { FILE_LIMITS, type Refusal } from "~/domain/files/rules";

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The refusal (`files.refused.<code>`), naming the file when one was to blame. */
export function fileRefusalText(t: Translate, refusal: Refusal, file?: string | null) {
  const reason = t(`files.refused.${refusal}`, FILE_LIMITS);
  return file ? t("files.refusedFile", { file }) + reason : reason.charAt(0).toUpperCase() + reason.slice(1);
}
