// Getting back in, on public pages: a new status link for an enterprise (/s/lost), and a
// forgotten staff password (/forgot-password, /reset-password/<token>). Each area module
// exports { uk, en } with the same keys.
const uk = {
  "lostLink.title": "Втратили посилання на запит?",
  "lostLink.lead":
    "Вкажіть номер запиту і електронну пошту, яку ви вказали, подаючи його. Якщо вони збігаються, ми надішлемо на цю пошту нове особисте посилання, а попереднє перестане працювати.",
  "lostLink.reference": "Номер запиту",
  "lostLink.reference.hint": "Наприклад, RRC-2026-000123 — він є в листі «Запит отримано» і в кожному листі Центру.",
  "lostLink.email": "Електронна пошта, вказана в запиті",
  "lostLink.send": "Надіслати нове посилання",
  "lostLink.sent":
    "Якщо номер і пошта збігаються з поданим запитом, нове посилання вже надіслано на цю адресу, а попереднє більше не працює. Лист прийде за кілька хвилин; перевірте також папку «Спам».",
  "lostLink.noEmail":
    "Немає доступу до тієї пошти або її вказано з помилкою? Зателефонуйте до Центру й назвіть номер запиту: координатор надішле посилання на пошту з запиту або виправить її.",
  "lostLink.ask": "Втратили посилання? Отримати нове",
  "error.referenceFormat": "Номер запиту має вигляд RRC-2026-000123.",
  "error.tooManyTries": "Забагато спроб за короткий час. Спробуйте знову за {n} хв.",
  "event.rotateStatusLink": "Надіслано нове посилання на сторінку запиту",

  "forgot.title": "Відновлення пароля",
  "forgot.lead":
    "Вкажіть електронну пошту свого облікового запису. Ми надішлемо на неї посилання, за яким можна задати новий пароль; воно діє годину і лише один раз.",
  "forgot.send": "Надіслати посилання",
  "forgot.sent":
    "Якщо на цю адресу зареєстровано активний обліковий запис, лист із посиланням уже надіслано. Він прийде за кілька хвилин; перевірте також папку «Спам».",
  "forgot.link": "Забули пароль?",
  "forgot.locked": "Вхід заблоковано після невдалих спроб? Відновлення пароля знімає блокування, або зверніться до адміністратора Центру.",
  "reset.title": "Новий пароль",
  "reset.lead": "Задайте новий пароль. Після зміни всі ваші сеанси буде завершено — увійдіть знову з новим паролем.",
  "reset.password": "Новий пароль",
  "reset.password.hint": "Щонайменше 12 символів. Найкраще — кілька не пов'язаних слів.",
  "reset.confirm": "Новий пароль ще раз",
  "reset.save": "Зберегти новий пароль",
  "reset.invalid.title": "Посилання недійсне",
  "reset.invalid.body": "Це посилання на відновлення пароля вже використано, його строк минув або його скопійовано не повністю.",
  "reset.again": "Отримати нове посилання",
  "reset.done": "Пароль змінено. Увійдіть з новим паролем.",
  "error.passwordsDiffer": "Паролі не збігаються.",
  "error.resetLinkUnusable": "Посилання вже використано або його строк минув.",
};

export const accessMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "lostLink.title": "Lost the link to your request?",
    "lostLink.lead":
      "Give the request's reference and the email you gave when filing it. If they match, we send a new private link to that email, and the previous link stops working.",
    "lostLink.reference": "Reference",
    "lostLink.reference.hint": "For example RRC-2026-000123 — it is in the “Request received” email and in every email from the Centre.",
    "lostLink.email": "The email given in the request",
    "lostLink.send": "Send a new link",
    "lostLink.sent":
      "If the reference and the email match a filed request, a new link has been sent to that address, and the previous one no longer works. The email arrives within a few minutes; check the spam folder too.",
    "lostLink.noEmail":
      "No access to that mailbox, or it was mistyped? Call the Centre and give the reference: a coordinator can send the link to the request's email or correct it.",
    "lostLink.ask": "Lost the link? Get a new one",
    "error.referenceFormat": "A reference looks like RRC-2026-000123.",
    "error.tooManyTries": "Too many tries in a short time. Try again in {n} min.",
    "event.rotateStatusLink": "A new link to the request's page was sent",

    "forgot.title": "Password reset",
    "forgot.lead": "Give your account's email. We send it a link to choose a new password; the link works for an hour, and only once.",
    "forgot.send": "Send the link",
    "forgot.sent":
      "If an active account is registered to this address, an email with the link has been sent. It arrives within a few minutes; check the spam folder too.",
    "forgot.link": "Forgot your password?",
    "forgot.locked": "Locked out after failed attempts? Resetting the password lifts the lock, or ask the Centre's administrator.",
    "reset.title": "New password",
    "reset.lead": "Choose a new password. Changing it ends all your sessions — sign in again with the new password.",
    "reset.password": "New password",
    "reset.password.hint": "At least 12 characters. A few unrelated words work best.",
    "reset.confirm": "New password again",
    "reset.save": "Save the new password",
    "reset.invalid.title": "This link does not work",
    "reset.invalid.body": "This password reset link was already used, has expired, or was not copied whole.",
    "reset.again": "Get a new link",
    "reset.done": "Your password was changed. Sign in with the new password.",
    "error.passwordsDiffer": "The passwords differ.",
    "error.resetLinkUnusable": "The link was already used or has expired.",
  },
};
