// The request page's tools beside its actions: a new private link for the enterprise, and the
// print view of the request (app/routes/requests.$reference_.print.tsx).
const uk = {
  "statusLink.title": "Посилання для підприємства",
  "statusLink.hint": "Підприємство втратило посилання? Надішліть нове на {email} — попереднє одразу перестане працювати.",
  "statusLink.send": "Надіслати нове посилання",
  "statusLink.done": "Нове посилання надіслано на пошту з запиту; попереднє більше не працює.",
  "print.open": "Версія для друку",
  "print.title": "Запит {reference}",
  "print.back": "← До запиту",
  "print.hint": "Роздрукуйте сторінку або збережіть її як PDF засобами браузера (Ctrl+P). Навігації та кнопок на папері не буде.",
  "print.withInternal": "З внутрішніми нотатками й подіями",
  "print.withoutInternal": "Лише те, що бачить підприємство, і службові події без нотаток",
  "print.internalShown": "Включно з внутрішніми нотатками — не для передачі за межі Центру.",
  "print.printed": "Надруковано {when}",
  "print.messages": "Повідомлення",
  "print.noMessages": "Повідомлень немає.",
  "print.facts": "Відомості",
  "print.status": "Стан",
};

export const requestToolMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "statusLink.title": "The enterprise's link",
    "statusLink.hint": "Has the enterprise lost its link? Send a new one to {email} — the previous one stops working at once.",
    "statusLink.send": "Send a new link",
    "statusLink.done": "A new link was sent to the request's email; the previous one no longer works.",
    "print.open": "Print view",
    "print.title": "Request {reference}",
    "print.back": "← Back to the request",
    "print.hint": "Print the page or save it as PDF from the browser (Ctrl+P). Navigation and buttons are left off the paper.",
    "print.withInternal": "With internal notes and events",
    "print.withoutInternal": "What the enterprise sees, and staff events without notes",
    "print.internalShown": "Internal notes included — not for sharing outside the Centre.",
    "print.printed": "Printed {when}",
    "print.messages": "Messages",
    "print.noMessages": "No messages.",
    "print.facts": "Details",
    "print.status": "Status",
  },
};
