// Request lines (decision 055): the request's status derived from its phase and its lines by one
// rule, and the lines' machine checked against today's one-status machine over random histories.
import { describe, expect, it } from "vitest";
import { LINE_ACTIONS, type LinedRequest, type RequestLine, asOneLine, planLinedTransition, requestStatus } from "~/domain/requests/lines";
import { ACTIONS, type Action, type Actor, type RequestState, type TransitionInput, planTransition } from "~/domain/requests/state-machine";
import type { CorrectedRequest } from "~/domain/requests/request-corrections";
import { seededRandom } from "../factories";

const line = (status: RequestLine["status"], clusterId: string | null = null): RequestLine => ({ status, clusterId });

describe("the request's status from its lines", () => {
  it("is the phase outside work, and in work: resolved when every counted line is, else in progress, assigned or waiting", () => {
    expect(requestStatus("NEW", [line("OPEN")])).toBe("NEW");
    expect(requestStatus("NEEDS_INFO", [line("IN_PROGRESS", "a")])).toBe("NEEDS_INFO");
    expect(requestStatus("CLOSED", [line("ASSIGNED", "a")])).toBe("CLOSED");
    expect(requestStatus("TRIAGED", [line("OPEN"), line("OPEN")])).toBe("TRIAGED");
    expect(requestStatus("TRIAGED", [line("ASSIGNED", "a"), line("OPEN")])).toBe("ASSIGNED");
    expect(requestStatus("TRIAGED", [line("ASSIGNED", "a"), line("IN_PROGRESS", "b")])).toBe("IN_PROGRESS");
    expect(requestStatus("TRIAGED", [line("RESOLVED", "a"), line("IN_PROGRESS", "b")])).toBe("IN_PROGRESS");
    // A resolved line beside one still waiting for a cluster: the coordinators have the next move.
    expect(requestStatus("TRIAGED", [line("RESOLVED", "a"), line("OPEN")])).toBe("TRIAGED");
    expect(requestStatus("TRIAGED", [line("RESOLVED", "a"), line("CANCELLED"), line("RESOLVED", "b")])).toBe("RESOLVED");
    // Lines joined away count no more; a request is never resolved by lines that were all joined away.
    expect(requestStatus("TRIAGED", [line("CANCELLED")])).toBe("TRIAGED");
  });
});

// --- Random histories ---------------------------------------------------------------------------

const CLUSTERS = ["alpha", "beta", "gamma"];
const ACTORS: Actor[] = [
  { type: "ENTERPRISE" },
  { type: "SYSTEM" },
  { type: "USER", userId: "admin", role: "ADMIN", clusterId: null },
  { type: "USER", userId: "coordinator", role: "COORDINATOR", clusterId: null },
  { type: "USER", userId: "other-coordinator", role: "COORDINATOR", clusterId: null },
  { type: "USER", userId: "member-alpha", role: "CLUSTER_MEMBER", clusterId: "alpha" },
  { type: "USER", userId: "member-beta", role: "CLUSTER_MEMBER", clusterId: "beta" },
];
const TRIED: Action[] = ACTIONS.filter((action) => action !== "submit");
/** A request stays of one line unless a coordinator splits it. */
const ONE_LINE_TRIED: Action[] = TRIED.filter((action) => action !== "splitLine" && action !== "joinLines");

/** A random attempt; with several lines, mostly the lines' own actions, so that lines get far apart. */
function randomStep(random: () => number, lines: number) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const action = lines > 1 && random() < 0.7 ? pick(LINE_ACTIONS) : pick(lines > 1 ? TRIED : ONE_LINE_TRIED);
  const actor = pick(ACTORS);
  const input: TransitionInput & { line?: number; intoLine?: number } = {
    message: random() < 0.85 ? "Повідомлення" : random() < 0.5 ? "  " : null,
    clusterId: random() < 0.85 ? pick(CLUSTERS) : null,
    duplicateOfId: random() < 0.8 ? "original" : null,
    mergedRequestId: random() < 0.8 ? "duplicate" : null,
    correction: random() < 0.8 ? ({} as CorrectedRequest) : undefined,
    ownerId: random() < 0.8 ? pick(["coordinator", "other-coordinator", "admin"]) : null,
    newLine: random() < 0.8 ? { category: "LOGISTICS", summary: random() < 0.9 ? "Перевезення" : " " } : undefined,
  };
  if (lines > 1 && random() < 0.95) input.line = Math.floor(random() * (lines + 1)) - (random() < 0.05 ? 1 : 0);
  if (lines > 1) input.intoLine = Math.floor(random() * lines);
  return { action, actor, input };
}

