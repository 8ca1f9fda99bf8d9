// Questions to the enterprise on the request page: the wait, and the answer for whoever asked.
const uk = {
  "ask.waiting": "Чекаємо на відповідь підприємства з {when}.",
  "ask.askedBy": "Запитання від {who}:",
  "ask.askedByYou": "Ваше запитання:",
  "ask.returnsTo": "Щойно підприємство відповість, запит повернеться в стан «{status}»; строки до того зупинено.",
  "ask.answeredYou": "Підприємство відповіло на ваше запитання ({when}):",
  "ask.answeredOther": "Підприємство відповіло на запитання від {who} ({when}):",
  "ask.yourQuestion": "Ви питали:",
  "ask.theQuestion": "Запитання:",
  "ask.theAnswer": "Відповідь:",
};

export const askingMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "ask.waiting": "Waiting on the enterprise's answer since {when}.",
    "ask.askedBy": "Question from {who}:",
    "ask.askedByYou": "Your question:",
    "ask.returnsTo": "As soon as the enterprise answers, the request goes back to “{status}”; its deadlines are stopped until then.",
    "ask.answeredYou": "The enterprise answered your question ({when}):",
    "ask.answeredOther": "The enterprise answered the question from {who} ({when}):",
    "ask.yourQuestion": "You asked:",
    "ask.theQuestion": "The question:",
    "ask.theAnswer": "The answer:",
  },
};
