// Sign-in and session strings. Each area module exports { uk, en } with the same keys.
const uk = {
  "auth.signIn": "Увійти",
};

export const authMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "auth.signIn": "Sign in",
  },
};
