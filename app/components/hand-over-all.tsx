// On an account's admin page: hand every open request this person owns to a colleague in one
// action (each request through the state machine, with the note on its timeline).
import { Form, useNavigation } from "@remix-run/react";
import { useLocale } from "~/i18n/use-locale";
import { ErrorList } from "./forms";

export function HandOverAll({
  userId,
  openOwned,
  people,
  errors,
  typed,
}: {
  userId: string;
  /** How many unfinished requests the person owns. */
  openOwned: number;
  /** Who may be given them: active coordinators and admins other than the person. */
  people: { id: string; name: string }[];
  /** The refused post's field errors, and what was typed in it. */
  errors?: Record<string, string[] | null | undefined>;
  typed?: { toUserId?: string; message?: string };
}) {
  const { t } = useLocale();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="panel" aria-labelledby="user-hand-over">
      <h2 id="user-hand-over">{t("adminUser.section.handOver")}</h2>
      {openOwned === 0 ? (
        <p className="hint">{t("adminUser.handOver.none")}</p>
      ) : (
        <Form method="post" action={`/admin/users/${userId}`} noValidate>
          <input type="hidden" name="intent" value="handOverAll" />
          <p>{t("adminUser.handOver.count", { n: openOwned })}</p>
          <ErrorList errors={errors?.[""] ?? undefined} />
          <div className="field">
            <label htmlFor="hand-over-to">{t("adminUser.handOver.to")} *</label>
            <select
              id="hand-over-to"
              name="toUserId"
              defaultValue={typed?.toUserId ?? ""}
              aria-invalid={errors?.toUserId?.length ? true : undefined}
              aria-describedby={errors?.toUserId?.length ? "hand-over-to-error" : undefined}
            >
              <option value="">{t("form.choose")}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
            <ErrorList id="hand-over-to-error" errors={errors?.toUserId ?? undefined} />
          </div>
          <div className="field">
            <label htmlFor="hand-over-note">{t("adminUser.handOver.note")} *</label>
            <textarea
              id="hand-over-note"
              name="message"
              rows={3}
              defaultValue={typed?.message ?? ""}
              aria-invalid={errors?.message?.length ? true : undefined}
              aria-describedby={errors?.message?.length ? "hand-over-note-error" : undefined}
            />
            <ErrorList id="hand-over-note-error" errors={errors?.message ?? undefined} />
          </div>
          <button type="submit" className="primary" disabled={submitting}>
            {t("adminUser.handOver.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
