// Beside the request page's actions: the print view, and a new private link for the enterprise
// (staff only; it goes to the request's e-mail, never to the screen).
import { Form, Link, useNavigation } from "@remix-run/react";
import { useLocale } from "~/i18n/use-locale";

export function RequestTools({ reference, email, canSendLink }: { reference: string; email: string; canSendLink: boolean }) {
  const { t } = useLocale();
  const navigation = useNavigation();
  const path = `/requests/${encodeURIComponent(reference)}`;
  return (
    <>
      <p>
        {/* The print view is served without React: a full page load. */}
        <Link to={`${path}/print`} reloadDocument>
          {t("print.open")}
        </Link>
      </p>
      {canSendLink ? (
        <section className="panel" aria-labelledby="status-link">
          <h2 id="status-link">{t("statusLink.title")}</h2>
          <Form method="post" action={`${path}/status-link`}>
            <p className="hint">{t("statusLink.hint", { email })}</p>
            <button type="submit" className="secondary" disabled={navigation.state === "submitting"}>
              {t("statusLink.send")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
