// Each signed-in person's own notification settings: per kind of notification, at once, in the
// daily digest (08:00 Kyiv), or off. Only one's own: the page takes no user from the URL or the
// form. (Not nested under an /account layout: a page of its own beside the account's others.)
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorList } from "~/components/forms";
import { requireUser } from "~/domain/auth/auth.server";
import { DELIVERIES } from "~/domain/notifications/notification-preferences";
import { getNotificationPreferences, saveNotificationPreferences } from "~/domain/notifications/notification-preferences.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { NotificationPreferencesSchema } from "~/schemas/notification-preferences";
import { storageAware } from "~/utils/storage-full.server";

export const meta: MetaFunction = () => [{ title: "Сповіщення · Notifications — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await getNotificationPreferences(user), email: user.email };
}

export const action = storageAware(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: NotificationPreferencesSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await saveNotificationPreferences({ person: user, choices: submission.value });
  return redirect("/account/notifications?saved=1", 303);
});

export default function NotificationSettings() {
  const { preferences, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t } = useLocale();
  const errors = (lastResult?.error ?? {}) as Record<string, string[] | undefined>;
  const typed = (lastResult?.initialValue ?? {}) as Record<string, unknown>;
  return (
    <main>
      <h1>{t("notifications.title")}</h1>
      <p>{t("notifications.lead", { email })}</p>
      {searchParams.get("saved") && navigation.state === "idle" && !lastResult ? (
        <p className="notice ok" role="status">
          {t("notifications.saved")}
        </p>
      ) : null}
      <Form method="post" className="panel" noValidate>
        {preferences.map(({ topic, delivery }) => {
          const chosen = typeof typed[topic] === "string" ? typed[topic] : delivery;
          return (
            <fieldset key={topic} className="field" aria-describedby={errors[topic]?.length ? `${topic}-error` : undefined}>
              <legend>{t(`notifications.topic.${topic}` as MessageKey)}</legend>
              <p className="hint">{t(`notifications.topic.${topic}.hint` as MessageKey)}</p>
              <div className="checks">
                {DELIVERIES.map((option) => (
                  <label key={option}>
                    <input type="radio" name={topic} value={option} defaultChecked={chosen === option} />
                    {t(`notifications.delivery.${option}` as MessageKey)}
                  </label>
                ))}
              </div>
              <ErrorList id={`${topic}-error`} errors={errors[topic]} />
            </fieldset>
          );
        })}
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("notifications.save")}
        </button>
      </Form>
      <p className="hint">{t("notifications.enterprises")}</p>
    </main>
  );
}
