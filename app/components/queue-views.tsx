// The queue's ways in: the views every coordinator has (what needs my action, mine, nobody's,
// everything) and the saved ones, the user's own and those shared with all coordinators.
import { Form, Link } from "@remix-run/react";
import type { SavedViewItem } from "~/domain/queue/saved-views.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { MY_WORK, type QueueParams, queueSearch } from "~/schemas/queue";

const VIEWS: { label: MessageKey; search: string }[] = [
  { label: "queue.view.myWork", search: "" },
  { label: "queue.view.mine", search: "?owner=me" },
  { label: "queue.view.nobody", search: "?owner=nobody" },
  { label: "queue.view.all", search: "?owner=any" },
];

/** Links to the usual views; the one showing is marked as current. */
export function QueueViewTabs({ params }: { params: QueueParams }) {
  const { t } = useLocale();
  const current = queueSearch(params);
  return (
    <nav aria-label={t("queue.views")}>
      <ul className="tabs">
        {VIEWS.map((view) => (
          <li key={view.label}>
            <Link to={`/queue${view.search}`} aria-current={current === view.search ? "page" : undefined}>
              {t(view.label)}
            </Link>
          </li>
        ))}
      </ul>
      {current === queueSearch(MY_WORK) ? <p className="hint">{t("queue.myWork.hint")}</p> : null}
    </nav>
  );
}

export function SavedViews({ views, query, saveErrors }: { views: SavedViewItem[]; query: string; saveErrors?: string[] }) {
  const { t, tError } = useLocale();
  return (
    <section className="panel" aria-labelledby="views-title">
      <h2 id="views-title">{t("queue.savedViews")}</h2>
      {views.length ? (
        <ul className="checks" style={{ listStyle: "none", padding: 0 }}>
          {views.map((view) => (
            <li key={view.id}>
              <Link to={`/queue${view.query}`}>{view.name}</Link>
              {view.shared ? <span className="mark shared">{t("queue.sharedBy", { name: view.author })}</span> : null}{" "}
              {view.manageable && view.shared ? (
                <Form method="post" style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="unshareView" />
                  <input type="hidden" name="id" value={view.id} />
                  <button type="submit" className="secondary" aria-label={`${t("queue.unshareView")}: ${view.name}`}>
                    {t("queue.unshareView")}
                  </button>
                </Form>
              ) : null}{" "}
              {view.manageable ? (
                <Form method="post" style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="deleteView" />
                  <input type="hidden" name="id" value={view.id} />
                  <button type="submit" className="secondary" aria-label={`${t("queue.deleteView")}: ${view.name}`}>
                    ×
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t("queue.noViews")}</p>
      )}
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="saveView" />
        <input type="hidden" name="query" value={query} />
        <div className="field">
          <label htmlFor="view-name">{t("queue.viewName")}</label>
          <input id="view-name" name="name" type="text" maxLength={80} required aria-invalid={saveErrors?.length ? true : undefined} />
          {saveErrors?.length ? <p className="errors">{saveErrors.map(tError).join(" ")}</p> : null}
        </div>
        <label>
          <input type="checkbox" name="shared" value="on" /> {t("queue.shareView")}
        </label>
        <button type="submit" className="secondary">
          {t("queue.saveView")}
        </button>
      </Form>
    </section>
  );
}
