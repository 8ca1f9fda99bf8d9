import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  actorKindFor,
  availableActions,
  planTransition,
  STATUSES,
  type Action,
  type Actor,
  type ActorKind,
  type RequestState,
  type Status,
  type TransitionInput,
  type TransitionRefusal,
} from "~/domain/requests/state-machine";

// ---------------------------------------------------------------------------------------------
// The expected transition table, written out by hand (not derived from TRANSITIONS).
//   from: statuses the action is allowed from (null = the request does not exist yet)
//   to:   target status; "SAME" = no status change; "BACK" = TRIAGED if triagedAt is set, else NEW;
//         "ASKED" = the status the question was asked from (infoAskedFrom; "BACK" when unknown)
//   by:   actor kinds allowed to do it
//   needs: inputs that must be supplied
// ---------------------------------------------------------------------------------------------
type Need = "message" | "cluster" | "duplicateOf" | "correction" | "owner" | "mergedRequest" | "newLine";
/**
 * refused: kinds in `by` refused all the same in the table's state (it is owned by the coordinator, see stateFor).
 * offered: false = recorded only alongside another action (a merge's record on the original).
 */
type Expected = {
  from: (Status | null)[];
  to: Status | "SAME" | "BACK" | "ASKED";
  by: ActorKind[];
  needs: Need[];
  refused?: Partial<Record<ActorKind, TransitionRefusal>>;
  offered?: false;
};

const STAFF: ActorKind[] = ["ADMIN", "COORDINATOR"];
const STAFF_AND_ASSIGNED: ActorKind[] = ["ADMIN", "COORDINATOR", "ASSIGNED_MEMBER"];

