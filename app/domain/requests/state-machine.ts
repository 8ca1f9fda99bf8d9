// The request state machine: every allowed transition, who may make it, what it requires and
// what it records. Every change to a request's status goes through `planTransition`; the
// server-side executor (request-transition.server.ts) applies the plan in one transaction.
import type { CorrectedRequest } from "./request-corrections";
import type { Category, Urgency } from "../taxonomy";

export const STATUSES = ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED", "DUPLICATE"] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which nothing more is expected of anyone. */
export const FINAL_STATUSES: readonly Status[] = ["CLOSED", "REJECTED", "DUPLICATE"];
/**
 * Every status but the final ones: what was filed may still be corrected, and the request has an
 * owner who may change. A resolution awaits the enterprise's confirmation and may be reopened,
 * so it counts here.
 */
export const UNFINISHED_STATUSES: readonly Status[] = ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED"];
/** Statuses that count as "open" work for the backlog. */
export const OPEN_STATUSES: readonly Status[] = ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"];
/** The request's clock is paused while the enterprise is asked for information. */
export const PAUSED_STATUSES: readonly Status[] = ["NEEDS_INFO"];
/** Open and not paused: a due time is running (sla.ts nextDueAt). */
export const CLOCK_RUNNING_STATUSES: readonly Status[] = OPEN_STATUSES.filter((status) => !PAUSED_STATUSES.includes(status));
/** Work done or stopped: resolved (awaiting confirmation) and the final statuses. Leaving one is a reopening. */
export const FINISHED_STATUSES: readonly Status[] = ["RESOLVED", ...FINAL_STATUSES];

/**
 * Who is acting, as the machine sees it. A cluster member counts as ASSIGNED_MEMBER only for
 * requests assigned to their own cluster (see `actorKindFor`).
 */
export type ActorKind = "ENTERPRISE" | "SYSTEM" | "ADMIN" | "COORDINATOR" | "ASSIGNED_MEMBER" | "OTHER_MEMBER";

export type Actor =
  { type: "ENTERPRISE" } | { type: "SYSTEM" } | { type: "USER"; userId: string; role: "ADMIN" | "COORDINATOR" | "CLUSTER_MEMBER"; clusterId: string | null };

export function actorKindFor(actor: Actor, request: { assignedClusterId: string | null }): ActorKind {
  if (actor.type !== "USER") return actor.type;
  if (actor.role !== "CLUSTER_MEMBER") return actor.role;
  return actor.clusterId !== null && actor.clusterId === request.assignedClusterId ? "ASSIGNED_MEMBER" : "OTHER_MEMBER";
}

type Timestamp = "triagedAt" | "assignedAt" | "acceptedAt" | "resolvedAt" | "closedAt";

/**
 * `to`: a status, "SAME" for messages that change no status, "BACK_TO_COORDINATORS" (TRIAGED
 * if the request was ever triaged, else NEW) for reopenings, or "WHERE_ASKED" (the status the
 * enterprise was asked a question from, see `infoAskedFrom`) for the end of a wait.
 */
type Rule = {
  from: readonly (Status | null)[];
  to: Status | "SAME" | "BACK_TO_COORDINATORS" | "WHERE_ASKED";
  by: readonly ActorKind[];
  requires?: { message?: true; cluster?: true; duplicateOf?: true; correction?: true; owner?: true; mergedRequest?: true; newLine?: true };
  visibility: "PUBLIC" | "INTERNAL";
  /** Timestamps the transition sets to "now". */
  stamps?: readonly Timestamp[];
  /** Timestamps the transition clears (e.g. reopening clears resolvedAt). */
  clears?: readonly Timestamp[];
  /** The request leaves its cluster (decline, lapse, pull-back). */
  releasesCluster?: true;
  /** Who owns the request afterwards: the actor ("take"), or the person named in the input ("hand over"). */
  setsOwner?: "ACTOR" | "INPUT";
  /** Only the request's owner, or an admin, may do it. */
  ownerOrAdmin?: true;
  /**
   * A merge or its undoing: the action the executor records, in the same transaction, on the
   * original request (the one the duplicate is merged into).
   */
  onOriginal?: "duplicateMerged" | "duplicateUnmerged";
  /** Recorded only by the executor alongside `onOriginal`'s action, never offered on its own. */
  alongside?: "markDuplicate" | "unmerge";
};

