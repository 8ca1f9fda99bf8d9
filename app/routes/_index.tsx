import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useLocale } from "~/i18n/use-locale";

/** A page to read with one link: served as HTML only, without React in the browser (decision 012). */
export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Центр швидкого реагування · Rapid Response Centre" }];

export default function Home() {
  const { t } = useLocale();
  return (
    <main>
      <h1>{t("home.title")}</h1>
      <p>{t("home.lead")}</p>
      <p>
        <Link className="button" to="/requests/new" reloadDocument>
          {t("home.cta")}
        </Link>
      </p>
      <p>{t("home.noAccount")}</p>
      <p>
        <Link to="/s/lost">{t("lostLink.ask")}</Link>
      </p>
    </main>
  );
}
