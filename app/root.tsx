import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { isStaff } from "~/domain/auth/access";
import { HOME_BY_ROLE, getSessionUser } from "~/domain/auth/auth.server";
import { getLocale } from "~/i18n/locale.server";
import { staffStringsSrc } from "~/i18n/staff-dictionary.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locale";
import { translate } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { useNonce } from "~/utils/nonce";
import { passOnHeaders } from "~/utils/route-headers";
import stylesHref from "./styles.css?url";

// The icons are in public/ (written by scripts/make-icons.mjs).
// An error this layout's boundary shows keeps its headers (Retry-After on a 503 when the disk is
// full: app/utils/storage-full.server.ts). The root's own loader answers with no headers.
export const headers = passOnHeaders;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.ico", sizes: "16x16 32x32" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
];

/** The title of a page whose route has none of its own: the error pages (404, 403, 500). */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const status = isRouteErrorResponse(error) ? error.status : error ? 500 : null;
  const title = status === 404 ? "page.notFound.title" : status === 403 ? "page.forbidden.title" : status ? "page.error.title" : "app.name";
  return [{ title: `${translate(locale, title)} — ЦШР` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = getLocale(request);
  return {
    locale,
    user: user ? { name: user.name, role: user.role, home: HOME_BY_ROLE[user.role] } : null,
    /** Signed in: where this page's staff strings come from (a cached script, not page data). */
    staffStrings: user ? staffStringsSrc(locale) : null,
  };
}

/** The root's data (language, user, staff strings) changes only with a post (sign-in) or a reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod.toUpperCase() !== "GET" ? defaultShouldRevalidate : false;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  // A route with `handle.hydrate === false` is served as HTML only (its own small script, if
  // any, enhances it): no React, no Remix runtime in the browser.
  const handles = useMatches().map((match) => match.handle as { hydrate?: boolean; chrome?: boolean } | undefined);
  const hydrate = !handles.some((handle) => handle?.hydrate === false);
  // A route with `handle.chrome === false` (the print view) is the page alone: no site header or footer.
  const chrome = !handles.some((handle) => handle?.chrome === false);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <Links />
        {data?.staffStrings ? <script src={data.staffStrings} nonce={nonce} /> : null}
      </head>
      <body>
        {chrome ? <SiteHeader /> : null}
        {children}
        {chrome ? <footer className="site">{translate(locale, "app.org")}</footer> : null}
        {hydrate ? <ScrollRestoration nonce={nonce} /> : null}
        {hydrate ? <Scripts nonce={nonce} /> : null}
      </body>
    </html>
  );
}

function SiteHeader() {
  const { locale, t } = useLocale();
  const location = useLocation();
  const user = useRouteLoaderData<typeof loader>("root")?.user;
  const other: Locale = locale === "uk" ? "en" : "uk";
  return (
    <header className="site">
      <Link to="/">{t("app.name")}</Link>
      <nav>
        {user && !isStaff(user) ? <Link to="/cluster">{t("nav.cluster")}</Link> : null}
        {user && isStaff(user) ? <Link to="/queue">{t("nav.queue")}</Link> : null}
        {user && isStaff(user) ? <Link to="/dashboard">{t("nav.dashboard")}</Link> : null}
        {user ? <Link to="/reports">{t("nav.reports")}</Link> : null}
        {user?.role === "ADMIN" ? <Link to="/admin">{t("nav.admin")}</Link> : null}
        {user ? <Link to="/account/notifications">{t("nav.notifications")}</Link> : null}
        {user ? null : (
          <Link to="/requests/new" reloadDocument>
            {t("nav.newRequest")}
          </Link>
        )}
        <Form method="post" action="/set-language" reloadDocument>
          <input type="hidden" name="lang" value={other} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" lang={other} aria-label={t("lang.switchLabel")}>
            {t("lang.switch")}
          </button>
        </Form>
        {user ? <Link to="/account">{t("nav.account")}</Link> : null}
        {user ? (
          <Form method="post" action="/logout" reloadDocument>
            <button type="submit" title={user.name}>
              {t("nav.signOut")}
            </button>
          </Form>
        ) : (
          <Link to="/login">{t("nav.staff")}</Link>
        )}
      </nav>
    </header>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useLocale();
  const user = useRouteLoaderData<typeof loader>("root")?.user;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 403) {
    return (
      <main>
        <h1>{t("page.forbidden.title")}</h1>
        <p>{t("page.forbidden.body")}</p>
        <p>
          <Link to={user ? user.home : "/"}>{user ? t("page.forbidden.home") : t("page.home")}</Link>
        </p>
      </main>
    );
  }
  if (status === 503) {
    return (
      <main>
        <h1>{t("page.unavailable.title")}</h1>
        <p>{t("page.unavailable.body")}</p>
      </main>
    );
  }
  const notFound = status === 404;
  return (
    <main>
      <h1>{notFound ? t("page.notFound.title") : t("page.error.title")}</h1>
      <p>{notFound ? t("page.notFound.body") : t("page.error.body")}</p>
      <p>
        <Link to="/">{t("page.home")}</Link>
      </p>
    </main>
  );
}
