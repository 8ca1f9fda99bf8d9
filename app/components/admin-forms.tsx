// Pieces of the administration forms: a checkbox group that carries its own legend, hint and
// errors, and the cluster fields the create and edit pages share.
import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList, SelectField, TextField } from "~/components/forms";
import { CATEGORIES, DIVISIONS, SECTORS } from "~/domain/taxonomy";
import { divisionName, regionOptions, sectorName } from "~/i18n/taxonomy-names";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { CLUSTER_KINDS } from "~/schemas/admin";

type Meta = FieldMetadata;

function CheckboxGroupField({
  meta,
  legend,
  hint,
  required,
  options,
}: {
  meta: Meta;
  legend: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  options: { value: string; label: string }[];
}) {
  const labels = new Map(options.map((o) => [o.value, o.label]));
  const inputs = getCollectionProps(meta, {
    type: "checkbox",
    options: options.map((o) => o.value),
    ariaDescribedBy: hint ? meta.descriptionId : undefined,
  });
  return (
    <fieldset className="field" id={meta.id}>
      <legend>
        {legend}
        {required ? " *" : null}
      </legend>
      {hint ? (
        <p className="hint" id={meta.descriptionId}>
          {hint}
        </p>
      ) : null}
      <div className="checks">
        {inputs.map(({ key, ...props }) => (
          <label key={key} htmlFor={props.id}>
            <input {...props} />
            {labels.get(props.value)}
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/**
 * The industries a cluster serves: each NACE section, and under it, folded away unless one is
 * ticked, its divisions, for a cluster that serves only part of a section. One field, `sectors`.
 */
function SectorsField({ meta }: { meta: Meta }) {
  const { t } = useLocale();
  const inputs = new Map(
    getCollectionProps(meta, {
      type: "checkbox",
      options: [...SECTORS, ...DIVISIONS.map((d) => d.code)],
      ariaDescribedBy: meta.descriptionId,
    }).map((input) => [input.value, input]),
  );
  const check = (code: string, label: string) => {
    const { key, ...props } = inputs.get(code)!;
    return (
      <label key={key} htmlFor={props.id}>
        <input {...props} />
        {label}
      </label>
    );
  };
  return (
    <fieldset className="field sectors" id={meta.id}>
      <legend>{t("adminCluster.sectors")}</legend>
      <p className="hint" id={meta.descriptionId}>
        {t("adminCluster.sectors.hint")}
      </p>
      {SECTORS.map((sector) => {
        const divisions = DIVISIONS.filter((d) => d.sector === sector);
        const ticked = divisions.some((d) => inputs.get(d.code)?.defaultChecked);
        return (
          <div key={sector} className="sector">
            {check(sector, sectorName(t, sector))}
            {divisions.length > 1 ? (
              <details open={ticked || undefined}>
                <summary>{t("adminCluster.sectors.divisions", { n: divisions.length })}</summary>
                <div className="checks column">{divisions.map((d) => check(d.code, divisionName(t, d.code)))}</div>
              </details>
            ) : null}
          </div>
        );
      })}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

type ClusterFieldset = {
  nameUk: Meta;
  nameEn: Meta;
  kind: Meta;
  homeRegion: Meta;
  capabilities: Meta;
  regions: Meta;
  sectors: Meta;
  contactName: Meta;
  contactEmail: Meta;
  contactPhone: Meta;
};

/** Everything about a cluster except its slug (create only) and its active flag (edit only). */
export function ClusterFields({ fields, children }: { fields: ClusterFieldset; children?: ReactNode }) {
  const { locale, t } = useLocale();
  const regions = regionOptions(t, locale);
  return (
    <>
      <fieldset>
        <legend>{t("adminCluster.section.main")}</legend>
        {children}
        <TextField meta={fields.nameUk} label={t("adminCluster.nameUk")} required />
        <TextField meta={fields.nameEn} label={t("adminCluster.nameEn")} required />
        <SelectField
          meta={fields.kind}
          label={t("adminCluster.kind")}
          required
          options={CLUSTER_KINDS.map((k) => ({ value: k, label: t(`clusterKind.${k}` as MessageKey) }))}
        />
        <SelectField meta={fields.homeRegion} label={t("adminCluster.homeRegion")} required options={regions} placeholder={t("form.choose")} />
      </fieldset>
      <fieldset>
        <legend>{t("adminCluster.section.work")}</legend>
        <CheckboxGroupField
          meta={fields.capabilities}
          legend={t("adminCluster.capabilities")}
          required
          options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <CheckboxGroupField meta={fields.regions} legend={t("adminCluster.regions")} hint={t("adminCluster.regions.hint")} options={regions} />
        <SectorsField meta={fields.sectors} />
      </fieldset>
      <fieldset>
        <legend>{t("adminCluster.section.contacts")}</legend>
        <TextField meta={fields.contactName} label={t("adminCluster.contactName")} autoComplete="off" />
        <TextField meta={fields.contactEmail} label={t("adminCluster.contactEmail")} type="email" autoComplete="off" />
        <TextField meta={fields.contactPhone} label={t("adminCluster.contactPhone")} hint={t("field.phone.hint")} type="tel" autoComplete="off" />
      </fieldset>
    </>
  );
}
