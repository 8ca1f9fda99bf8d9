// A signed-in person's own account (/account): who they are, and changing their password.
const uk = {
  "nav.account": "Мій обліковий запис",
  "account.title": "Мій обліковий запис",
  "account.who": "{name} · {email} · {role}",
  "account.password": "Змінити пароль",
  "account.password.lead": "Після зміни всі ваші інші сеанси (на інших пристроях і в інших браузерах) буде завершено; цей залишиться.",
  "account.current": "Поточний пароль",
  "account.new": "Новий пароль",
  "account.new.hint": "Щонайменше 12 символів. Найкраще — кілька не пов'язаних слів.",
  "account.confirm": "Новий пароль ще раз",
  "account.save": "Змінити пароль",
  "account.saving": "Змінюємо…",
  "account.done": "Пароль змінено. Інші ваші сеанси завершено ({n}).",
  "error.wrongPassword": "Поточний пароль неправильний.",
  "error.newSameAsCurrent": "Новий пароль має відрізнятися від поточного.",
};

export const accountMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "nav.account": "My account",
    "account.title": "My account",
    "account.who": "{name} · {email} · {role}",
    "account.password": "Change password",
    "account.password.lead": "Changing it ends all your other sessions (on other devices and browsers); this one stays.",
    "account.current": "Current password",
    "account.new": "New password",
    "account.new.hint": "At least 12 characters. A few unrelated words work best.",
    "account.confirm": "New password again",
    "account.save": "Change password",
    "account.saving": "Changing…",
    "account.done": "Your password was changed. Your other sessions were ended ({n}).",
    "error.wrongPassword": "The current password is wrong.",
    "error.newSameAsCurrent": "The new password must differ from the current one.",
  },
};
