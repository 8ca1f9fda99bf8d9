// "Correct the request" on the request page: the filed fields pre-filled with the current values,
// posted as the state machine's `edit` with the version the page showed. Without JavaScript it
// is a plain post; a refused post comes back with what was typed and the errors beside it.
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { DETAIL_FORM_FIELD } from "~/domain/requests/category-details";
import { CATEGORIES, type Category, URGENCIES } from "~/domain/taxonomy";
import { regionOptions, sectorOptions } from "~/i18n/taxonomy-names";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { CATEGORY_FIELDS } from "~/schemas/intake";
import type { CorrectionSchema } from "~/schemas/request-actions";
import type { z } from "zod";
import { ErrorList, SelectField, TextField, TextareaField } from "./forms";
import { useLabels } from "./request-labels";

const CORRECTION_FORM_ID = "correct-request";

/** What the form starts from: the request as stored. */
export type CorrectableRequest = {
  enterpriseName: string;
  contactName: string;
  phone: string;
  email: string;
  region: string;
  city: string;
  sector: string | null;
  naceClass: string | null;
  category: Category;
  urgency: string;
  title: string;
  description: string;
  neededBy: Date | string | null;
  details: Record<string, unknown>;
  sensitiveDetails: Record<string, unknown> | null;
};

/** The form's values from the stored request: each detail back in the field it was typed in. */
export function correctionFormValues(request: CorrectableRequest) {
  const { details, sensitiveDetails, neededBy, sector, naceClass, ...fields } = request;
  const categoryFields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries({ ...details, ...sensitiveDetails })) {
    const field = DETAIL_FORM_FIELD[key];
    if (!field || value === null || value === undefined) continue;
    categoryFields[field] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return {
    ...fields,
    ...categoryFields,
    sector: sector ?? "",
    naceClass: naceClass ?? "",
    neededBy: neededBy ? new Date(neededBy).toISOString().slice(0, 10) : "",
  };
}

const BLOCKS: { category: keyof typeof CATEGORY_FIELDS; legend: MessageKey }[] = [
  { category: "RELOCATION", legend: "intake.section.relocation" },
  { category: "SUPPLIES", legend: "intake.section.supplies" },
  { category: "DEFENCE_ORDER", legend: "intake.section.defence" },
];

export function RequestCorrection({
  request,
  version,
  lastResult,
}: {
  request: CorrectableRequest;
  version: number;
  /** The reply to this form's last post, when it was refused. */
  lastResult?: SubmissionResult<string[]>;
}) {
  const { locale, t } = useLocale();
  const label = useLabels();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof CorrectionSchema>>({
    id: CORRECTION_FORM_ID,
    lastResult,
    defaultValue: correctionFormValues(request),
  });
  const typedCategory = lastResult?.initialValue?.category;
  const [category, setCategory] = useState(typeof typedCategory === "string" ? typedCategory : request.category);
  // Without JavaScript every category's block is there; with it, only the chosen one shows.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const regions = regionOptions(t, locale);
  const refusals = form.errors ?? [];
  const failed = lastResult?.status === "error";

  return (
    <details className="action" open={failed || undefined}>
      <summary>{t("action.edit")}</summary>
      <p className="hint">{t("correction.lead")}</p>
      {refusals.length ? (
        <p className="notice error" role="alert">
          {refusals
            .map((e) =>
              e === "CONFLICT" ? t("request.conflict") : e === "NOTHING_TO_CHANGE" ? t("correction.nothingChanged") : t(`refusal.${e}` as MessageKey),
            )
            .join(" ")}
        </p>
      ) : failed ? (
        <p className="notice error" role="alert">
          {t("form.fixErrors")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="edit" />
        {/* The version this page showed: a change by someone else meanwhile makes the post stale. */}
        <input type="hidden" name="version" value={version} />
        <fieldset>
          <legend>{t("correction.section.enterprise")}</legend>
          <TextField meta={fields.enterpriseName} label={t("field.enterpriseName")} required />
          <TextField meta={fields.contactName} label={t("field.contactName")} required />
          <TextField meta={fields.phone} label={t("field.phone")} required type="tel" />
          <TextField meta={fields.email} label={t("field.email")} required type="email" />
        </fieldset>
        <fieldset>
          <legend>{t("correction.section.request")}</legend>
          <div className="field">
            <label htmlFor={fields.category.id}>{t("field.category")} *</label>
            <select
              id={fields.category.id}
              name={fields.category.name}
              defaultValue={String(fields.category.initialValue ?? request.category)}
              onChange={(event) => setCategory(event.target.value as Category)}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {label.category(c)}
                </option>
              ))}
            </select>
            <ErrorList id={fields.category.errorId} errors={fields.category.errors} />
          </div>
          <SelectField meta={fields.urgency} label={t("field.urgency")} required options={URGENCIES.map((u) => ({ value: u, label: label.urgency(u) }))} />
          <SelectField meta={fields.region} label={t("field.region")} required options={regions} />
          <TextField meta={fields.city} label={t("field.city")} required />
          <SelectField meta={fields.sector} label={t("field.sector")} required options={sectorOptions(t)} placeholder={t("form.choose")} />
          <TextField meta={fields.naceClass} label={t("field.naceClass")} hint={t("field.naceClass.hint")} inputMode="decimal" />
          <TextField meta={fields.title} label={t("field.title")} required />
          <TextareaField meta={fields.description} label={t("field.description")} hint={t("field.description.hint")} required rows={6} />
          <TextField meta={fields.neededBy} label={t("field.neededBy")} type="date" />
        </fieldset>
        <p className="hint">{t("correction.detailsHint")}</p>
        {BLOCKS.map((block) => (
          <fieldset key={block.category} hidden={enhanced && category !== block.category}>
            <legend>{t(block.legend)}</legend>
            {block.category === "RELOCATION" ? (
              <>
                <TextField meta={fields.productionArea} label={t("field.productionArea")} required inputMode="decimal" />
                <TextField meta={fields.staffCount} label={t("field.staffCount")} inputMode="numeric" />
                <TextField meta={fields.equipmentTonnage} label={t("field.equipmentTonnage")} inputMode="decimal" />
                <SelectField meta={fields.destinationRegions} label={t("field.destinationRegions")} options={regions} multiple />
              </>
            ) : block.category === "SUPPLIES" ? (
              <TextareaField meta={fields.supplyItems} label={t("field.supplyItems")} hint={t("field.supplyItems.hint")} required rows={4} />
            ) : (
              <>
                <p className="hint">{t("intake.defence.sensitive")}</p>
                <TextField meta={fields.defenceProductType} label={t("field.defenceProductType")} required />
                <TextField meta={fields.monthlyCapacity} label={t("field.monthlyCapacity")} />
                <TextareaField meta={fields.certifications} label={t("field.certifications")} rows={3} />
              </>
            )}
          </fieldset>
        ))}
        <TextareaField meta={fields.message} label={t("correction.message")} rows={3} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("correction.submit")}
        </button>
      </Form>
    </details>
  );
}