const TABLE: Record<Action, Expected> = {
  submit: { from: [null], to: "NEW", by: ["ENTERPRISE"], needs: [] },
  triage: { from: ["NEW"], to: "TRIAGED", by: STAFF, needs: [] },
  requestInfo: { from: ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS"], to: "NEEDS_INFO", by: STAFF_AND_ASSIGNED, needs: ["message"] },
  provideInfo: { from: ["NEEDS_INFO"], to: "ASKED", by: ["ENTERPRISE"], needs: ["message"] },
  resumeWithoutReply: { from: ["NEEDS_INFO"], to: "ASKED", by: STAFF_AND_ASSIGNED, needs: ["message"] },
  assign: { from: ["NEW", "TRIAGED", "ASSIGNED"], to: "ASSIGNED", by: STAFF, needs: ["cluster"] },
  accept: { from: ["ASSIGNED"], to: "IN_PROGRESS", by: STAFF_AND_ASSIGNED, needs: [] },
  decline: { from: ["ASSIGNED"], to: "TRIAGED", by: ["ASSIGNED_MEMBER"], needs: ["message"] },
  acceptTimeout: { from: ["ASSIGNED"], to: "TRIAGED", by: ["SYSTEM"], needs: [] },
  unassign: { from: ["ASSIGNED", "IN_PROGRESS"], to: "TRIAGED", by: STAFF, needs: ["message"] },
  resolve: { from: ["IN_PROGRESS"], to: "RESOLVED", by: STAFF_AND_ASSIGNED, needs: ["message"] },
  confirm: { from: ["RESOLVED"], to: "CLOSED", by: ["ENTERPRISE"], needs: [] },
  close: { from: ["RESOLVED"], to: "CLOSED", by: STAFF, needs: [] },
  autoClose: { from: ["RESOLVED"], to: "CLOSED", by: ["SYSTEM"], needs: [] },
  closeStale: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"],
    to: "CLOSED",
    by: ["SYSTEM"],
    needs: [],
  },
  reopen: { from: ["RESOLVED", "CLOSED"], to: "BACK", by: ["ENTERPRISE"], needs: ["message"] },
  reopenByStaff: { from: ["RESOLVED", "CLOSED", "REJECTED"], to: "BACK", by: STAFF, needs: ["message"] },
  reject: { from: ["NEW", "TRIAGED", "NEEDS_INFO"], to: "REJECTED", by: STAFF, needs: ["message"] },
  markDuplicate: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO"],
    to: "DUPLICATE",
    by: STAFF,
    needs: ["message", "duplicateOf"],
  },
  unmerge: { from: ["DUPLICATE"], to: "BACK", by: STAFF, needs: ["message"] },
  duplicateMerged: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED"],
    to: "SAME",
    by: STAFF,
    needs: ["mergedRequest"],
    offered: false,
  },
  duplicateUnmerged: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED", "DUPLICATE"],
    to: "SAME",
    by: STAFF,
    needs: ["mergedRequest"],
    offered: false,
  },
  note: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED", "DUPLICATE"],
    to: "SAME",
    by: STAFF_AND_ASSIGNED,
    needs: ["message"],
  },
  adoptEnterpriseDetails: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED", "DUPLICATE"],
    to: "SAME",
    by: STAFF,
    needs: [],
  },
  edit: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED"],
    to: "SAME",
    by: STAFF,
    needs: ["correction"],
  },
  // Anyone on the staff takes a request, except its owner; the owner or an admin hands it over.
  take: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED"],
    to: "SAME",
    by: STAFF,
    needs: [],
    refused: { COORDINATOR: "ALREADY_OWNER" },
  },
  handOver: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED"],
    to: "SAME",
    by: STAFF,
    needs: ["message", "owner"],
  },
  publicMessage: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED"],
    to: "SAME",
    by: STAFF_AND_ASSIGNED,
    needs: ["message"],
  },
  enterpriseMessage: {
    from: ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "DUPLICATE"],
    to: "SAME",
    by: ["ENTERPRISE"],
    needs: ["message"],
  },
  askStillNeeded: { from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"], to: "SAME", by: ["SYSTEM"], needs: [] },
  // Lines: split off while filed or in work, never once resolved; a join's lines are checked by lines.ts.
  splitLine: { from: ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS"], to: "SAME", by: STAFF, needs: ["newLine"] },
  joinLines: { from: ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS"], to: "SAME", by: STAFF, needs: [] },
  rotateStatusLink: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED", "DUPLICATE"],
    to: "SAME",
    by: ["ENTERPRISE", ...STAFF],
    needs: [],
  },
  confirmStillNeeded: {
    from: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"],
    to: "SAME",
    by: ["ENTERPRISE"],
    needs: [],
  },
};

const ALL_STATUSES: Status[] = ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED", "DUPLICATE"];
const STATUSES_AND_CREATION: (Status | null)[] = [null, ...ALL_STATUSES];
const ALL_KINDS: ActorKind[] = ["ENTERPRISE", "SYSTEM", "ADMIN", "COORDINATOR", "ASSIGNED_MEMBER", "OTHER_MEMBER"];

const CLUSTER_A = "cluster-a";
const CLUSTER_B = "cluster-b";
const TRIAGED_AT = new Date("2026-05-04T09:00:00Z");

/**
 * The request is assigned to cluster A in every case, so "assigned member" is always meaningful,
 * and owned by the coordinator of actorFor("COORDINATOR").
 */
function stateFor(status: Status | null, triagedAt: Date | null = null, infoAskedFrom: Status | null = null): RequestState {
  return { status, triagedAt, assignedClusterId: CLUSTER_A, ownerId: "u-coord", infoAskedFrom };
}

function actorFor(kind: ActorKind): Actor {
  switch (kind) {
    case "ENTERPRISE":
      return { type: "ENTERPRISE" };
    case "SYSTEM":
      return { type: "SYSTEM" };
    case "ADMIN":
      return { type: "USER", userId: "u-admin", role: "ADMIN", clusterId: null };
    case "COORDINATOR":
      return { type: "USER", userId: "u-coord", role: "COORDINATOR", clusterId: null };
    case "ASSIGNED_MEMBER":
      return { type: "USER", userId: "u-member-a", role: "CLUSTER_MEMBER", clusterId: CLUSTER_A };
    case "OTHER_MEMBER":
      return { type: "USER", userId: "u-member-b", role: "CLUSTER_MEMBER", clusterId: CLUSTER_B };
  }
}

/** Every input an action could need; assign goes to a cluster other than the current one. */
const CORRECTION: NonNullable<TransitionInput["correction"]> = {
  enterpriseName: "ТОВ «Граніт»",
  contactName: "Олена Коваленко",
  phone: "+380671234567",
  email: "olena@granit.example",
  region: "UA-63",
  city: "Харків",
  sector: "C",
  naceClass: null,
  category: "SUPPLIES",
  urgency: "HIGH",
  title: "Потрібен листовий прокат",
  description: "Потрібно 20 тонн сталевого листа до кінця місяця.",
  neededBy: null,
  details: '{"supplyItems":"Лист 3 мм — 20 т"}',
  sensitiveDetails: null,
};
const FULL_INPUT: TransitionInput = {
  message: "Details in the message.",
  clusterId: CLUSTER_B,
  duplicateOfId: "req-0001",
  correction: CORRECTION,
  ownerId: "u-colleague",
  mergedRequestId: "req-0002",
  newLine: { category: "LOGISTICS", summary: "Перевезення 12 верстатів до Львова" },
};

function expectedTarget(rule: Expected, status: Status | null, triagedAt: Date | null, infoAskedFrom: Status | null = null): Status {
  if (rule.to === "SAME") return status as Status;
  if (rule.to === "ASKED" && infoAskedFrom) return infoAskedFrom;
  if (rule.to === "BACK" || rule.to === "ASKED") return triagedAt ? "TRIAGED" : "NEW";
  return rule.to;
}

function describeOutcome(result: ReturnType<typeof planTransition>) {
  return result.ok ? `ok → ${result.to}` : `refused: ${result.reason}`;
}

describe("the hand-written table", () => {
  it("covers exactly the machine's actions and statuses", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(TABLE).sort());
    expect([...STATUSES].sort()).toEqual([...ALL_STATUSES].sort());
  });

  it("builds actors of the intended kinds", () => {
    for (const status of STATUSES_AND_CREATION) {
      for (const kind of ALL_KINDS) expect(actorKindFor(actorFor(kind), stateFor(status))).toBe(kind);
    }
  });
});

