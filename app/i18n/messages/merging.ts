// Reopening by staff, merging requests and undoing a merge, on the staff pages and in reports.
const uk = {
  "merge.from": "з об'єднаного {reference}",
  "merge.fromHidden": "з об'єднаного запиту",
  "merge.mergedHere": "З цим запитом об'єднано:",
  "merge.otherEnterprise": "інше підприємство",
  "merge.undoHint": "Запит повернеться до координаторів окремим запитом; підприємство побачить причину.",
  "merge.intoHint":
    "Історія цього запиту з'явиться в історії основного, позначена; посилання підприємства показуватиме перебіг основного запиту (якщо це те саме підприємство).",
  "action.reopenByStaff": "Відкрити знову",
  "action.unmerge": "Скасувати об'єднання",
  "request.reasonPublic": "Причина (її побачить підприємство)",
  "event.duplicateMerged": "З цим запитом об'єднано дублікат",
  "event.duplicateUnmerged": "Скасовано об'єднання дубліката з цим запитом",
  "report.action.reopenByStaff": "Відкрито знову координатором",
  "report.action.unmerge": "Об'єднання скасовано",
  "error.mergedInto": "Цей запит сам об'єднано з {n} — вкажіть {n}.",
  "refusal.MERGED_REQUEST_REQUIRED": "Вкажіть об'єднаний запит.",
};

export const mergingMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "merge.from": "from merged {reference}",
    "merge.fromHidden": "from a merged request",
    "merge.mergedHere": "Merged into this request:",
    "merge.otherEnterprise": "another enterprise",
    "merge.undoHint": "The request goes back to the coordinators as a request of its own; the enterprise sees the reason.",
    "merge.intoHint":
      "This request's history will show in the original's, marked; the enterprise's link will follow the original (if it is the same enterprise).",
    "action.reopenByStaff": "Reopen",
    "action.unmerge": "Undo the merge",
    "request.reasonPublic": "Reason (the enterprise will see it)",
    "event.duplicateMerged": "A duplicate was merged into this request",
    "event.duplicateUnmerged": "A duplicate's merge into this request was undone",
    "report.action.reopenByStaff": "Reopened by a coordinator",
    "report.action.unmerge": "Merge undone",
    "error.mergedInto": "That request is itself merged into {n} — give {n}.",
    "refusal.MERGED_REQUEST_REQUIRED": "Give the merged request.",
  },
};
