// /requests/<reference>/print — one request on A4 paper: its details, then its history with
// every message, with no site header, navigation, forms or buttons on paper (styles.css,
// "@media print"). Served as HTML only: nothing on it needs React (decision 012).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EventChanges } from "~/components/event-changes";
import { useLabels } from "~/components/request-labels";
import { requireUser } from "~/domain/auth/auth.server";
import { getRequestForPrint } from "~/domain/requests/request-print.server";
import { DETAIL_LABEL } from "~/i18n/detail-labels";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { localName } from "~/i18n/locale";
import { lineNumbers } from "~/domain/requests/field-changes";

export const handle = { hydrate: false, chrome: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.request.reference} — ${data.request.title}` : "ЦШР" },
  { name: "robots", content: "noindex" },
];

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const full = new URL(request.url).searchParams.get("full") === "1";
  const found = await getRequestForPrint({ reference: params.reference ?? "", viewer: user, full });
  if (!found) throw new Response("Not found", { status: 404 });
  return data({ request: found, printedAt: new Date().toISOString() }, { headers: NO_STORE });
}

export function headers() {
  return NO_STORE;
}

export default function PrintRequest() {
  const { request, printedAt } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const label = useLabels();
  const path = `/requests/${encodeURIComponent(request.reference)}`;

  return (
    <main className="print">
      <div className="screen-only notice">
        <p>
          <Link to={path}>{t("print.back")}</Link>
        </p>
        <p>{t("print.hint")}</p>
        <p>
          {request.full ? <Link to={`${path}/print`}>{t("print.withoutInternal")}</Link> : <Link to={`${path}/print?full=1`}>{t("print.withInternal")}</Link>}
        </p>
      </div>

      <p className="print-org">
        {t("app.name")} · {t("app.org")}
      </p>
      <h1>
        {request.reference}: {request.title}
      </h1>
      {request.full ? <p className="notice warn">{t("print.internalShown")}</p> : null}

      <h2>{t("print.facts")}</h2>
      <dl className="facts">
        <dt>{t("print.status")}</dt>
        <dd>{label.status(request.status)}</dd>
        <dt>{t("request.enterprise")}</dt>
        <dd>
          {request.enterpriseName} · {t("request.edrpou")} {request.enterprise.edrpou}
        </dd>
        <dt>{t("request.contact")}</dt>
        <dd>
          {request.contactName} · {request.phone} · {request.email}
        </dd>
        <dt>{t("col.category")}</dt>
        <dd>{label.category(request.category)}</dd>
        <dt>{t("col.urgency")}</dt>
        <dd>{label.urgency(request.urgency)}</dd>
        <dt>{t("status.region")}</dt>
        <dd>
          {request.city}, {label.region(request.region)}
        </dd>
        {request.sector ? (
          <>
            <dt>{t("field.sector")}</dt>
            <dd>{label.industry(request.sector, request.naceClass)}</dd>
          </>
        ) : null}
        <dt>{t("status.filed")}</dt>
        <dd>{label.dateTime(request.createdAt)}</dd>
        {request.neededBy ? (
          <>
            <dt>{t("request.neededBy")}</dt>
            <dd>{label.dateTime(request.neededBy)}</dd>
          </>
        ) : null}
        <dt>{t("request.owner")}</dt>
        <dd>{request.owner?.name ?? t("request.nobody")}</dd>
        <dt>{t("request.assignedTo")}</dt>
        <dd>{localName(request.assignedCluster, locale)}</dd>
        {request.duplicateOf ? (
          <>
            <dt>{t("event.markDuplicate")}</dt>
            <dd>{request.duplicateOf.reference}</dd>
          </>
        ) : null}
        {request.mergedRequests.length ? (
          <>
            <dt>{t("merge.mergedHere")}</dt>
            <dd>{request.mergedRequests.map((merged) => merged.reference).join(", ")}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t("field.description")}</h2>
      <p className="pre">{request.description}</p>
      <Details title={t("request.details")} details={request.details} />
      {request.sensitiveDetails ? <Details title={t("request.sensitive")} details={request.sensitiveDetails} /> : null}

      <h2>{t("request.timeline")}</h2>
      <ol className="timeline">
        {request.events.map((event) => (
          <li key={event.id}>
            <time dateTime={new Date(event.createdAt).toISOString()}>{label.dateTime(event.createdAt)}</time>{" "}
            {event.mergedFrom ? (
              <span className="mark merged">
                {event.mergedFrom.reference ? t("merge.from", { reference: event.mergedFrom.reference }) : t("merge.fromHidden")}
              </span>
            ) : null}{" "}
            <strong>{t(`event.${event.action}` as MessageKey, lineNumbers(event.action, event.changes))}</strong>
            {event.relatedRequest ? ` ${event.relatedRequest.reference}` : null}
            {event.cluster ? ` — ${localName(event.cluster, locale)}` : null}
            <span className="visibility">
              {" "}
              · {event.actor?.name ?? t(`actor.${event.actorType}` as MessageKey)} ·{" "}
              {event.visibility === "INTERNAL" ? t("request.internal") : t("request.public")}
            </span>
            <EventChanges changes={event.changes} />
            {event.message ? <div className="message">{event.message}</div> : null}
          </li>
        ))}
      </ol>
      <p className="hint">{t("print.printed", { when: label.dateTime(printedAt) })}</p>
    </main>
  );
}

function Details({ title, details }: { title: string; details: Record<string, unknown> }) {
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
            <dd className="pre">{Array.isArray(value) ? value.map((v) => label.region(String(v))).join(", ") : String(value)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
