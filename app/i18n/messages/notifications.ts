// Each person's notification settings (app/routes/account_.notifications.tsx).
import type { Delivery, NotificationTopic } from "~/domain/notifications/notification-preferences";

const uk = {
  "nav.notifications": "Сповіщення",
  "notifications.title": "Сповіщення електронною поштою",
  "notifications.lead": "Оберіть, як до вас ({email}) надходять листи про запити: одразу, одним листом щодня о 08:00 за київським часом, або ніяк.",
  "notifications.save": "Зберегти",
  "notifications.saved": "Налаштування збережено.",
  "notifications.enterprises": "Підприємства отримують кожен лист про свій запит одразу; ці налаштування стосуються лише ваших листів.",
  "notifications.delivery.NOW": "Одразу",
  "notifications.delivery.DIGEST": "У щоденному підсумку (о 08:00 за київським часом)",
  "notifications.delivery.OFF": "Не надсилати",
  "notifications.topic.enterpriseReplied": "Підприємство написало",
  "notifications.topic.enterpriseReplied.hint": "Повідомлення підприємства щодо запиту, який ведете ви або ваш кластер.",
  "notifications.topic.infoProvided": "Підприємство відповіло на запитання",
  "notifications.topic.infoProvided.hint": "Відповідь на ваше запитання або на запитання щодо запиту, який ведете ви чи ваш кластер.",
  "notifications.topic.enterpriseReopened": "Підприємство відкрило запит повторно",
  "notifications.topic.enterpriseReopened.hint": "Запит повертається до черги координаторів.",
  "notifications.topic.assigned": "Вашому кластеру передано запит",
  "notifications.topic.assigned.hint": "Кластер має прийняти запит або відмовитися від нього у встановлений строк.",
  "notifications.topic.declined": "Кластер відмовився від запиту",
  "notifications.topic.declined.hint": "Запит повертається до черги координаторів: потрібно обрати інший кластер.",
  "notifications.topic.notAcceptedInTime": "Кластер не прийняв запит вчасно",
  "notifications.topic.notAcceptedInTime.hint": "Запит повертається до черги координаторів: потрібно обрати інший кластер.",
} satisfies Record<string, string> &
  Record<`notifications.delivery.${Delivery}` | `notifications.topic.${NotificationTopic}` | `notifications.topic.${NotificationTopic}.hint`, string>;

export const notificationMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "nav.notifications": "Notifications",
    "notifications.title": "Email notifications",
    "notifications.lead": "Choose how emails about requests reach you ({email}): at once, in one email every day at 08:00 Kyiv time, or not at all.",
    "notifications.save": "Save",
    "notifications.saved": "Settings saved.",
    "notifications.enterprises": "Enterprises get every email about their own request at once; these settings are about your emails only.",
    "notifications.delivery.NOW": "At once",
    "notifications.delivery.DIGEST": "In the daily digest (08:00 Kyiv time)",
    "notifications.delivery.OFF": "Off",
    "notifications.topic.enterpriseReplied": "The enterprise wrote",
    "notifications.topic.enterpriseReplied.hint": "A message from the enterprise about a request you or your cluster look after.",
    "notifications.topic.infoProvided": "The enterprise answered a question",
    "notifications.topic.infoProvided.hint": "An answer to your question, or to a question about a request you or your cluster look after.",
    "notifications.topic.enterpriseReopened": "The enterprise reopened a request",
    "notifications.topic.enterpriseReopened.hint": "The request goes back to the coordinators' queue.",
    "notifications.topic.assigned": "A request was assigned to your cluster",
    "notifications.topic.assigned.hint": "The cluster must accept or decline it in time.",
    "notifications.topic.declined": "A cluster declined a request",
    "notifications.topic.declined.hint": "The request goes back to the coordinators' queue: another cluster is needed.",
    "notifications.topic.notAcceptedInTime": "A cluster did not accept a request in time",
    "notifications.topic.notAcceptedInTime.hint": "The request goes back to the coordinators' queue: another cluster is needed.",
  },
};
