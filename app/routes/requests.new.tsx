import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { EnhancerScript } from "~/components/enhancer-script";
import { FileField } from "~/components/request-files";
import { FILE_LIMITS } from "~/domain/files/rules";
import { StorageFullError } from "~/domain/errors";
import { UPLOAD_STRINGS } from "~/enhance/upload-strings";
import { createRequest } from "~/domain/requests/intake.server";
import { allowIntakeFrom } from "~/domain/requests/intake-limit.server";
import { formTooLarge, readFormWithFiles } from "~/domain/files/form-with-files.server";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { regionOptions, sectorOptions } from "~/i18n/taxonomy-names";
import { getLocale } from "~/i18n/locale.server";
import { pickMessages } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { HONEYPOT_FIELD, INTAKE_FIELDS, INTAKE_FORM_ID, INTAKE_STRINGS_ID, IntakeSchema, withoutOtherCategoryFields } from "~/schemas/intake";
import { clientScript } from "~/utils/client-entries.server";
import { clientAddress } from "~/utils/request.server";
import { passOnHeaders } from "~/utils/route-headers";
import { STORAGE_FULL_INIT } from "~/utils/storage-full";
import type { z } from "zod";

/**
 * Served without React in the browser (the root leaves out Remix's scripts): the form works as
 * plain HTML, and app/enhance/intake.ts adds checks as fields are left, the draft on the device
 * and the offline notice. See docs/decisions/012-enterprise-pages-without-react.md. Links here from
 * hydrated pages need `reloadDocument`: a client-side navigation would render the form without
 * its script.
 */
export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Новий запит · New request — ЦШР" }];

/** Retry-After of a 429 or 503 answer reaches the browser. */
export const headers = passOnHeaders;

/** The groups of strings the page's script shows. */
const ENHANCER_STRINGS = ["error.", "form.", ...UPLOAD_STRINGS];

export function loader({ request }: LoaderFunctionArgs) {
  return {
    script: clientScript("app/enhance/intake.ts"),
    /** What the script shows (errors, draft, offline), in the page's language. */
    strings: pickMessages(getLocale(request), ENHANCER_STRINGS),
  };
}

/** The name of the intake form's file field. */
const FILE_FIELD = "file";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormWithFiles(request, { fieldNames: [...INTAKE_FIELDS, HONEYPOT_FIELD] });
  try {
    if (form.refusal?.refusal === "formTooLarge") throw formTooLarge();
    const formData = form.formData;
    const submission = parseWithZod(withoutOtherCategoryFields(formData), { schema: IntakeSchema });
    const honeypot = formData.get(HONEYPOT_FIELD);
    if (typeof honeypot === "string" && honeypot !== "") {
      return data(submission.reply({ formErrors: ["spam"] }), { status: 400 });
    }
    const limit = await allowIntakeFrom(clientAddress(context));
    if (!limit.allowed) {
      return data(submission.reply({ formErrors: ["tooMany"] }), {
        status: 429,
        headers: { "Retry-After": String(limit.retryAfterSeconds) },
      });
    }
    // All or nothing: a refused file refuses the filing, with its reason beside the file field.
    if (form.refusal) {
      return data({ ...submission.reply({ fieldErrors: { [FILE_FIELD]: [form.refusal.refusal] } }), refusedFile: form.refusal.file ?? null }, { status: 400 });
    }
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    let created;
    try {
      created = await createRequest({ input: submission.value, files: form.files });
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      return data(submission.reply({ formErrors: ["unavailable"] }), STORAGE_FULL_INIT);
    }
    return redirect(`/s/${created.token}/submitted`, 303);
  } finally {
    await form.discard();
  }
}

