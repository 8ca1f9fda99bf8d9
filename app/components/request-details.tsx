// A request's category details (or a defence order's sensitive ones) as a list of labelled
// facts: the request page and its print view show them the same way.
import { DETAIL_LABEL } from "~/i18n/detail-labels";
import { useLocale } from "~/i18n/use-locale";
import { useLabels } from "./request-labels";

export function RequestDetails({ title, details }: { title: string; details: Record<string, unknown> }) {
  const { t } = useLocale();
  const label = useLabels();
  const entries = Object.entries(details);
  if (!entries.length) return null;
  return (
    <>
      <h2>{title}</h2>
      <dl className="facts">
        {entries.map(([key, value]) => (
          <div key={key} style={{ display: "contents" }}>
            <dt>{DETAIL_LABEL[key] ? t(DETAIL_LABEL[key]!) : key}</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{Array.isArray(value) ? value.map((v) => label.region(String(v))).join(", ") : String(value)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
