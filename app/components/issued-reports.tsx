// The admin's list of a closed week's issued report files with their versions (each one
// downloadable, superseded ones marked), and the form that regenerates one from the current data.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { FormErrors, SelectField, TextareaField } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { formatDateTime, localName } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { RegenerateReportSchema } from "~/schemas/issued-reports";

type Named = { slug: string; nameUk: string; nameEn: string };

export type IssuedFile = {
  id: string;
  fileName: string;
  scope: string;
  sensitive: string;
  locale: string;
  format: string;
  version: number;
  sha256: string;
  size: number;
  issuedBy: "SCHEDULED" | "FIRST_DOWNLOAD" | "REGENERATED";
  reason: string | null;
  createdAt: string | Date;
  supersededAt: string | Date | null;
  cluster: Named | null;
  createdBy: { name: string; email: string } | null;
};

function useEditionLabel() {
  const { locale, t } = useLocale();
  // Whose sensitive details: said by the scope itself, except for a cluster (its members' file or staff's).
  return (file: IssuedFile) =>
    [
      t(`report.scope.${file.scope}` as MessageKey) + (file.cluster ? ` ${localName(file.cluster, locale)}` : ""),
      file.scope === "cluster" ? t(`issued.sensitive.${file.sensitive}` as MessageKey) : null,
      file.locale.toUpperCase(),
      file.format.toUpperCase(),
    ]
      .filter(Boolean)
      .join(" · ");
}

export function IssuedReports({
  week,
  weeks,
  files,
  lastResult,
}: {
  week: string;
  weeks: string[];
  files: IssuedFile[];
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { locale, t } = useLocale();
  const editionLabel = useEditionLabel();
  const current = files.filter((file) => !file.supersededAt);

  return (
    <section aria-labelledby="issued-title" id="issued">
      <h2 id="issued-title">{t("issued.title")}</h2>
      <p>{t("issued.lead")}</p>
      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="issued-week">{t("issued.week")}</label>
          <select id="issued-week" name="week" defaultValue={week}>
            {weeks.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("issued.show")}</button>
      </Form>
      {files.length === 0 ? (
        <p className="hint">{t("issued.empty")}</p>
      ) : (
        <>
          <p className="hint">{t("issued.count", { n: files.length })}</p>
          <TableScroll label={`${t("issued.title")}, ${week}`}>
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">{t("issued.col.file")}</th>
                  <th scope="col">{t("issued.col.edition")}</th>
                  <th scope="col">{t("issued.col.version")}</th>
                  <th scope="col">{t("issued.col.issued")}</th>
                  <th scope="col">{t("issued.col.size")}</th>
                  <th scope="col">{t("issued.col.sha256")}</th>
                  <th scope="col">{t("issued.col.state")}</th>
                </tr>
              </thead>
              <tbody>
                {files.map((file) => (
                  <tr key={file.id}>
                    <td>
                      <a href={`/reports/issued/${file.id}`} download aria-label={`${file.fileName}: ${t("issued.download", { version: file.version })}`}>
                        {file.fileName}
                      </a>
                    </td>
                    <td>{editionLabel(file)}</td>
                    <td>{file.version}</td>
                    <td>
                      {formatDateTime(file.createdAt, locale)},{" "}
                      {t(`issued.by.${file.issuedBy}`, { who: file.createdBy?.name ?? "—", reason: file.reason ?? "" })}
                    </td>
                    <td>{t("issued.size", { n: Math.max(1, Math.round(file.size / 1024)).toLocaleString(locale === "uk" ? "uk-UA" : "en-GB") })}</td>
                    <td>
                      <code title={file.sha256}>{file.sha256.slice(0, 12)}…</code>
                    </td>
                    <td>{file.supersededAt ? t("issued.superseded", { when: formatDateTime(file.supersededAt, locale) }) : t("issued.current")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {current.length ? <RegenerateForm files={current} lastResult={lastResult} /> : null}
    </section>
  );
}

function RegenerateForm({ files, lastResult }: { files: IssuedFile[]; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useLocale();
  const editionLabel = useEditionLabel();
  const [form, fields] = useForm({
    id: "regenerate-report",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegenerateReportSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="panel" aria-labelledby="regenerate-title">
      <h3 id="regenerate-title">{t("issued.regenerate.title")}</h3>
      <p>{t("issued.regenerate.lead")}</p>
      <FormErrors form={form} failed={lastResult?.status === "error"} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <SelectField
          meta={fields.id}
          label={t("issued.regenerate.file")}
          required
          options={files.map((file) => ({ value: file.id, label: `${file.fileName} (v${file.version}) — ${editionLabel(file)}` }))}
        />
        <TextareaField meta={fields.reason} label={t("issued.regenerate.reason")} hint={t("issued.regenerate.reason.hint")} required rows={2} />
        <button type="submit" className="primary">
          {t("issued.regenerate.submit")}
        </button>
      </Form>
    </section>
  );
}
