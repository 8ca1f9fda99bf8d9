import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getStatusPage } from "~/domain/requests/status-page.server";
import { formatDateTime } from "~/i18n/locale";
import { useLocale } from "~/i18n/use-locale";
import { env } from "~/config/env.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { INTAKE_DRAFT_KEY } from "~/schemas/intake";
import { jsonInScript } from "~/utils/json-in-script";
import { useNonce } from "~/utils/nonce";

/** A page to read and keep: served as HTML only, without React in the browser (decision 012). */
export const handle = { hydrate: false };

/**
 * The request is filed, so the draft of its form is dropped from the device. Inline, so it runs
 * as the page arrives (this page has no other script).
 */
const CLEAR_DRAFT = `try{localStorage.removeItem(${jsonInScript(INTAKE_DRAFT_KEY)})}catch(e){}`;

export const meta: MetaFunction = () => [{ title: "Запит прийнято · Request received — ЦШР" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const found = await getStatusPage(token);
  if (!found) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  const origin = env.publicUrl;
  return data(
    { reference: found.reference, triageDueAt: found.triageDueAt, statusUrl: `${origin}/s/${token}`, statusPath: `/s/${token}` },
    { headers: PRIVATE_HEADERS },
  );
}

export function headers() {
  return PRIVATE_HEADERS;
}

export default function Submitted() {
  const { reference, triageDueAt, statusUrl, statusPath } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const nonce = useNonce();
  return (
    <main>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: CLEAR_DRAFT }} />
      <h1>{t("confirm.title")}</h1>
      <p>{t("confirm.reference")}:</p>
      <p className="reference" data-testid="reference">
        {reference}
      </p>
      <h2>{t("confirm.link")}</h2>
      <p className="link-box" data-testid="status-link">
        {statusUrl}
      </p>
      <p className="notice warn">{t("confirm.keep")}</p>
      {triageDueAt ? <p>{t("confirm.next", { when: formatDateTime(triageDueAt, locale) })}</p> : null}
      <p>
        <Link className="button" to={statusPath}>
          {t("confirm.open")}
        </Link>
      </p>
    </main>
  );
}
