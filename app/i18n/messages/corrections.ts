// Staff's corrections of what an enterprise filed ("Correct the request" on the request page).
const uk = {
  "action.edit": "Виправити запит",
  "correction.lead":
    "Змініть те, що подано з помилкою або уточнено з підприємством. Підприємство побачить на своїй сторінці, що саме змінено (чутливі дані — лише як «змінено»). Зміна терміновості перераховує строки.",
  "correction.section.enterprise": "Підприємство і контакт",
  "correction.section.request": "Запит",
  "correction.detailsHint": "Зберігається лише блок обраної категорії.",
  "correction.message": "Коментар (його побачить підприємство)",
  "correction.submit": "Зберегти виправлення",
  "correction.nothingChanged": "Нічого не змінено: усі значення такі самі, як були.",
  "request.acceptDue": "Прийняти до",
};

export const correctionMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "action.edit": "Correct the request",
    "correction.lead":
      "Change what was filed by mistake or clarified with the enterprise. The enterprise sees on its page what changed (sensitive details only as “changed”). A changed urgency recomputes the due times.",
    "correction.section.enterprise": "Enterprise and contact",
    "correction.section.request": "Request",
    "correction.detailsHint": "Only the chosen category's block is kept.",
    "correction.message": "Comment (the enterprise sees it)",
    "correction.submit": "Save the correction",
    "correction.nothingChanged": "Nothing changed: every value is as it was.",
    "request.acceptDue": "Accept by",
  },
};