const NOW = new Date("2026-12-03T10:00:00Z");

/** The owner after a plan, as the executor decides it (the parts that matter to the machine). */
function ownerAfter(
  plan: { setsOwner: "ACTOR" | "INPUT" | null; stamps: readonly string[] },
  actor: Actor,
  input: TransitionInput,
  owner: string | null | undefined,
) {
  const actorId = actor.type === "USER" ? actor.userId : null;
  if (plan.setsOwner === "ACTOR") return actorId;
  if (plan.setsOwner === "INPUT") return input.ownerId ?? null;
  if (plan.stamps.includes("triagedAt")) return owner ?? actorId;
  return owner ?? null;
}

describe("a request of one line", () => {
  it("moves exactly as today's one-status machine: the same refusals, the same plans, the same status and cluster, step by step, also read from a stored request", () => {
    const random = seededRandom(2026);
    let steps = 0;
    let moved = 0;
    for (let history = 0; history < 1500; history++) {
      let today: RequestState = { status: "NEW", triagedAt: null, assignedClusterId: null, ownerId: null, infoAskedFrom: null };
      let lined: LinedRequest = { phase: "NEW", askedFrom: null, triagedAt: null, ownerId: null, lines: [line("OPEN")] };
      for (let step = 0; step < 30; step++) {
        const { action, actor, input } = randomStep(random, 1);
        const expected = planTransition(action, actor, today, input);
        const got = planLinedTransition(action, actor, lined, input);
        steps++;
        const where = `history ${history}, step ${step}: ${action} by ${actor.type === "USER" ? actor.userId : actor.type} from ${today.status}`;
        // Today's stored request read as one line (what the executor decides on) plans the same.
        const adapted = planLinedTransition(action, actor, asOneLine({ ...today, status: today.status! }), input);
        if (!expected.ok) {
          expect(got, where).toEqual(expected);
          expect(adapted, where).toEqual(expected);
          continue;
        }
        expect(adapted.ok && { ...adapted, line: undefined, next: undefined }, where).toEqual({ ...expected, line: undefined, next: undefined });
        expect(adapted.ok && requestStatus(adapted.next.phase, adapted.next.lines), where).toBe(expected.to);
        expect(got.ok, where).toBe(true);
        if (!got.ok) continue;
        const { line: _line, next, ...plan } = got;
        expect(plan, where).toEqual(expected);
        moved++;
        today = {
          status: expected.to,
          triagedAt: expected.stamps.includes("triagedAt") ? NOW : today.triagedAt,
          assignedClusterId: action === "assign" ? input.clusterId! : expected.releasesCluster ? null : today.assignedClusterId,
          ownerId: ownerAfter(expected, actor, input, today.ownerId),
          infoAskedFrom: expected.to !== "NEEDS_INFO" ? null : expected.from !== "NEEDS_INFO" ? expected.from : today.infoAskedFrom,
        };
        lined = { ...next, triagedAt: got.stamps.includes("triagedAt") ? NOW : lined.triagedAt, ownerId: ownerAfter(got, actor, input, lined.ownerId) };
        expect(requestStatus(lined.phase, lined.lines), where).toBe(today.status);
        expect(lined.lines[0]!.clusterId, where).toBe(today.assignedClusterId);
      }
    }
    // The histories went somewhere: most attempts are refused, but thousands moved the request.
    expect(steps).toBe(45_000);
    expect(moved).toBeGreaterThan(5_000);
  });
});