const STAFF = ["ADMIN", "COORDINATOR"] as const;
const STAFF_AND_ASSIGNED = ["ADMIN", "COORDINATOR", "ASSIGNED_MEMBER"] as const;
const ALL_STATUSES = STATUSES;
/** Where a request's lines may be split or joined: filed, or in work and not yet resolved. */
const IN_WORK_OR_NEW = ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS"] as const;

export const TRANSITIONS = {
  /** An enterprise files a request: the first event of every request. */
  submit: { from: [null], to: "NEW", by: ["ENTERPRISE"], visibility: "PUBLIC" },
  triage: { from: ["NEW"], to: "TRIAGED", by: STAFF, visibility: "INTERNAL", stamps: ["triagedAt"] },
  /**
   * A question to the enterprise from any open status before resolution: the request waits in
   * NEEDS_INFO (its SLA clock paused), keeps its cluster, and goes back where it was asked from.
   */
  requestInfo: {
    from: ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS"],
    to: "NEEDS_INFO",
    by: STAFF_AND_ASSIGNED,
    requires: { message: true },
    visibility: "PUBLIC",
  },
  provideInfo: {
    from: ["NEEDS_INFO"],
    to: "WHERE_ASKED",
    by: ["ENTERPRISE"],
    requires: { message: true },
    visibility: "PUBLIC",
  },
  resumeWithoutReply: {
    from: ["NEEDS_INFO"],
    to: "WHERE_ASKED",
    by: STAFF_AND_ASSIGNED,
    requires: { message: true },
    visibility: "INTERNAL",
  },
  assign: {
    from: ["NEW", "TRIAGED", "ASSIGNED"],
    to: "ASSIGNED",
    by: STAFF,
    requires: { cluster: true },
    visibility: "INTERNAL",
    stamps: ["assignedAt"],
  },
  accept: {
    from: ["ASSIGNED"],
    to: "IN_PROGRESS",
    by: STAFF_AND_ASSIGNED,
    visibility: "PUBLIC",
    stamps: ["acceptedAt"],
  },
  decline: {
    from: ["ASSIGNED"],
    to: "TRIAGED",
    by: ["ASSIGNED_MEMBER"],
    requires: { message: true },
    visibility: "INTERNAL",
    releasesCluster: true,
    clears: ["assignedAt"],
  },
  acceptTimeout: {
    from: ["ASSIGNED"],
    to: "TRIAGED",
    by: ["SYSTEM"],
    visibility: "INTERNAL",
    releasesCluster: true,
    clears: ["assignedAt"],
  },
  unassign: {
    from: ["ASSIGNED", "IN_PROGRESS"],
    to: "TRIAGED",
    by: STAFF,
    requires: { message: true },
    visibility: "INTERNAL",
    releasesCluster: true,
    clears: ["assignedAt", "acceptedAt"],
  },
  resolve: {
    from: ["IN_PROGRESS"],
    to: "RESOLVED",
    by: STAFF_AND_ASSIGNED,
    requires: { message: true },
    visibility: "PUBLIC",
    stamps: ["resolvedAt"],
  },
  confirm: { from: ["RESOLVED"], to: "CLOSED", by: ["ENTERPRISE"], visibility: "PUBLIC", stamps: ["closedAt"] },
  close: { from: ["RESOLVED"], to: "CLOSED", by: STAFF, visibility: "PUBLIC", stamps: ["closedAt"] },
  autoClose: { from: ["RESOLVED"], to: "CLOSED", by: ["SYSTEM"], visibility: "PUBLIC", stamps: ["closedAt"] },
  closeStale: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"],
    to: "CLOSED",
    by: ["SYSTEM"],
    visibility: "PUBLIC",
    stamps: ["closedAt"],
  },
  reopen: {
    from: ["RESOLVED", "CLOSED"],
    to: "BACK_TO_COORDINATORS",
    by: ["ENTERPRISE"],
    requires: { message: true },
    visibility: "PUBLIC",
    releasesCluster: true,
    clears: ["assignedAt", "acceptedAt", "resolvedAt", "closedAt"],
  },
  reject: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO"],
    to: "REJECTED",
    by: STAFF,
    requires: { message: true },
    visibility: "PUBLIC",
    stamps: ["closedAt"],
  },
  /** Staff reopen a finished request: it goes back to the coordinators, without a cluster. */
  reopenByStaff: {
    from: ["RESOLVED", "CLOSED", "REJECTED"],
    to: "BACK_TO_COORDINATORS",
    by: STAFF,
    requires: { message: true },
    visibility: "PUBLIC",
    releasesCluster: true,
    clears: ["assignedAt", "acceptedAt", "resolvedAt", "closedAt"],
  },
  /** Merges the request into another (its original): its timeline shows in the original's. */
  markDuplicate: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO"],
    to: "DUPLICATE",
    by: STAFF,
    requires: { message: true, duplicateOf: true },
    visibility: "PUBLIC",
    stamps: ["closedAt"],
    onOriginal: "duplicateMerged",
  },
  /** Undoes a merge (reopens a duplicate): back to the coordinators, on its own again. */
  unmerge: {
    from: ["DUPLICATE"],
    to: "BACK_TO_COORDINATORS",
    by: STAFF,
    requires: { message: true },
    visibility: "PUBLIC",
    clears: ["closedAt"],
    onOriginal: "duplicateUnmerged",
  },
  /** On the original: a duplicate was merged into it (recorded by markDuplicate). */
  duplicateMerged: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED"],
    to: "SAME",
    by: STAFF,
    requires: { mergedRequest: true },
    visibility: "INTERNAL",
    alongside: "markDuplicate",
  },
  /** On the original: a merge into it was undone (recorded by unmerge). */
  duplicateUnmerged: {
    from: ALL_STATUSES,
    to: "SAME",
    by: STAFF,
    requires: { mergedRequest: true },
    visibility: "INTERNAL",
    alongside: "unmerge",
  },
  /**
   * Staff split a need off into a line of its own, with its category and what is needed; it
   * waits for its cluster (decision 055). The enterprise sees its request's lines.
   */
  splitLine: { from: IN_WORK_OR_NEW, to: "SAME", by: STAFF, requires: { newLine: true }, visibility: "PUBLIC" },
  /**
   * Staff join a line still waiting for a cluster into another line not yet resolved: it counts
   * no more, so the request's status never changes by it (lines.ts).
   */
  joinLines: { from: IN_WORK_OR_NEW, to: "SAME", by: STAFF, visibility: "PUBLIC" },
  /** Internal note between staff and the assigned cluster. */
  note: { from: ALL_STATUSES, to: "SAME", by: STAFF_AND_ASSIGNED, requires: { message: true }, visibility: "INTERNAL" },
  /**
   * Staff take the enterprise details filed with this request (name, contact, city) into the
   * enterprise registry: the only way the registry row changes after its first filing.
   */
  adoptEnterpriseDetails: { from: ALL_STATUSES, to: "SAME", by: STAFF, visibility: "INTERNAL" },
  /**
   * Staff correct what was filed (category, urgency, place, text, dates, the category's details,
   * contact). Public: the enterprise sees what changed in what it filed (sensitive values aside).
   */
  edit: { from: UNFINISHED_STATUSES, to: "SAME", by: STAFF, requires: { correction: true }, visibility: "PUBLIC" },
  /** Any coordinator or admin becomes the request's owner ("take it"). */
  take: { from: UNFINISHED_STATUSES, to: "SAME", by: STAFF, visibility: "INTERNAL", setsOwner: "ACTOR" },
  /** The owner (or an admin) gives the request to another active coordinator, with a note. */
  handOver: {
    from: UNFINISHED_STATUSES,
    to: "SAME",
    by: STAFF,
    requires: { message: true, owner: true },
    visibility: "INTERNAL",
    setsOwner: "INPUT",
    ownerOrAdmin: true,
  },
  /** A message to the enterprise, shown on its status page. */
  publicMessage: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED"],
    to: "SAME",
    by: STAFF_AND_ASSIGNED,
    requires: { message: true },
    visibility: "PUBLIC",
  },
  /** The scheduler asks the enterprise whether an inactive request is still needed. */
  askStillNeeded: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"],
    to: "SAME",
    by: ["SYSTEM"],
    visibility: "PUBLIC",
  },
  /** The enterprise answers "yes, still needed". */
  confirmStillNeeded: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"],
    to: "SAME",
    by: ["ENTERPRISE"],
    visibility: "PUBLIC",
  },
  /**
   * A new private link replaces the old one, which stops working at once: asked for on /s/lost
   * by whoever knows the reference and the e-mail it was filed with (the link goes only to
   * that e-mail), or sent by staff. Changes nothing else, and is not activity (see the executor).
   */
  rotateStatusLink: { from: ALL_STATUSES, to: "SAME", by: ["ENTERPRISE", ...STAFF], visibility: "INTERNAL" },
  /**
   * The enterprise adds a message or more information (outside NEEDS_INFO, see provideInfo); on
   * a merged request it reaches the staff of the original (see status-page.server.ts).
   */
  enterpriseMessage: {
    from: ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "DUPLICATE"],
    to: "SAME",
    by: ["ENTERPRISE"],
    requires: { message: true },
    visibility: "PUBLIC",
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof TRANSITIONS;
export const ACTIONS = Object.keys(TRANSITIONS) as Action[];

