// Who hears of which state-machine action, derived from the machine's own table: every PUBLIC
// action that staff or the Centre can take is announced to the enterprise, and the enterprise's
// own actions to the staff who look after the request. A new action in TRANSITIONS fails the
// type check until it has its entry here (null: deliberately silent, with the reason beside it).
import type { EnterpriseNoticeKind, StaffNoticeKind } from "./notification-templates";
import type { Action, TRANSITIONS } from "../requests/state-machine";

type Rules = typeof TRANSITIONS;

/** PUBLIC actions someone other than the enterprise can take: the enterprise sees them on its page. */
export type EnterpriseFacingAction = {
  [A in Action]: Rules[A]["visibility"] extends "PUBLIC" ? (Exclude<Rules[A]["by"][number], "ENTERPRISE"> extends never ? never : A) : never;
}[Action];

/** What the enterprise itself can do through its private link. */
export type EnterpriseAction = { [A in Action]: "ENTERPRISE" extends Rules[A]["by"][number] ? A : never }[Action];

/** The e-mail the enterprise gets for each PUBLIC action of staff or the Centre. */
export const ENTERPRISE_NOTICE = {
  requestInfo: "infoRequested",
  accept: "accepted",
  publicMessage: "message",
  resolve: "resolved",
  reject: "rejected",
  markDuplicate: "duplicate",
  close: "closed",
  autoClose: "autoClosed",
  closeStale: "closedStale",
  askStillNeeded: "stillNeeded",
  // A correction of what it filed: the fields that changed, a sensitive detail only as changed.
  edit: "corrected",
  reopenByStaff: "reopened",
  unmerge: "unmerged",
  // How its request is split into lines is on its page; it changes nothing the enterprise does.
  splitLine: null,
  joinLines: null,
} as const satisfies Record<EnterpriseFacingAction, EnterpriseNoticeKind | null>;

/**
 * The e-mail the request's owner and its cluster's members get when the enterprise acts
 * (an answer also goes to whoever asked the question).
 */
export const STAFF_NOTICE_ON_ENTERPRISE_ACTION = {
  // A new request is announced by the queue itself (and intake writes "request received").
  submit: null,
  provideInfo: "infoProvided",
  enterpriseMessage: "enterpriseReplied",
  reopen: "enterpriseReopened",
  // The request is finished or simply goes on: nothing for anyone to do.
  confirm: null,
  confirmStillNeeded: null,
  // A new private link (/s/lost) changes nothing staff act on; it is on the staff timeline, and
  // the link itself is mailed to the enterprise by the rotation (decision 026).
  rotateStatusLink: null,
} as const satisfies Record<EnterpriseAction, StaffNoticeKind | null>;

export function enterpriseNoticeFor(action: Action): EnterpriseNoticeKind | null {
  return (ENTERPRISE_NOTICE as Partial<Record<Action, EnterpriseNoticeKind | null>>)[action] ?? null;
}

export function staffNoticeForEnterpriseAction(action: Action): StaffNoticeKind | null {
  return (STAFF_NOTICE_ON_ENTERPRISE_ACTION as Partial<Record<Action, StaffNoticeKind | null>>)[action] ?? null;
}
