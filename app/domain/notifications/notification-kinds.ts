// The kinds of notice, as codes: which ones the enterprise gets about the Centre's actions, which
// ones staff get (and may take in the daily digest). Their words are in the dictionaries
// (app/i18n/messages/mail-*.ts, `mail.<kind>.*`).

export const ENTERPRISE_NOTICE_KINDS = [
  "infoRequested",
  "accepted",
  "message",
  "resolved",
  "rejected",
  "duplicate",
  "closed",
  "autoClosed",
  "closedStale",
  "stillNeeded",
  "corrected",
  "reopened",
  "unmerged",
] as const;
export type EnterpriseNoticeKind = (typeof ENTERPRISE_NOTICE_KINDS)[number];

export const STAFF_NOTICE_KINDS = ["assigned", "declined", "notAcceptedInTime", "enterpriseReplied", "infoProvided", "enterpriseReopened"] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];