describe("planTransition: every action × status × actor kind", () => {
  for (const action of Object.keys(TABLE) as Action[]) {
    const rule = TABLE[action];
    describe(action, () => {
      for (const triagedAt of [null, TRIAGED_AT]) {
        it.each(STATUSES_AND_CREATION.map((s) => [s]))(`from %s (triagedAt ${triagedAt ? "set" : "null"})`, (status) => {
          const state = stateFor(status, triagedAt);
          const actual: Record<string, string> = {};
          const expected: Record<string, string> = {};
          for (const kind of ALL_KINDS) {
            actual[kind] = describeOutcome(planTransition(action, actorFor(kind), state, FULL_INPUT));
            if (!rule.from.includes(status)) expected[kind] = "refused: WRONG_STATUS";
            else if (!rule.by.includes(kind)) expected[kind] = "refused: NOT_PERMITTED";
            else if (rule.refused?.[kind]) expected[kind] = `refused: ${rule.refused[kind]}`;
            else expected[kind] = `ok → ${expectedTarget(rule, status, triagedAt)}`;
          }
          expect(actual).toEqual(expected);
        });
      }
    });
  }
});

describe("planTransition: plan details", () => {
  it("returns the full plan for an allowed transition", () => {
    const plan = planTransition("resolve", actorFor("ASSIGNED_MEMBER"), stateFor("IN_PROGRESS", TRIAGED_AT), {
      message: "Supplier found.",
    });
    expect(plan).toEqual({
      ok: true,
      action: "resolve",
      from: "IN_PROGRESS",
      to: "RESOLVED",
      visibility: "PUBLIC",
      stamps: ["resolvedAt"],
      clears: [],
      releasesCluster: false,
      changesStatus: true,
      setsOwner: null,
      onOriginal: null,
    });
  });

  it("marks messages as not changing the status, and staff notes as internal", () => {
    const note = planTransition("note", actorFor("COORDINATOR"), stateFor("ASSIGNED", TRIAGED_AT), { message: "fyi" });
    expect(note).toMatchObject({ ok: true, from: "ASSIGNED", to: "ASSIGNED", changesStatus: false, visibility: "INTERNAL" });
    const pub = planTransition("publicMessage", actorFor("ADMIN"), stateFor("NEW"), { message: "We are on it." });
    expect(pub).toMatchObject({ ok: true, from: "NEW", to: "NEW", changesStatus: false, visibility: "PUBLIC" });
  });

  it("creates a request as NEW from nothing", () => {
    const plan = planTransition("submit", { type: "ENTERPRISE" }, { status: null, triagedAt: null, assignedClusterId: null, infoAskedFrom: null });
    expect(plan).toMatchObject({ ok: true, from: null, to: "NEW", changesStatus: true });
  });

  it("assigning from NEW also stamps triagedAt", () => {
    const plan = planTransition(
      "assign",
      actorFor("COORDINATOR"),
      { status: "NEW", triagedAt: null, assignedClusterId: null, infoAskedFrom: null },
      { clusterId: CLUSTER_A },
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.to).toBe("ASSIGNED");
    expect([...plan.stamps].sort()).toEqual(["assignedAt", "triagedAt"]);
  });

  it("assigning an already triaged request stamps only assignedAt", () => {
    const plan = planTransition(
      "assign",
      actorFor("COORDINATOR"),
      { status: "TRIAGED", triagedAt: TRIAGED_AT, assignedClusterId: null, infoAskedFrom: null },
      { clusterId: CLUSTER_A },
    );
    expect(plan.ok && plan.stamps).toEqual(["assignedAt"]);
  });

  it("reassigning to another cluster is allowed and keeps triagedAt", () => {
    const plan = planTransition("assign", actorFor("ADMIN"), stateFor("ASSIGNED", TRIAGED_AT), { clusterId: CLUSTER_B });
    expect(plan).toMatchObject({ ok: true, from: "ASSIGNED", to: "ASSIGNED", stamps: ["assignedAt"] });
  });

  it("decline, lapse and pull-back release the cluster and clear the assignment", () => {
    const decline = planTransition("decline", actorFor("ASSIGNED_MEMBER"), stateFor("ASSIGNED", TRIAGED_AT), {
      message: "No capacity.",
    });
    expect(decline).toMatchObject({ ok: true, to: "TRIAGED", releasesCluster: true, clears: ["assignedAt"] });
    const lapse = planTransition("acceptTimeout", { type: "SYSTEM" }, stateFor("ASSIGNED", TRIAGED_AT));
    expect(lapse).toMatchObject({ ok: true, to: "TRIAGED", releasesCluster: true, clears: ["assignedAt"] });
    const pullBack = planTransition("unassign", actorFor("COORDINATOR"), stateFor("IN_PROGRESS", TRIAGED_AT), {
      message: "Moving it.",
    });
    expect(pullBack).toMatchObject({ ok: true, to: "TRIAGED", releasesCluster: true });
    expect(pullBack.ok && [...pullBack.clears].sort()).toEqual(["acceptedAt", "assignedAt"]);
  });

  it("reopening releases the cluster and clears every later timestamp", () => {
    const plan = planTransition("reopen", { type: "ENTERPRISE" }, stateFor("CLOSED", TRIAGED_AT), {
      message: "Still not solved.",
    });
    expect(plan).toMatchObject({ ok: true, to: "TRIAGED", releasesCluster: true });
    expect(plan.ok && [...plan.clears].sort()).toEqual(["acceptedAt", "assignedAt", "closedAt", "resolvedAt"]);
  });

  it("final transitions stamp closedAt", () => {
    for (const [action, status, kind, input] of [
      ["confirm", "RESOLVED", "ENTERPRISE", {}],
      ["close", "RESOLVED", "ADMIN", {}],
      ["autoClose", "RESOLVED", "SYSTEM", {}],
      ["closeStale", "NEEDS_INFO", "SYSTEM", {}],
      ["reject", "NEW", "COORDINATOR", { message: "Out of scope." }],
      ["markDuplicate", "TRIAGED", "COORDINATOR", { message: "Same as the other.", duplicateOfId: "r1" }],
    ] as const) {
      const plan = planTransition(action, actorFor(kind), stateFor(status, TRIAGED_AT), input);
      expect(plan.ok && plan.stamps, action).toEqual(["closedAt"]);
    }
  });
});

