// Carries out what someone posted on a request's page: resolves references, then one
// state-machine transition guarded by the version they saw.
import { kyivToday } from "~/schemas/intake";
import type { RequestActionInput } from "~/schemas/request-actions";
import { db } from "~/utils/db.server";
import { TransitionError } from "./errors";
import { correctedRequest, isNewPastNeededBy } from "./request-corrections";
import { type Viewer, findRequestId, transitionRequest, visibleTo } from "./requests.server";
import type { Actor } from "./state-machine";

export type ActionFieldError = {
  field: "duplicateOf" | "clusterId" | "ownerId" | "neededBy";
  /** "mergedInto:RRC-…": the original given is itself merged into that request. */
  error: "unknownReference" | "selfDuplicate" | "choose" | "datePast" | `mergedInto:${string}`;
};

export async function performRequestAction({
  reference,
  viewer,
  actor,
  input,
}: {
  reference: string;
  viewer: Viewer;
  actor: Actor;
  input: RequestActionInput;
}): Promise<{ ok: true } | { ok: false; fieldError: ActionFieldError }> {
  const requestId = await findRequestId(reference, viewer);
  if (!requestId) throw new TransitionError("NOT_FOUND");

  let duplicateOfId: string | null = null;
  if (input.intent === "markDuplicate") {
    const original = await db.request.findFirst({
      where: { reference: input.duplicateOf, ...visibleTo(viewer) },
      select: { id: true, status: true, duplicateOf: { select: { reference: true } } },
    });
    if (!original) return { ok: false, fieldError: { field: "duplicateOf", error: "unknownReference" } };
    if (original.id === requestId) return { ok: false, fieldError: { field: "duplicateOf", error: "selfDuplicate" } };
    // Merges point at a request that is not itself merged, so every chain ends in one original.
    if (original.status === "DUPLICATE") {
      return { ok: false, fieldError: { field: "duplicateOf", error: `mergedInto:${original.duplicateOf?.reference ?? "—"}` } };
    }
    duplicateOfId = original.id;
  }
  if (input.intent === "assign") {
    const cluster = await db.cluster.findFirst({ where: { id: input.clusterId, active: true }, select: { id: true } });
    if (!cluster) return { ok: false, fieldError: { field: "clusterId", error: "choose" } };
  }

  if ((input.intent === "triage" || input.intent === "handOver") && input.ownerId) {
    const owner = await db.user.findFirst({
      where: { id: input.ownerId, active: true, role: { in: ["COORDINATOR", "ADMIN"] } },
      select: { id: true },
    });
    if (!owner) return { ok: false, fieldError: { field: "ownerId", error: "choose" } };
  }

  const correction = input.intent === "edit" ? correctedRequest(input) : undefined;
  if (correction) {
    const stored = await db.request.findUniqueOrThrow({ where: { id: requestId }, select: { neededBy: true } });
    if (isNewPastNeededBy(stored.neededBy, correction.neededBy, kyivToday())) {
      return { ok: false, fieldError: { field: "neededBy", error: "datePast" } };
    }
  }

  await transitionRequest({
    requestId,
    action: input.intent,
    actor,
    expectedVersion: input.version,
    input: {
      message: "message" in input ? input.message : null,
      clusterId: input.intent === "assign" ? input.clusterId : null,
      duplicateOfId,
      triage:
        input.intent === "triage" ? { category: input.category, urgency: input.urgency, ownerId: input.ownerId ?? null } : undefined,
      correction,
      ownerId: input.intent === "handOver" ? input.ownerId : undefined,
    },
  });
  return { ok: true };
}
