// Canned replies: the admin's pages (app/routes/admin.replies.*) and the picker on a request's
// page (app/components/reply-templates.tsx).
const uk = {
  "admin.replies.lead": "Готові тексти повідомлень і запитань підприємствам, українською та англійською.",
  "replies.title": "Шаблони відповідей",
  // What {statusLink} and {dueDate} become when there is no link to write or no due time runs.
  "replies.statusLink": "особисте посилання з листа «Запит отримано»",
  "replies.noDueDate": "[строк не встановлено]",
  "replies.lead": "Координатори й кластери вставляють ці тексти в повідомлення та запитання підприємству на сторінці запиту й допрацьовують перед надсиланням.",
  "replies.list": "Усі шаблони",
  "replies.empty": "Ще немає жодного шаблону.",
  "replies.new": "Новий шаблон",
  "replies.create": "Створити шаблон",
  "replies.created": "Шаблон створено.",
  "replies.deleted": "Шаблон видалено.",
  "replies.back": "← До шаблонів відповідей",
  "replies.nameUk": "Назва українською",
  "replies.nameEn": "Назва англійською",
  "replies.bodyUk": "Текст українською",
  "replies.bodyEn": "Текст англійською",
  "replies.placeholders":
    "Підстановки заповнюються з запиту під час вставлення: {reference} — номер запиту, {enterprise} — назва підприємства, {statusLink} — де підприємство знайде посилання на свою сторінку (саме посилання ніколи не вставляється), {dueDate} — поточний строк запиту.",
  "replies.delete": "Видалити шаблон",
  "replies.delete.hint": "Уже надіслані повідомлення не зміняться.",
  "replies.pick": "Шаблон відповіді",
  "replies.insert": "Вставити",
  "replies.inUkrainian": "Українською",
  "replies.inEnglish": "English",
  "error.unknownPlaceholder": "Невідома підстановка у фігурних дужках. Можна: {reference}, {enterprise}, {statusLink}, {dueDate}.",
} satisfies Record<string, string>;

export const replyMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "admin.replies.lead": "Ready texts of messages and questions to enterprises, in Ukrainian and English.",
    "replies.title": "Reply templates",
    "replies.statusLink": "the private link in the “Request received” email",
    "replies.noDueDate": "[no due date]",
    "replies.lead":
      "Coordinators and clusters insert these texts into messages and questions to the enterprise on a request's page, and adjust them before sending.",
    "replies.list": "All templates",
    "replies.empty": "No templates yet.",
    "replies.new": "New template",
    "replies.create": "Create template",
    "replies.created": "Template created.",
    "replies.deleted": "Template deleted.",
    "replies.back": "← Reply templates",
    "replies.nameUk": "Name in Ukrainian",
    "replies.nameEn": "Name in English",
    "replies.bodyUk": "Text in Ukrainian",
    "replies.bodyEn": "Text in English",
    "replies.placeholders":
      "Placeholders are filled from the request when the text is inserted: {reference} — the request's reference, {enterprise} — the enterprise's name, {statusLink} — where the enterprise finds the link to its page (the link itself is never inserted), {dueDate} — the request's current due time.",
    "replies.delete": "Delete template",
    "replies.delete.hint": "Messages already sent stay as they are.",
    "replies.pick": "Reply template",
    "replies.insert": "Insert",
    "replies.inUkrainian": "Українською",
    "replies.inEnglish": "English",
    "error.unknownPlaceholder": "Unknown placeholder in braces. Allowed: {reference}, {enterprise}, {statusLink}, {dueDate}.",
  },
};
