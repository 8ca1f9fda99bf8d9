// Strings of the staff pages (coordinators, cluster members, admins) and the taxonomy's names:
// one module per area under ./messages, each exporting { uk, en } with the same keys, spread
// together here. A signed-in browser loads them as a script (./staff-strings.ts), never bundled
// into public pages; the server has them for every page (the enterprise's pages name categories).
import { accountMessages } from "./messages/account";
import { adminMessages } from "./messages/admin";
import { askingMessages } from "./messages/asking";
import { auditMessages } from "./messages/audit";
import { requestToolMessages } from "./messages/request-tools";
import { correctionMessages } from "./messages/corrections";
import { ownershipMessages } from "./messages/ownership";
import type { Locale } from "./locale";
import { type MessageKey, translate } from "./messages";
import { dashboardMessages } from "./messages/dashboard";
import { enterpriseMessages } from "./messages/enterprises";
import { issuedReportMessages } from "./messages/issued-reports";
import { matchingMessages } from "./messages/matching";
import { notificationMessages } from "./messages/notifications";
import { lineMessages } from "./messages/lines";
import { mergingMessages } from "./messages/merging";
import { outboxMessages } from "./messages/outbox";
import { replyMessages } from "./messages/replies";
import { sectorMessages } from "./messages/sectors";
import { taxonomyMessages } from "./messages/taxonomy";
import { reportMessages } from "./messages/reports";
import { workspaceMessages } from "./messages/workspace";

const uk = {
  ...workspaceMessages.uk,
  ...matchingMessages.uk,
  ...adminMessages.uk,
  ...outboxMessages.uk,
  ...reportMessages.uk,
  ...issuedReportMessages.uk,
  ...dashboardMessages.uk,
  ...correctionMessages.uk,
  ...ownershipMessages.uk,
  ...notificationMessages.uk,
  ...askingMessages.uk,
  ...mergingMessages.uk,
  ...lineMessages.uk,
  ...enterpriseMessages.uk,
  ...auditMessages.uk,
  ...requestToolMessages.uk,
  ...accountMessages.uk,
  ...replyMessages.uk,
  ...taxonomyMessages.uk,
  ...sectorMessages.uk,
};

export const staffMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    ...workspaceMessages.en,
    ...matchingMessages.en,
    ...adminMessages.en,
    ...outboxMessages.en,
    ...reportMessages.en,
    ...issuedReportMessages.en,
    ...dashboardMessages.en,
    ...correctionMessages.en,
    ...ownershipMessages.en,
    ...notificationMessages.en,
    ...askingMessages.en,
    ...mergingMessages.en,
    ...lineMessages.en,
    ...enterpriseMessages.en,
    ...auditMessages.en,
    ...requestToolMessages.en,
    ...accountMessages.en,
    ...replyMessages.en,
    ...taxonomyMessages.en,
    ...sectorMessages.en,
  },
};

/** The full translator for server code that renders staff strings (reports, files). */
export function translateStaff(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}) {
  return translate(locale, key, params, staffMessages[locale]);
}
