import { useLocale } from "~/i18n/use-locale";
import { Link } from "@remix-run/react";

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  const { t } = useLocale();
  return (
    <main>
      <h1>{t("page.notFound.title")}</h1>
      <p>{t("page.notFound.body")}</p>
      <p>
        <Link to="/">{t("page.home")}</Link>
      </p>
    </main>
  );
}
