// The queue's filter form (GET, so a filtered view is a link). The cluster portal shows it
// without the cluster-wide filters, which mean nothing inside one cluster.
import { Form, Link } from "@remix-run/react";
import { STATUSES } from "~/domain/requests/state-machine";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { regionOptions, sectorOptions } from "~/i18n/taxonomy-names";
import { useLocale } from "~/i18n/use-locale";
import { PAGE_SIZES, type QueueParams } from "~/schemas/queue";
import { useLabels } from "./request-labels";
import { localName } from "~/i18n/locale";

type ClusterChoice = { slug: string; nameUk: string; nameEn: string };

export function QueueFilters({
  basePath,
  params,
  clusters,
  owners,
}: {
  basePath: string;
  params: QueueParams;
  clusters?: ClusterChoice[];
  /** Staff who may own requests: the owner filter, on the coordinators' queue only. */
  owners?: { id: string; name: string }[];
}) {
  const { locale, t } = useLocale();
  const labels = useLabels();
  return (
    <Form method="get" className="panel" aria-label={t("queue.filters")}>
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      {params.cols.length ? <input type="hidden" name="cols" value={params.cols.join(",")} /> : null}
      <div className="toolbar">
        <div className="field wide">
          <label htmlFor="q">{t("queue.search")}</label>
          <input id="q" name="q" type="search" defaultValue={params.q ?? ""} placeholder={t("queue.searchHint")} />
        </div>
        <FilterSelect
          name="category"
          label={t("col.category")}
          value={params.category}
          options={CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
        />
        <FilterSelect name="urgency" label={t("col.urgency")} value={params.urgency} options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))} />
        <FilterSelect name="region" label={t("col.region")} value={params.region} options={regionOptions(t, locale)} />
        <FilterSelect name="sector" label={t("queue.sector")} value={params.sector} options={sectorOptions(t)} />
        {clusters ? (
          <FilterSelect
            name="cluster"
            label={t("queue.cluster")}
            value={params.cluster}
            options={clusters.map((c) => ({ value: c.slug, label: localName(c, locale) }))}
          />
        ) : null}
        {owners ? (
          <FilterSelect
            name="owner"
            label={t("queue.owner")}
            value={params.owner === "any" ? undefined : params.owner}
            options={[
              { value: "me", label: t("queue.owner.me") },
              { value: "nobody", label: t("queue.owner.nobody") },
              { value: "me-or-nobody", label: t("queue.owner.meOrNobody") },
              ...owners.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        ) : null}
        <div className="field">
          <label htmlFor="f-size">{t("queue.pageSize")}</label>
          <select id="f-size" name="size" defaultValue={String(params.size)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t("queue.status")}</legend>
        <div className="checks">
          {STATUSES.map((s) => (
            <label key={s}>
              <input type="checkbox" name="status" value={s} defaultChecked={params.status.includes(s)} />
              {labels.status(s)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="checks">
        <label>
          <input type="checkbox" name="unread" value="1" defaultChecked={params.unread} />
          {t("queue.unread")}
        </label>
      </div>
      {clusters ? (
        <div className="checks">
          {owners ? (
            <label>
              <input type="checkbox" name="waiting" value="1" defaultChecked={params.waiting} />
              {t("queue.waiting")}
            </label>
          ) : null}
          <label>
            <input type="checkbox" name="unassigned" value="1" defaultChecked={params.unassigned} />
            {t("queue.unassigned")}
          </label>
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={params.overdue} />
            {t("queue.overdue")}
          </label>
          <label>
            <input type="checkbox" name="duplicates" value="1" defaultChecked={params.duplicates} />
            {t("queue.duplicates")}
          </label>
        </div>
      ) : null}
      <p className="toolbar">
        <button type="submit" className="primary">
          {t("queue.apply")}
        </button>
        <Link to={basePath}>{t("queue.reset")}</Link>
      </p>
    </Form>
  );
}

/** One "any or this value" filter; the empty option means no filter. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const { t } = useLocale();
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{t("queue.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
