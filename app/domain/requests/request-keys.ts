// The columns a request's list order and "overdue" filter read, derived from its state in one
// place: every writer (intake, the state machine's executor) stores what this returns.
import { dueSortAt, nextDueAt } from "../sla/sla";
import { type Status, statusRank } from "./state-machine";
import { URGENCY_RANK, type Urgency } from "../taxonomy";

/**
 * Who has the next move, lowest first in the queue's default order: the coordinators (a new
 * request to triage, a triaged one to hand to a cluster, or one a cluster declined or let
 * lapse), then those waiting on a cluster or on the enterprise's answer, then a resolution
 * awaiting the enterprise's confirmation, then nobody.
 */
export function attentionRank(status: Status): number {
  switch (status) {
    case "NEW":
    case "TRIAGED":
      return 0;
    case "NEEDS_INFO":
    case "ASSIGNED":
    case "IN_PROGRESS":
      return 1;
    case "RESOLVED":
      return 2;
    default:
      return 3;
  }
}

export type KeyedState = {
  status: Status;
  urgency: Urgency;
  triagedAt: Date | null;
  triageDueAt: Date | null;
  resolveDueAt: Date | null;
  notAcceptedInTime: boolean;
};

/** The stored sort keys of a request in `state`. */
export function requestKeys(state: KeyedState) {
  const next = nextDueAt(state);
  return {
    statusRank: statusRank(state.status),
    urgencyRank: URGENCY_RANK[state.urgency],
    attentionRank: attentionRank(state.status),
    nextDueAt: next,
    dueSortAt: dueSortAt({ status: state.status, nextDueAt: next, notAcceptedInTime: state.notAcceptedInTime }),
  };
}