describe("planTransition: BACK_TO_COORDINATORS (and a wait asked before infoAskedFrom was kept)", () => {
  const back: [Action, Status, ActorKind][] = [
    ["provideInfo", "NEEDS_INFO", "ENTERPRISE"],
    ["resumeWithoutReply", "NEEDS_INFO", "COORDINATOR"],
    ["reopen", "RESOLVED", "ENTERPRISE"],
    ["reopen", "CLOSED", "ENTERPRISE"],
  ];
  it.each(back)("%s from %s goes to TRIAGED when triagedAt is set, else NEW", (action, status, kind) => {
    const input = { message: "Here is what you asked for." };
    expect(planTransition(action, actorFor(kind), stateFor(status, TRIAGED_AT), input)).toMatchObject({
      ok: true,
      to: "TRIAGED",
    });
    expect(planTransition(action, actorFor(kind), stateFor(status, null), input)).toMatchObject({ ok: true, to: "NEW" });
  });
});

describe("planTransition: a request waiting on the enterprise", () => {
  // Underneath NEEDS_INFO a request is still where the question was asked from: a rule that
  // lists NEEDS_INFO applies only if it also lists that status, except those that end the wait.
  const ASKED_FROM: Status[] = ["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS"];
  for (const askedFrom of ASKED_FROM) {
    it(`asked from ${askedFrom}: every action × actor kind`, () => {
      const triagedAt = askedFrom === "NEW" ? null : TRIAGED_AT;
      const state = stateFor("NEEDS_INFO", triagedAt, askedFrom);
      const actual: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const action of Object.keys(TABLE) as Action[]) {
        const rule = TABLE[action];
        for (const kind of ALL_KINDS) {
          const key = `${action} by ${kind}`;
          actual[key] = describeOutcome(planTransition(action, actorFor(kind), state, FULL_INPUT));
          const applies = rule.from.includes("NEEDS_INFO") && (rule.to === "ASKED" || rule.from.includes(askedFrom));
          if (!applies) expected[key] = "refused: WRONG_STATUS";
          else if (!rule.by.includes(kind)) expected[key] = "refused: NOT_PERMITTED";
          else if (rule.refused?.[kind]) expected[key] = `refused: ${rule.refused[kind]}`;
          else expected[key] = `ok → ${expectedTarget(rule, "NEEDS_INFO", triagedAt, askedFrom)}`;
        }
      }
      expect(actual).toEqual(expected);
      expect([...availableActions(actorFor("COORDINATOR"), state)].sort()).toEqual(
        (Object.keys(TABLE) as Action[]).filter((a) => TABLE[a].offered !== false && actual[`${a} by COORDINATOR`]!.startsWith("ok")).sort(),
      );
    });
  }

  it("the answer takes an in-progress request back in progress; rejecting it meanwhile is refused", () => {
    const waiting = stateFor("NEEDS_INFO", TRIAGED_AT, "IN_PROGRESS");
    expect(planTransition("provideInfo", { type: "ENTERPRISE" }, waiting, { message: "Ось креслення." })).toMatchObject({
      ok: true,
      to: "IN_PROGRESS",
      releasesCluster: false,
    });
    expect(planTransition("resumeWithoutReply", actorFor("ASSIGNED_MEMBER"), waiting, { message: "Працюємо далі." })).toMatchObject({
      ok: true,
      to: "IN_PROGRESS",
    });
    expect(planTransition("reject", actorFor("COORDINATOR"), waiting, { message: "Ні." })).toEqual({ ok: false, reason: "WRONG_STATUS" });
    // A member of another cluster is not the one who may ask.
    expect(planTransition("requestInfo", actorFor("OTHER_MEMBER"), stateFor("IN_PROGRESS", TRIAGED_AT), { message: "?" })).toEqual({
      ok: false,
      reason: "NOT_PERMITTED",
    });
  });
});

