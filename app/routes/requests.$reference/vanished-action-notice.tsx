// The request page's notice for a refused post whose form is no longer on the page.
import { useActionData } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import type { action } from "./route";

/**
 * A refused post whose action is no longer on the page (someone moved the request on
 * meanwhile): say what happened, and give back what was typed, at the top of the page.
 */
export function VanishedActionNotice({ actions }: { actions: readonly string[] }) {
  const actionData = useActionData<typeof action>();
  const { t } = useLocale();
  const refused = actionData?.result;
  const intent = refused?.initialValue?.intent;
  const formErrors = (refused?.error as Record<string, string[] | undefined> | undefined)?.[""];
  if (typeof intent !== "string" || actions.includes(intent) || !formErrors?.length) return null;
  const typed = refused?.initialValue?.message;
  return (
    <div className="notice error" role="alert">
      <p>{t("request.vanished", { action: t(`action.${intent}` as MessageKey) })}</p>
      {typeof typed === "string" && typed.trim() ? (
        <>
          <p>{t("request.yourText")}</p>
          <blockquote className="message">{typed}</blockquote>
        </>
      ) : null}
    </div>
  );
}