export default function NewRequest() {
  const { script, strings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { locale, t } = useLocale();
  // Rendered on the server only: the fields, with what was typed and the errors of a reply.
  const [form, fields] = useForm<z.input<typeof IntakeSchema>>({ id: INTAKE_FORM_ID, lastResult, defaultValue: { urgency: "NORMAL" } });
  const regions = regionOptions(t, locale);
  const categories = CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }));
  const urgencies = URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}.long`) }));

  return (
    <main>
      <h1>{t("intake.title")}</h1>
      <p>{t("intake.lead")}</p>
      <FormErrors form={form} failed={lastResult?.status === "error"} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
        <fieldset>
          <legend>{t("intake.section.enterprise")}</legend>
          <TextField meta={fields.enterpriseName} label={t("field.enterpriseName")} required autoComplete="organization" />
          <TextField meta={fields.edrpou} label={t("field.edrpou")} hint={t("field.edrpou.hint")} required inputMode="numeric" />
          <TextField meta={fields.contactName} label={t("field.contactName")} required autoComplete="name" />
          <TextField meta={fields.phone} label={t("field.phone")} hint={t("field.phone.hint")} required type="tel" autoComplete="tel" />
          <TextField meta={fields.email} label={t("field.email")} required type="email" autoComplete="email" />
          <SelectField meta={fields.region} label={t("field.region")} required options={regions} placeholder={t("form.choose")} />
          <TextField meta={fields.city} label={t("field.city")} required autoComplete="address-level2" />
          <SelectField meta={fields.sector} label={t("field.sector")} required options={sectorOptions(t)} placeholder={t("form.choose")} />
          <TextField meta={fields.naceClass} label={t("field.naceClass")} hint={t("field.naceClass.hint")} inputMode="decimal" />
        </fieldset>

        <fieldset>
          <legend>{t("intake.section.request")}</legend>
          <SelectField meta={fields.category} label={t("field.category")} required options={categories} placeholder={t("form.choose")} />
          <SelectField meta={fields.urgency} label={t("field.urgency")} required options={urgencies} />
          <TextField meta={fields.title} label={t("field.title")} required />
          <TextareaField meta={fields.description} label={t("field.description")} hint={t("field.description.hint")} required rows={8} />
          <TextField meta={fields.neededBy} label={t("field.neededBy")} type="date" />
        </fieldset>

        <p className="hint details-hint">{t("intake.details.hint")}</p>
        <fieldset className="category-details" data-category="RELOCATION">
          <legend>{t("intake.section.relocation")}</legend>
          <TextField meta={fields.productionArea} label={t("field.productionArea")} required inputMode="decimal" />
          <TextField meta={fields.staffCount} label={t("field.staffCount")} inputMode="numeric" />
          <TextField meta={fields.equipmentTonnage} label={t("field.equipmentTonnage")} inputMode="decimal" />
          <SelectField meta={fields.destinationRegions} label={t("field.destinationRegions")} options={regions} multiple />
        </fieldset>
        <fieldset className="category-details" data-category="SUPPLIES">
          <legend>{t("intake.section.supplies")}</legend>
          <TextareaField meta={fields.supplyItems} label={t("field.supplyItems")} hint={t("field.supplyItems.hint")} required rows={5} />
        </fieldset>
        <fieldset className="category-details" data-category="DEFENCE_ORDER">
          <legend>{t("intake.section.defence")}</legend>
          <p className="hint">{t("intake.defence.sensitive")}</p>
          <TextField meta={fields.defenceProductType} label={t("field.defenceProductType")} required />
          <TextField meta={fields.monthlyCapacity} label={t("field.monthlyCapacity")} />
          <TextareaField meta={fields.certifications} label={t("field.certifications")} rows={3} />
        </fieldset>

        <fieldset>
          <legend>{t("intake.section.needs")}</legend>
          <p className="hint">{t("intake.needs.hint")}</p>
          {([2, 3] as const).map((n) => (
            <div className="need" key={n}>
              <SelectField meta={fields[`need${n}Category`]} label={t("field.needCategory", { n })} options={categories} placeholder="—" />
              <TextareaField meta={fields[`need${n}Summary`]} label={t("field.needSummary", { n })} rows={3} />
            </div>
          ))}
        </fieldset>

        <div className="hp" aria-hidden="true">
          <label htmlFor="intake-website">{t("field.honeypot")}</label>
          <input id="intake-website" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>

        <CheckboxField meta={fields.consent} label={t("field.consent")} required />
        {/* Last before the button: a file refused as it streams in leaves every field before it read and kept. */}
        <FileField
          id={`${INTAKE_FORM_ID}-${FILE_FIELD}`}
          name={FILE_FIELD}
          label={t("files.intake.label")}
          hint={`${t("files.intake.hint")} ${t("files.limits", FILE_LIMITS)} ${t("files.intake.noKeep")}`}
          errors={fields[FILE_FIELD as "title"].errors}
          refusedFile={(lastResult as { refusedFile?: string | null } | undefined)?.refusedFile}
        />
        <button type="submit" className="primary">
          {t("form.submit")}
        </button>
      </Form>
      <EnhancerScript script={script} strings={strings} stringsId={INTAKE_STRINGS_ID} />
    </main>
  );
}

export function ErrorBoundary() {
  const { t } = useLocale();
  return (
    <main>
      <h1>{t("page.error.title")}</h1>
      <p>{t("page.error.body")}</p>
      <p>
        <Link className="button" to="/requests/new" reloadDocument>
          {t("form.backToForm")}
        </Link>
      </p>
    </main>
  );
}