describe("a request of several lines", () => {
  it("keeps each line to itself, each cluster to its own lines, and the request's status to the rule, over random histories", () => {
    const random = seededRandom(55);
    const reached = new Set<string>();
    for (let history = 0; history < 1000; history++) {
      const count = 2 + Math.floor(random() * 3);
      let state: LinedRequest = { phase: "NEW", askedFrom: null, triagedAt: null, ownerId: null, lines: Array.from({ length: count }, () => line("OPEN")) };
      for (let step = 0; step < 100; step++) {
        const { action, actor, input } = randomStep(random, state.lines.length);
        const got = planLinedTransition(action, actor, state, input);
        if (!got.ok) continue;
        const where = `history ${history}, step ${step}: ${action} on line ${got.line} from ${got.from}`;
        expect(got.from, where).toBe(requestStatus(state.phase, state.lines));
        expect(got.to, where).toBe(requestStatus(got.next.phase, got.next.lines));
        // A split or a join never changes the request's status; a split adds one open line, a
        // join cancels an open line into one not yet resolved.
        if (action === "splitLine" || action === "joinLines") {
          expect(got.to, where).toBe(got.from);
          const added = got.next.lines.length - state.lines.length;
          expect(added, where).toBe(action === "splitLine" ? 1 : 0);
          if (action === "joinLines") {
            expect([state.lines[got.line!]!.status, got.next.lines[got.line!]!.status], where).toEqual(["OPEN", "CANCELLED"]);
            expect(["RESOLVED", "CANCELLED"], where).not.toContain(state.lines[input.intoLine!]!.status);
          }
          reached.add(action);
        }
        if (got.line !== null) {
          // A line action changes its line alone, and the request's phase only from new to in work.
          got.next.lines.forEach((after, i) => i !== got.line && expect(after, where).toBe(state.lines[i]));
          expect([state.phase, "TRIAGED"], where).toContain(got.next.phase);
          // A member acts only on a line their own cluster holds.
          if (actor.type === "USER" && actor.role === "CLUSTER_MEMBER") expect(state.lines[got.line]!.clusterId, where).toBe(actor.clusterId);
        } else if (got.releasesCluster) {
          // Reopening leaves every line with the coordinators; a line joined away stays so.
          expect(
            got.next.lines.every((after, i) =>
              state.lines[i]!.status === "CANCELLED" ? after.status === "CANCELLED" : after.clusterId === null && after.status === "OPEN",
            ),
            where,
          ).toBe(true);
        } else {
          expect(got.next.lines, where).toBe(state.lines);
        }
        // Resolved means every line is resolved; and the enterprise can then confirm.
        const open = got.next.lines.some((after) => after.status !== "RESOLVED" && after.status !== "CANCELLED");
        if (got.to === "RESOLVED") {
          expect(open, where).toBe(false);
          expect(planLinedTransition("confirm", { type: "ENTERPRISE" }, { ...state, ...got.next }).ok, where).toBe(true);
        }
        if (got.next.phase === "TRIAGED" && got.next.lines.some((after) => after.status === "IN_PROGRESS")) expect(got.to, where).toBe("IN_PROGRESS");
        reached.add(`${got.to}:${got.next.lines.map((after) => after.status).join(",")}`);
        state = {
          ...state,
          ...got.next,
          triagedAt: got.stamps.includes("triagedAt") ? NOW : state.triagedAt,
          ownerId: ownerAfter(got, actor, input, state.ownerId),
        };
      }
    }
    // The histories reached mixed states: lines of one request in different states at once.
    expect([...reached].some((key) => key.startsWith("IN_PROGRESS:") && key.includes("RESOLVED") && key.includes("OPEN"))).toBe(true);
    expect([...reached].some((key) => key.startsWith("RESOLVED:"))).toBe(true);
    expect([...reached].some((key) => key.startsWith("NEEDS_INFO:") && key.includes("ASSIGNED"))).toBe(true);
    expect(reached).toContain("splitLine");
    expect(reached).toContain("joinLines");
    expect([...reached].some((key) => key.includes("CANCELLED"))).toBe(true);
  });

  it("refuses a line action that names no line, or a line that is not there", () => {
    const coordinator: Actor = { type: "USER", userId: "coordinator", role: "COORDINATOR", clusterId: null };
    const state: LinedRequest = { phase: "TRIAGED", askedFrom: null, triagedAt: NOW, ownerId: "coordinator", lines: [line("OPEN"), line("CANCELLED")] };
    const two: LinedRequest = { ...state, lines: [line("OPEN"), line("OPEN")] };
    expect(planLinedTransition("assign", coordinator, two, { clusterId: "alpha" })).toEqual({ ok: false, reason: "NO_SUCH_LINE" });
    // With one line still counted, that is the line.
    expect(planLinedTransition("assign", coordinator, state, { clusterId: "alpha" }).ok).toBe(true);
    expect(planLinedTransition("assign", coordinator, state, { clusterId: "alpha", line: 1 })).toEqual({ ok: false, reason: "NO_SUCH_LINE" });
    expect(planLinedTransition("assign", coordinator, state, { clusterId: "alpha", line: 2 })).toEqual({ ok: false, reason: "NO_SUCH_LINE" });
    const assigned = planLinedTransition("assign", coordinator, state, { clusterId: "alpha", line: 0 });
    expect(assigned.ok && assigned.next.lines).toEqual([line("ASSIGNED", "alpha"), line("CANCELLED")]);
  });
});
