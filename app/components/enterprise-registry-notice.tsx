// On a request's page: where the enterprise details filed with this request differ from the
// enterprise registry, both side by side, and (for staff) the action that takes the filed ones
// into the registry.
import { Form } from "@remix-run/react";
import type { FieldChange } from "~/domain/requests/field-changes";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";

const FIELD_LABEL: Record<string, MessageKey> = {
  name: "field.enterpriseName",
  contactName: "field.contactName",
  phone: "field.phone",
  email: "field.email",
  city: "field.city",
};

export function EnterpriseRegistryNotice({
  edrpou,
  changes,
  version,
  canAdopt,
}: {
  edrpou: string;
  changes: FieldChange[];
  version: number;
  canAdopt: boolean;
}) {
  const { t } = useLocale();
  if (!changes.length) return null;
  return (
    <section className="notice warn" aria-labelledby="registry-title">
      <h2 id="registry-title">{t("registry.differs", { edrpou })}</h2>
      <div className="table-scroll">
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">{t("registry.field")}</th>
              <th scope="col">{t("registry.inRegistry")}</th>
              <th scope="col">{t("registry.inRequest")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{FIELD_LABEL[change.field] ? t(FIELD_LABEL[change.field]!) : change.field}</th>
                <td>{change.from ?? "—"}</td>
                <td>{change.to ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t("registry.why")}</p>
      {canAdopt ? (
        <Form method="post">
          <input type="hidden" name="intent" value="adoptEnterpriseDetails" />
          <input type="hidden" name="version" value={version} />
          <button type="submit" className="secondary">
            {t("action.adoptEnterpriseDetails")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
