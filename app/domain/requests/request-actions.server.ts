// Carries out what someone posted on a request's page: resolves references, then one
// state-machine transition guarded by the version they saw.
import { kyivToday } from "~/schemas/intake";
import type { RequestActionInput } from "~/schemas/request-actions";
import { db } from "~/data/db.server";
import { type Refused, TransitionError, refuse } from "../errors";
import type { ReceivedFile } from "../files/receive-upload.server";
import { addEventFilesInTx, storeReceivedFiles } from "../files/request-files.server";
import { transitionRequestInTx } from "./request-transition.server";
import { correctedRequest, isNewPastNeededBy } from "./request-corrections";
import { type Viewer, visibleTo } from "../auth/access";
import { findRequestId, transitionRequest } from "./requests.server";
import type { Actor } from "./state-machine";

/** "mergedInto:RRC-…": the original given is itself merged into that request. */
type ActionError = "unknownReference" | "selfDuplicate" | "choose" | "datePast" | `mergedInto:${string}`;
type ActionField = "duplicateOf" | "clusterId" | "ownerId" | "neededBy";
const refused = (error: ActionError, field: ActionField) => refuse(error, field);

export async function performRequestAction({
  reference,
  viewer,
  actor,
  input,
  files = [],
}: {
  reference: string;
  viewer: Viewer;
  actor: Actor;
  input: RequestActionInput;
  /** Documents sent with a message to the enterprise (shown to it) or a note (internal); other actions take none. */
  files?: ReceivedFile[];
}): Promise<{ ok: true } | Refused<ActionError>> {
  const requestId = await findRequestId(reference, viewer);
  if (!requestId) throw new TransitionError("NOT_FOUND");

  let duplicateOfId: string | null = null;
  if (input.intent === "markDuplicate") {
    const original = await db.request.findFirst({
      where: { reference: input.duplicateOf, ...visibleTo(viewer) },
      select: { id: true, status: true, duplicateOf: { select: { reference: true } } },
    });
    if (!original) return refused("unknownReference", "duplicateOf");
    if (original.id === requestId) return refused("selfDuplicate", "duplicateOf");
    // Merges point at a request that is not itself merged, so every chain ends in one original.
    if (original.status === "DUPLICATE") {
      return refused(`mergedInto:${original.duplicateOf?.reference ?? "—"}`, "duplicateOf");
    }
    duplicateOfId = original.id;
  }
  if (input.intent === "assign") {
    const cluster = await db.cluster.findFirst({ where: { id: input.clusterId, active: true }, select: { id: true } });
    if (!cluster) return refused("choose", "clusterId");
  }

  if ((input.intent === "triage" || input.intent === "handOver") && input.ownerId) {
    const owner = await db.user.findFirst({
      where: { id: input.ownerId, active: true, role: { in: ["COORDINATOR", "ADMIN"] } },
      select: { id: true },
    });
    if (!owner) return refused("choose", "ownerId");
  }

  const correction = input.intent === "edit" ? correctedRequest(input) : undefined;
  if (correction) {
    const stored = await db.request.findUniqueOrThrow({ where: { id: requestId }, select: { neededBy: true } });
    if (isNewPastNeededBy(stored.neededBy, correction.neededBy, kyivToday())) {
      return refused("datePast", "neededBy");
    }
  }

  const transition = {
    requestId,
    action: input.intent,
    actor,
    expectedVersion: input.version,
    lineId: "lineId" in input ? input.lineId : undefined,
    expectedLineVersion: "lineVersions" in input && input.lineId ? input.lineVersions.get(input.lineId) : undefined,
    intoLineId: input.intent === "joinLines" ? input.intoLineId : undefined,
    input: {
      message: "message" in input ? input.message : null,
      clusterId: input.intent === "assign" ? input.clusterId : null,
      duplicateOfId,
      triage: input.intent === "triage" ? { category: input.category, urgency: input.urgency, ownerId: input.ownerId ?? null } : undefined,
      correction,
      ownerId: input.intent === "handOver" ? input.ownerId : undefined,
      newLine: input.intent === "splitLine" ? { category: input.category, summary: input.summary } : undefined,
    },
  };
  if ((input.intent === "publicMessage" || input.intent === "note") && files.length) {
    const visibility = input.intent === "note" ? "INTERNAL" : "PUBLIC";
    await storeReceivedFiles(files);
    await db.$transaction(async (tx) => {
      const { eventId } = await transitionRequestInTx(tx, transition);
      await addEventFilesInTx(tx, { requestId, eventId, files, author: { kind: "staff", viewer }, visibility });
    });
  } else await transitionRequest(transition);
  return { ok: true };
}