describe("planTransition: required inputs", () => {
  /** For each action that needs something, one status and actor that are allowed to do it. */
  const allowedCase = (action: Action): [Status | null, ActorKind] => {
    const rule = TABLE[action];
    return [rule.from[0]!, rule.by[0]!];
  };
  const needing = (need: Need) => (Object.keys(TABLE) as Action[]).filter((a) => TABLE[a].needs.includes(need));

  it("the table has the expected actions needing a message", () => {
    expect(needing("message").sort()).toEqual(
      [
        "requestInfo",
        "provideInfo",
        "resumeWithoutReply",
        "decline",
        "unassign",
        "resolve",
        "reopen",
        "reopenByStaff",
        "reject",
        "markDuplicate",
        "unmerge",
        "note",
        "publicMessage",
        "enterpriseMessage",
        "handOver",
      ].sort(),
    );
  });

  it.each(needing("message"))("%s refuses a missing, null, empty or blank message", (action) => {
    const [status, kind] = allowedCase(action);
    const state = stateFor(status, TRIAGED_AT);
    const rest = { clusterId: CLUSTER_B, duplicateOfId: "req-0001", ownerId: "u-colleague", mergedRequestId: "req-0002" };
    for (const message of [undefined, null, "", "   \n\t "]) {
      expect(planTransition(action, actorFor(kind), state, { ...rest, message })).toEqual({
        ok: false,
        reason: "MESSAGE_REQUIRED",
      });
    }
    expect(planTransition(action, actorFor(kind), state, { ...rest, message: " ok " }).ok).toBe(true);
  });

  it.each((Object.keys(TABLE) as Action[]).filter((a) => TABLE[a].needs.length === 0))("%s needs no input at all", (action) => {
    const [status, kind] = allowedCase(action);
    expect(planTransition(action, actorFor(kind), stateFor(status, TRIAGED_AT)).ok).toBe(true);
  });

  it("assign refuses a missing cluster", () => {
    for (const clusterId of [undefined, null, ""]) {
      expect(planTransition("assign", actorFor("COORDINATOR"), stateFor("TRIAGED", TRIAGED_AT), { clusterId })).toEqual({
        ok: false,
        reason: "CLUSTER_REQUIRED",
      });
    }
  });

  it("assign refuses the cluster the request is already assigned to", () => {
    expect(planTransition("assign", actorFor("COORDINATOR"), stateFor("ASSIGNED", TRIAGED_AT), { clusterId: CLUSTER_A })).toEqual({
      ok: false,
      reason: "SAME_CLUSTER",
    });
    expect(planTransition("assign", actorFor("ADMIN"), stateFor("ASSIGNED", TRIAGED_AT), { clusterId: CLUSTER_B }).ok).toBe(true);
  });

  it("a correction refuses to go without the corrected fields", () => {
    expect(planTransition("edit", actorFor("COORDINATOR"), stateFor("ASSIGNED", TRIAGED_AT), { message: "Typo." })).toEqual({
      ok: false,
      reason: "CORRECTION_REQUIRED",
    });
    expect(planTransition("edit", actorFor("ADMIN"), stateFor("RESOLVED", TRIAGED_AT), { correction: CORRECTION })).toMatchObject({
      ok: true,
      to: "RESOLVED",
      changesStatus: false,
      visibility: "PUBLIC",
    });
  });

  it("a split refuses a new line without its category or without what is needed", () => {
    const state = stateFor("TRIAGED", TRIAGED_AT);
    for (const newLine of [undefined, { category: "LOGISTICS" as const, summary: "  " }, { category: "" as "LOGISTICS", summary: "Перевезення" }]) {
      expect(planTransition("splitLine", actorFor("COORDINATOR"), state, { newLine })).toEqual({ ok: false, reason: "LINE_REQUIRED" });
    }
    expect(planTransition("splitLine", actorFor("COORDINATOR"), state, { newLine: { category: "LOGISTICS", summary: "Перевезення" } }).ok).toBe(true);
  });

  it("a merge's record on the original refuses a missing duplicate", () => {
    for (const action of ["duplicateMerged", "duplicateUnmerged"] as const) {
      for (const mergedRequestId of [undefined, null, ""]) {
        expect(planTransition(action, actorFor("COORDINATOR"), stateFor("IN_PROGRESS", TRIAGED_AT), { mergedRequestId })).toEqual({
          ok: false,
          reason: "MERGED_REQUEST_REQUIRED",
        });
      }
    }
  });

  it("merging and undoing a merge name the record they leave on the original", () => {
    const merge = planTransition("markDuplicate", actorFor("COORDINATOR"), stateFor("NEW"), { message: "Те саме.", duplicateOfId: "r1" });
    expect(merge).toMatchObject({ ok: true, to: "DUPLICATE", onOriginal: "duplicateMerged" });
    const undo = planTransition("unmerge", actorFor("ADMIN"), stateFor("DUPLICATE", TRIAGED_AT), { message: "Різні запити." });
    expect(undo).toMatchObject({ ok: true, to: "TRIAGED", onOriginal: "duplicateUnmerged", releasesCluster: false, clears: ["closedAt"] });
    const reopen = planTransition("reopenByStaff", actorFor("COORDINATOR"), stateFor("REJECTED"), { message: "Помилково." });
    expect(reopen).toMatchObject({ ok: true, to: "NEW", onOriginal: null, releasesCluster: true });
  });

  it("markDuplicate refuses a missing original", () => {
    for (const duplicateOfId of [undefined, null, ""]) {
      expect(planTransition("markDuplicate", actorFor("ADMIN"), stateFor("NEW"), { message: "Same request.", duplicateOfId })).toEqual({
        ok: false,
        reason: "DUPLICATE_OF_REQUIRED",
      });
    }
  });

  it("checks status, then actor, then inputs", () => {
    // Wrong status wins over a wrong actor and missing inputs.
    expect(planTransition("resolve", actorFor("OTHER_MEMBER"), stateFor("NEW"), {})).toEqual({
      ok: false,
      reason: "WRONG_STATUS",
    });
    // A wrong actor wins over missing inputs.
    expect(planTransition("resolve", actorFor("OTHER_MEMBER"), stateFor("IN_PROGRESS"), {})).toEqual({
      ok: false,
      reason: "NOT_PERMITTED",
    });
  });
});

