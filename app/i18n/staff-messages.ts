// Strings of the staff pages (coordinators, cluster members, admins): one module per area
// under ./messages, each exporting { uk, en } with the same keys, spread together here.
import { authMessages } from "./messages/auth";

const uk = { ...authMessages.uk };

export const staffMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: { ...authMessages.en },
};
