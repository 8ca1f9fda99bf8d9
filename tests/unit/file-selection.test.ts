// What the browser refuses before sending: the same refusal the server would give a file for its
// name, size or number, so a phone does not spend minutes on an upload that cannot be kept.
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, MAX_FILES_PER_SUBMISSION, MAX_SUBMISSION_BYTES, selectionRefusal } from "~/domain/files/rules";
import { fileRefusalText } from "~/i18n/file-refusal";
import { translate } from "~/i18n/messages";
import type { MessageKey } from "~/i18n/messages";

const file = (name: string, size = 1000) => ({ name, size });

describe("selectionRefusal", () => {
  it("lets through what the forms state they take, in any letter case", () => {
    expect(selectionRefusal([])).toBeNull();
    expect(selectionRefusal([file("Перелік обладнання.PDF"), file("фото.jpeg"), file("план.ods"), file("позиції.csv"), file("лист.docx")])).toBeNull();
    expect(
      selectionRefusal(Array.from({ length: MAX_FILES_PER_SUBMISSION }, (_, i) => file(`акт-${i}.pdf`, MAX_SUBMISSION_BYTES / MAX_FILES_PER_SUBMISSION))),
    ).toBeNull();
    expect(selectionRefusal([file("креслення.pdf", MAX_FILE_BYTES)])).toBeNull();
  });

  it("refuses by number, size, emptiness, name and type, naming the file to blame", () => {
    expect(selectionRefusal(Array.from({ length: MAX_FILES_PER_SUBMISSION + 1 }, (_, i) => file(`акт-${i}.pdf`)))).toEqual({ refusal: "tooManyFiles" });
    expect(selectionRefusal([file("а.pdf"), file("креслення.pdf", MAX_FILE_BYTES + 1)])).toEqual({ refusal: "fileTooLarge", file: "креслення.pdf" });
    expect(selectionRefusal([file("порожній.txt", 0)])).toEqual({ refusal: "empty", file: "порожній.txt" });
    expect(selectionRefusal([file("рахунок\u202efdp.exe")])).toEqual({ refusal: "badName", file: "рахунок\u202efdp.exe" });
    expect(selectionRefusal([file("setup.exe")])).toEqual({ refusal: "unsupported", file: "setup.exe" });
    expect(selectionRefusal([file("без розширення")])).toEqual({ refusal: "unsupported", file: "без розширення" });
    expect(selectionRefusal([file("IMG_0042.HEIC")])).toEqual({ refusal: "heic", file: "IMG_0042.HEIC" });
  });

  it("refuses files that fit one by one but not together", () => {
    const three = Array.from({ length: 3 }, (_, i) => file(`том-${i}.pdf`, MAX_FILE_BYTES));
    expect(selectionRefusal(three)).toEqual({ refusal: "submissionTooLarge" });
  });

  it("says it in the page's language with the limits filled in", () => {
    for (const locale of ["uk", "en"] as const) {
      const t = (key: string, params?: Record<string, string | number>) => translate(locale, key as MessageKey, params);
      const text = fileRefusalText(t, "fileTooLarge", "креслення.pdf");
      expect(text).toContain("креслення.pdf");
      expect(text).toMatch(/10 (МБ|MB)/);
      expect(fileRefusalText(t, "tooManyFiles")).toMatch(/^(Забагато|Too many).*10/);
    }
  });
});