describe("ownership", () => {
  const colleague: Actor = { type: "USER", userId: "u-colleague", role: "COORDINATOR", clusterId: null };
  const owned = stateFor("ASSIGNED", TRIAGED_AT);
  const note = { message: "Я у відпустці з понеділка.", ownerId: "u-colleague" };

  it("any coordinator takes a request they do not own, and becomes its owner; its owner cannot take it again", () => {
    expect(planTransition("take", colleague, owned)).toMatchObject({ ok: true, setsOwner: "ACTOR", visibility: "INTERNAL", changesStatus: false });
    expect(planTransition("take", actorFor("COORDINATOR"), owned)).toEqual({ ok: false, reason: "ALREADY_OWNER" });
    expect(planTransition("take", colleague, { ...owned, ownerId: null }).ok).toBe(true);
  });

  it("only the owner or an admin hands a request over, to someone else, with a note", () => {
    expect(planTransition("handOver", actorFor("COORDINATOR"), owned, note)).toMatchObject({ ok: true, setsOwner: "INPUT" });
    expect(planTransition("handOver", colleague, owned, { ...note, ownerId: "u-third" })).toEqual({ ok: false, reason: "NOT_PERMITTED" });
    expect(planTransition("handOver", actorFor("ADMIN"), owned, note).ok).toBe(true);
    expect(planTransition("handOver", actorFor("ADMIN"), { ...owned, ownerId: null }, note).ok).toBe(true);
    expect(planTransition("handOver", actorFor("COORDINATOR"), owned, { message: "x", ownerId: "u-coord" })).toEqual({ ok: false, reason: "SAME_OWNER" });
    expect(planTransition("handOver", actorFor("COORDINATOR"), owned, { message: "x" })).toEqual({ ok: false, reason: "OWNER_REQUIRED" });
    expect(planTransition("handOver", actorFor("COORDINATOR"), owned, { ownerId: "u-colleague" })).toEqual({ ok: false, reason: "MESSAGE_REQUIRED" });
  });

  it("the page offers taking to everyone on the staff but the owner, and handing over to the owner and admins", () => {
    expect(availableActions(actorFor("COORDINATOR"), owned)).toContain("handOver");
    expect(availableActions(actorFor("COORDINATOR"), owned)).not.toContain("take");
    expect(availableActions(colleague, owned)).toContain("take");
    expect(availableActions(colleague, owned)).not.toContain("handOver");
    expect(availableActions(actorFor("ADMIN"), owned)).toEqual(expect.arrayContaining(["take", "handOver"]));
    expect(availableActions(actorFor("ASSIGNED_MEMBER"), owned)).not.toEqual(expect.arrayContaining(["take"]));
    for (const status of ["CLOSED", "REJECTED", "DUPLICATE"] as const) {
      expect(availableActions(actorFor("ADMIN"), stateFor(status, TRIAGED_AT))).not.toContain("take");
    }
  });
});

