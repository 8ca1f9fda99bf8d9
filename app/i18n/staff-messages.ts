// Strings of the staff pages (coordinators, cluster members, admins): one module per area
// under ./messages, each exporting { uk, en } with the same keys, spread together here.
import { adminMessages } from "./messages/admin";
import { authMessages } from "./messages/auth";
import { dashboardMessages } from "./messages/dashboard";
import { matchingMessages } from "./messages/matching";
import { outboxMessages } from "./messages/outbox";
import { reportMessages } from "./messages/reports";
import { workspaceMessages } from "./messages/workspace";

const uk = { ...authMessages.uk, ...workspaceMessages.uk, ...matchingMessages.uk, ...adminMessages.uk, ...outboxMessages.uk, ...reportMessages.uk, ...dashboardMessages.uk };

export const staffMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: { ...authMessages.en, ...workspaceMessages.en, ...matchingMessages.en, ...adminMessages.en, ...outboxMessages.en, ...reportMessages.en, ...dashboardMessages.en },
};