export type TransitionInput = {
  message?: string | null;
  clusterId?: string | null;
  duplicateOfId?: string | null;
  /** For the original's side of a merge: the duplicate merged into it (or taken out of it). */
  mergedRequestId?: string | null;
  /** Triage may confirm or correct these; without an owner, the request keeps its owner or goes to the triager. */
  triage?: { category: Category; urgency: Urgency; ownerId: string | null };
  /** What a correction (`edit`) makes of the filed fields. */
  correction?: CorrectedRequest;
  /** The new owner (`handOver`). */
  ownerId?: string | null;
  /** The owner the actor expects the request to have (a bulk hand-over): another means it changed meanwhile. */
  expectedOwnerId?: string | null;
  /** A split's new line: its category and what is needed. */
  newLine?: { category: Category; summary: string };
};

export type RequestState = {
  status: Status | null;
  triagedAt: Date | null;
  assignedClusterId: string | null;
  /** The owning coordinator (absent: nobody). */
  ownerId?: string | null;
  /** In NEEDS_INFO: the status the question was asked from (null for older requests). */
  infoAskedFrom: Status | null;
};

/** Where a request waiting on the enterprise (NEEDS_INFO) is underneath, and returns to. */
export function statusAskedFrom(state: Pick<RequestState, "triagedAt" | "infoAskedFrom">): Status {
  // Before questions could be asked after assignment, every wait returned to the coordinators.
  return state.infoAskedFrom ?? (state.triagedAt ? "TRIAGED" : "NEW");
}