describe("actorKindFor", () => {
  it("a cluster member counts as assigned only for their own cluster's requests", () => {
    const member: Actor = { type: "USER", userId: "m", role: "CLUSTER_MEMBER", clusterId: CLUSTER_A };
    expect(actorKindFor(member, { assignedClusterId: CLUSTER_A })).toBe("ASSIGNED_MEMBER");
    expect(actorKindFor(member, { assignedClusterId: CLUSTER_B })).toBe("OTHER_MEMBER");
    expect(actorKindFor(member, { assignedClusterId: null })).toBe("OTHER_MEMBER");
    const clusterless: Actor = { type: "USER", userId: "n", role: "CLUSTER_MEMBER", clusterId: null };
    expect(actorKindFor(clusterless, { assignedClusterId: null })).toBe("OTHER_MEMBER");
  });

  it("a member of a cluster cannot act on an unassigned request", () => {
    const member: Actor = { type: "USER", userId: "m", role: "CLUSTER_MEMBER", clusterId: CLUSTER_A };
    const unassigned: RequestState = { status: "TRIAGED", triagedAt: TRIAGED_AT, assignedClusterId: null, infoAskedFrom: null };
    expect(planTransition("note", member, unassigned, { message: "hi" })).toEqual({ ok: false, reason: "NOT_PERMITTED" });
    expect(availableActions(member, unassigned)).toEqual([]);
  });
});

