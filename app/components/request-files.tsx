// Documents on a request: the list (who added each, when, its size and type) and the upload
// form. The form is a plain multipart post, so it works without JavaScript; its outcome comes
// back as `?files=` on the page (see app/utils/file-response.server.ts).
import { useSearchParams } from "@remix-run/react";
import type { Author } from "~/domain/requests/authors";
import { ACCEPTED_EXTENSIONS, FILE_LIMITS, REFUSALS, type Refusal } from "~/domain/files/rules";
import { useEffect, useRef } from "react";
import { installUploads } from "~/enhance/uploads";
import { fileRefusalText } from "~/i18n/file-refusal";
import { formatDateTime } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";

const TYPE_LABEL: Record<string, string> = {
  pdf: "PDF",
  jpeg: "JPEG",
  png: "PNG",
  webp: "WebP",
  heic: "HEIC",
  docx: "Word",
  xlsx: "Excel",
  pptx: "PowerPoint",
  odt: "OpenDocument Text",
  ods: "OpenDocument Spreadsheet",
  odp: "OpenDocument Presentation",
  csv: "CSV",
  txt: "TXT",
};

export type ListedFile = {
  id: string;
  originalName: string;
  size: number;
  type: string;
  createdAt: string | Date;
  /** Staff pages: the person (or null for the enterprise); the enterprise's page: the kind of author. */
  addedBy: string;
  internal?: boolean;
  /** Photos: the thumbnail's size; it is served at `${hrefBase}/${id}/thumbnail`. */
  thumbnail?: { width: number; height: number } | null;
};

function useSize() {
  const { t, locale } = useLocale();
  return (bytes: number) => {
    if (bytes < 1024) return t("files.size.b", { n: bytes });
    const format = (n: number) => n.toLocaleString(locale === "uk" ? "uk-UA" : "en-GB", { maximumFractionDigits: 1 });
    if (bytes < 1024 * 1024) return t("files.size.kb", { n: format(bytes / 1024) });
    return t("files.size.mb", { n: format(bytes / 1024 / 1024) });
  };
}

export function authorLabel(t: ReturnType<typeof useLocale>["t"], author: Author) {
  return t(`files.addedBy.${author}` as MessageKey);
}