/**
 * Whether `rule` applies to a request in `state`. While a request waits on the enterprise it is
 * still, underneath, in the status it was asked from: a rule that lists NEEDS_INFO applies then
 * only if it also lists that status (rejecting a request a cluster is working on is no more
 * possible while it waits), except the rules that end the wait.
 */
function ruleAppliesTo(rule: Rule, state: RequestState) {
  if (!rule.from.includes(state.status)) return false;
  if (state.status !== "NEEDS_INFO" || rule.to === "WHERE_ASKED") return true;
  return rule.from.includes(statusAskedFrom(state));
}

export type TransitionRefusal =
  | "WRONG_STATUS"
  | "NOT_PERMITTED"
  | "MESSAGE_REQUIRED"
  | "CLUSTER_REQUIRED"
  | "SAME_CLUSTER"
  | "DUPLICATE_OF_REQUIRED"
  | "CORRECTION_REQUIRED"
  | "OWNER_REQUIRED"
  | "SAME_OWNER"
  | "ALREADY_OWNER"
  | "MERGED_REQUEST_REQUIRED"
  | "NOTHING_TO_CHANGE"
  /** A line action on a request of several lines names none of its lines (lines.ts). */
  | "NO_SUCH_LINE"
  /** A split names no category or no text for its new line. */
  | "LINE_REQUIRED"
  /** A join names a line that is not waiting for a cluster, or no other open line to join it into. */
  | "CANNOT_JOIN";