describe("availableActions matches the table", () => {
  it.each(STATUSES_AND_CREATION.map((s) => [s]))("in status %s", (status) => {
    const state = stateFor(status, TRIAGED_AT);
    const actual: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const kind of ALL_KINDS) {
      actual[kind] = [...availableActions(actorFor(kind), state)].sort();
      expected[kind] = (Object.keys(TABLE) as Action[])
        .filter((a) => TABLE[a].offered !== false && TABLE[a].from.includes(status) && TABLE[a].by.includes(kind) && !TABLE[a].refused?.[kind])
        .sort();
    }
    expect(actual).toEqual(expected);
  });

  it("spot checks", () => {
    expect(availableActions({ type: "ENTERPRISE" }, stateFor("NEEDS_INFO"))).toEqual(["provideInfo", "confirmStillNeeded", "rotateStatusLink"]);
    expect([...availableActions(actorFor("ASSIGNED_MEMBER"), stateFor("ASSIGNED"))].sort()).toEqual(
      ["accept", "decline", "note", "publicMessage", "requestInfo"].sort(),
    );
    expect(availableActions({ type: "SYSTEM" }, stateFor("DUPLICATE"))).toEqual([]);
    expect(availableActions(actorFor("OTHER_MEMBER"), stateFor("IN_PROGRESS"))).toEqual([]);
  });
});