export function RequestFiles({
  files,
  hrefBase,
  uploadAction,
  canUpload,
  staff,
}: {
  files: ListedFile[];
  /** Each file is at `${hrefBase}/${id}`. */
  hrefBase: string;
  uploadAction: string;
  canUpload: boolean;
  staff: boolean;
}) {
  const { t } = useLocale();
  const field = useUploads();
  return (
    <section id="files" aria-labelledby="files-title">
      <h2 id="files-title">{t("files.title")}</h2>
      <UploadNotice />
      {files.length ? <FileList files={files} hrefBase={hrefBase} testId="request-file" /> : <p className="hint">{t("files.none")}</p>}
      {canUpload ? (
        <form method="post" action={uploadAction} encType="multipart/form-data" data-upload-form>
          <div className="field">
            <label htmlFor="upload-files">{t("files.add")}</label>
            <input
              ref={field}
              id="upload-files"
              type="file"
              name="file"
              multiple
              accept={ACCEPTED_EXTENSIONS.join(",")}
              aria-describedby="upload-files-hint"
              data-file-field=""
            />
            <p id="upload-files-hint" className="hint">
              {t("files.limits", FILE_LIMITS)} {t("files.photosCleaned")} {t("files.noKeep")}
            </p>
          </div>
          {staff ? (
            <div className="field">
              <label>
                <input type="checkbox" name="visibility" value="PUBLIC" /> {t("files.showToEnterprise")}
              </label>
            </div>
          ) : null}
          <button type="submit" className="secondary">
            {t("files.upload")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Files with who added each, when, their type and size; each a download. Nothing when empty. */
export function FileList({ files, hrefBase, testId = "event-file" }: { files: ListedFile[]; hrefBase: string; testId?: string }) {
  const { t, locale } = useLocale();
  const size = useSize();
  if (!files.length) return null;
  return (
    <ul className="files">
      {files.map((file) => (
        <li key={file.id} data-testid={testId}>
          {file.thumbnail ? (
            <img
              className="file-thumbnail"
              src={`${hrefBase}/${file.id}/thumbnail`}
              alt={t("files.thumbnailAlt", { name: file.originalName })}
              width={file.thumbnail.width}
              height={file.thumbnail.height}
              loading="lazy"
            />
          ) : null}{" "}
          <a href={`${hrefBase}/${file.id}`} download>
            {file.originalName}
          </a>{" "}
          <span className="hint">
            {TYPE_LABEL[file.type] ?? file.type} · {size(file.size)} · {file.addedBy} ·{" "}
            <time dateTime={new Date(file.createdAt).toISOString()}>{formatDateTime(file.createdAt, locale)}</time>
            {file.internal ? ` · ${t("files.internal")}` : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The request page's documents panel: every file, marked when the enterprise does not see it. */
export function StaffRequestFiles({
  files,
  reference,
}: {
  files: (Omit<ListedFile, "addedBy" | "internal"> & { addedByName: string | null; visibility: string })[];
  reference: string;
}) {
  const { t } = useLocale();
  return (
    <section className="panel">
      <RequestFiles
        files={files.map((f) => ({ ...f, addedBy: f.addedByName ?? t("files.addedBy.enterprise"), internal: f.visibility === "INTERNAL" }))}
        hrefBase={`/requests/${reference}/files`}
        uploadAction={`/requests/${reference}/files`}
        canUpload
        staff
      />
    </section>
  );
}

/** What the last upload did: how many files were added, or why none were. */
function UploadNotice() {
  const [searchParams] = useSearchParams();
  const { t } = useLocale();
  const outcome = searchParams.get("files");
  if (outcome === "added") {
    return (
      <p className="notice ok" role="status">
        {t("files.added", { count: Number(searchParams.get("count")) || 0 })}
      </p>
    );
  }
  if (!REFUSALS.includes(outcome as Refusal)) return null;
  return (
    <p className="notice error" role="alert" data-testid="upload-refused">
      {refusalText(t, outcome as Refusal, searchParams.get("file"))}
    </p>
  );
}

/** Why files were refused, naming the file when one was to blame. */
function refusalText(t: ReturnType<typeof useLocale>["t"], refusal: Refusal, file: string | null | undefined) {
  return fileRefusalText((key, params) => t(key as MessageKey, params), refusal, file);
}

/**
 * On the request page (run by React): the browser's checks and progress bars for the form that
 * holds this file field (app/enhance/uploads.ts). Pages served without React load the same code
 * as their own script.
 */
function useUploads() {
  const { t } = useLocale();
  const field = useRef<HTMLInputElement>(null);
  // Read when a message is shown: a new render must not undo the form (and abort its upload).
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    const form = field.current?.form;
    if (!form) return;
    return installUploads(form, (key, params) => translate.current(key as MessageKey, params));
  }, []);
  return field;
}

/**
 * A file field inside a bigger form (the intake form), with its label, its limits and the
 * server's refusal beside it, marked up like app/components/forms.tsx.
 */
export function FileField({
  id,
  name,
  label,
  hint,
  errors,
  refusedFile,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  /** Refusal codes (`files.refused.<code>`). */
  errors?: string[];
  refusedFile?: string | null;
}) {
  const { t } = useLocale();
  const field = useUploads();
  const refusals = (errors ?? []).filter((e): e is Refusal => REFUSALS.includes(e as Refusal));
  const describedBy = [`${id}-description`, refusals.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={field}
        id={id}
        type="file"
        name={name}
        multiple
        accept={ACCEPTED_EXTENSIONS.join(",")}
        aria-describedby={describedBy}
        aria-invalid={refusals.length ? true : undefined}
        data-file-field=""
      />
      <p className="hint" id={`${id}-description`}>
        {hint}
      </p>
      {refusals.length ? (
        <div id={`${id}-error`} className="errors" role="alert">
          {refusals.map((refusal) => (
            <p key={refusal}>{refusalText(t, refusal, refusedFile)}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
