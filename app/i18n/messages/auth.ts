// Sign-in and session strings. Each area module exports { uk, en } with the same keys.
const uk = {
  "auth.signIn": "Увійти",
  "auth.title": "Вхід для працівників Центру",
  "auth.lead": "Для координаторів, адміністраторів і представників кластерів. Підприємствам обліковий запис не потрібен.",
  "auth.email": "Електронна пошта",
  "auth.password": "Пароль",
  "auth.signingIn": "Входимо…",
  "auth.signOut": "Вийти",
  "error.invalidCredentials": "Невірна електронна пошта або пароль.",
  "error.loginWait": "Забагато невдалих спроб входу. Спробуйте знову через {n} хв.",
};

export const authMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "auth.signIn": "Sign in",
    "auth.title": "Staff sign-in",
    "auth.lead": "For coordinators, administrators and cluster representatives. Enterprises need no account.",
    "auth.email": "Email",
    "auth.password": "Password",
    "auth.signingIn": "Signing in…",
    "auth.signOut": "Sign out",
    "error.invalidCredentials": "Wrong email or password.",
    "error.loginWait": "Too many failed sign-in attempts. Try again in {n} min.",
  },
};