export type TransitionPlan = {
  ok: true;
  action: Action;
  from: Status | null;
  to: Status;
  visibility: "PUBLIC" | "INTERNAL";
  stamps: readonly Timestamp[];
  clears: readonly Timestamp[];
  releasesCluster: boolean;
  changesStatus: boolean;
  setsOwner: "ACTOR" | "INPUT" | null;
  onOriginal: "duplicateMerged" | "duplicateUnmerged" | null;
};

/** Decides whether `actor` may do `action` on a request in `state`, and what it would record. */
export function planTransition(
  action: Action,
  actor: Actor,
  state: RequestState,
  input: TransitionInput = {},
): TransitionPlan | { ok: false; reason: TransitionRefusal } {
  const rule: Rule = TRANSITIONS[action];
  if (!ruleAppliesTo(rule, state)) return { ok: false, reason: "WRONG_STATUS" };
  if (!rule.by.includes(actorKindFor(actor, state))) return { ok: false, reason: "NOT_PERMITTED" };
  const ownership = ownershipRefusal(rule, actor, state);
  if (ownership) return { ok: false, reason: ownership };
  if (rule.requires?.message && !input.message?.trim()) return { ok: false, reason: "MESSAGE_REQUIRED" };
  if (rule.requires?.cluster) {
    if (!input.clusterId) return { ok: false, reason: "CLUSTER_REQUIRED" };
    if (input.clusterId === state.assignedClusterId) return { ok: false, reason: "SAME_CLUSTER" };
  }
  if (rule.requires?.duplicateOf && !input.duplicateOfId) return { ok: false, reason: "DUPLICATE_OF_REQUIRED" };
  if (rule.requires?.correction && !input.correction) return { ok: false, reason: "CORRECTION_REQUIRED" };
  if (rule.requires?.owner) {
    if (!input.ownerId) return { ok: false, reason: "OWNER_REQUIRED" };
    if (input.ownerId === (state.ownerId ?? null)) return { ok: false, reason: "SAME_OWNER" };
  }
  if (rule.requires?.mergedRequest && !input.mergedRequestId) return { ok: false, reason: "MERGED_REQUEST_REQUIRED" };
  if (rule.requires?.newLine && !(input.newLine?.category && input.newLine.summary.trim())) return { ok: false, reason: "LINE_REQUIRED" };

  const to =
    rule.to === "SAME"
      ? (state.status as Status)
      : rule.to === "BACK_TO_COORDINATORS"
        ? state.triagedAt
          ? "TRIAGED"
          : "NEW"
        : rule.to === "WHERE_ASKED"
          ? statusAskedFrom(state)
          : rule.to;
  // Assigning straight from NEW is a triage too.
  const stamps: Timestamp[] = [...(rule.stamps ?? [])];
  if (action === "assign" && !state.triagedAt) stamps.push("triagedAt");
  return {
    ok: true,
    action,
    from: state.status,
    to,
    visibility: rule.visibility,
    stamps,
    clears: rule.clears ?? [],
    releasesCluster: rule.releasesCluster ?? false,
    changesStatus: rule.to !== "SAME",
    setsOwner: rule.setsOwner ?? null,
    onOriginal: rule.onOriginal ?? null,
  };
}

/** Ownership's own conditions: only the owner (or an admin) hands over; nobody takes what they own. */
function ownershipRefusal(rule: Rule, actor: Actor, state: RequestState): TransitionRefusal | null {
  if (actor.type !== "USER") return null;
  const owner = state.ownerId ?? null;
  if (rule.ownerOrAdmin && actor.role !== "ADMIN" && owner !== actor.userId) return "NOT_PERMITTED";
  if (rule.setsOwner === "ACTOR" && owner === actor.userId) return "ALREADY_OWNER";
  return null;
}

/** The actions `actor` could take on a request in `state` (inputs aside): drives which buttons show. */
export function availableActions(actor: Actor, state: RequestState): Action[] {
  const kind = actorKindFor(actor, state);
  return ACTIONS.filter((action) => {
    const rule: Rule = TRANSITIONS[action];
    return !rule.alongside && ruleAppliesTo(rule, state) && rule.by.includes(kind) && !ownershipRefusal(rule, actor, state);
  });
}

/** Sort key: a status's place in the workflow. */
export function statusRank(status: Status) {
  return STATUSES.indexOf(status);
}
