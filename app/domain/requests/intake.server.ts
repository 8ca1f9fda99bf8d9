// Filing a request: the enterprise's registry row (created once, never rewritten by a filing),
// the public reference, the private token, the SLA clocks and the first event, all in one
// transaction.
import { type IntakeInput, filedNeeds, filedSector } from "~/schemas/intake";
import { writeTransaction } from "~/data/db.server";
import type { Work } from "~/data/sql";
import { newId } from "~/utils/ids.server";
import { insertEnterpriseOnce, insertEvent, insertLine, insertRequest, insertRequestFile, nextReferenceNumber, oldestRequestOf } from "~/data/requests.server";
import { categoryDetails } from "./category-details";
import { StorageFullError } from "../errors";
import type { ReceivedFile } from "../files/receive-upload.server";
import { storeReceivedFiles } from "../files/request-files.server";
import { enqueueRequestReceived, publicBaseUrl } from "../notifications/notifications.server";
import { formatReference, referenceYear } from "../enterprises/identifiers";
import { requestSearchText } from "../queue/search";
import { requestKeys } from "./request-keys";
import { slaDueTimes } from "../sla/sla";
import { slaTargets } from "../sla/sla-config.server";
import { OPEN_STATUSES, planTransition } from "./state-machine";
import { hashStatusToken, newStatusToken } from "../auth/tokens.server";

function* nextReference(now: Date): Work<string> {
  const year = referenceYear(now);
  return formatReference(year, yield* nextReferenceNumber(year));
}

export type CreateRequestOptions = {
  input: IntakeInput;
  now?: Date;
  /** The private status page's address for a token, for the "request received" email. */
  statusUrlFor?: (token: string) => string;
  /** Documents filed with it, checked (app/domain/files/receive-upload.server.ts) and still in scratch space. */
  files?: ReceivedFile[];
};

/** Files a request. Returns the public reference and the private status token (shown once). */
export async function createRequest({ input, now = new Date(), statusUrlFor = (token) => `${publicBaseUrl()}/s/${token}`, files = [] }: CreateRequestOptions) {
  const plan = planTransition("submit", { type: "ENTERPRISE" }, { status: null, triagedAt: null, assignedClusterId: null, infoAskedFrom: null });
  if (!plan.ok) throw new Error(`intake refused by the state machine: ${plan.reason}`);
  const token = newStatusToken();
  // The documents' contents are stored first and their rows written with the request: a crash
  // between leaves contents no row names (swept), never a row without its file.
  try {
    await storeReceivedFiles(files);
  } catch (error) {
    // The files' disk is full: the filing waits for space like a full database (503, form kept).
    if ((error as NodeJS.ErrnoException).code === "ENOSPC") throw new StorageFullError({ cause: error });
    throw error;
  }

  // Every statement is written as SQL in one synchronous transaction on Prisma's connection: this
  // is the path a rush of submissions takes, and each Prisma call, model or raw, cost more CPU
  // than the write itself (docs/decisions/011-intake-writes.md).
  const created = await writeTransaction(function* () {
    const contact = { contactName: input.contactName, phone: input.phone, email: input.email };
    // The registry row is created by the first filing and changes only by a staff action
    // (adoptEnterpriseDetails): EDRPOU codes are public, so a filing never rewrites it. The
    // request keeps the details as filed.
    const enterpriseId = yield* insertEnterpriseOnce({
      id: newId(now.getTime()),
      edrpou: input.edrpou,
      name: input.enterpriseName,
      region: input.region,
      city: input.city,
      ...contact,
      createdAt: now,
      updatedAt: now,
    });
    const possibleDuplicateOfId = yield* oldestRequestOf({ enterpriseId, category: input.category, statuses: OPEN_STATUSES });
    const reference = yield* nextReference(now);
    const dueTimes = slaDueTimes({ createdAt: now, urgency: input.urgency, slaPausedMs: 0 }, slaTargets);
    const keys = requestKeys({ status: plan.to, urgency: input.urgency, triagedAt: null, ...dueTimes, notAcceptedInTime: false });
    const { details, sensitiveDetails } = categoryDetails(input);
    const requestId = newId(now.getTime());
    yield* insertRequest({
      id: requestId,
      reference,
      statusTokenHash: hashStatusToken(token),
      enterpriseId,
      enterpriseName: input.enterpriseName,
      ...contact,
      category: input.category,
      urgency: input.urgency,
      title: input.title,
      description: input.description,
      details,
      sensitiveDetails,
      region: input.region,
      city: input.city,
      sector: filedSector(input),
      naceClass: input.naceClass ?? null,
      neededBy: input.neededBy ? new Date(`${input.neededBy}T00:00:00Z`) : null,
      status: plan.to,
      searchText: requestSearchText({
        reference,
        edrpou: input.edrpou,
        enterpriseName: input.enterpriseName,
        title: input.title,
        description: input.description,
      }),
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
      triageDueAt: dueTimes.triageDueAt,
      resolveDueAt: dueTimes.resolveDueAt,
      urgencyRank: keys.urgencyRank,
      statusRank: keys.statusRank,
      attentionRank: keys.attentionRank,
      nextDueAt: keys.nextDueAt,
      dueSortAt: keys.dueSortAt,
      possibleDuplicateOfId,
      // Every need filed waits for its cluster.
      waitingLines: 1 + filedNeeds(input).length,
    });
    // Its first line, the need it was filed under, waiting for the coordinators (decision 055).
    yield* insertLine({
      id: `${requestId}.1`,
      requestId,
      position: 1,
      category: input.category,
      details,
      sensitiveDetails,
      status: "OPEN",
      createdAt: now,
      updatedAt: now,
    });
    // Its other needs, each a line of its own waiting for its cluster.
    for (const [index, need] of filedNeeds(input).entries()) {
      yield* insertLine({
        id: `${requestId}.${index + 2}`,
        requestId,
        position: index + 2,
        category: need.category,
        summary: need.summary,
        status: "OPEN",
        createdAt: now,
        updatedAt: now,
      });
    }
    // The first event of the audit trail.
    const eventId = newId(now.getTime());
    yield* insertEvent({
      id: eventId,
      requestId,
      action: plan.action,
      actorType: "ENTERPRISE",
      toStatus: plan.to,
      visibility: plan.visibility,
      createdAt: now,
    });
    // Documents filed with it belong to that first event, and the enterprise sees its own.
    for (const file of files) {
      yield* insertRequestFile({
        id: newId(now.getTime()),
        requestId,
        eventId,
        addedByType: "ENTERPRISE",
        originalName: file.name,
        sha256: file.sha256,
        size: file.size,
        type: file.type,
        visibility: "PUBLIC",
        createdAt: now,
        thumbnailSha256: file.thumbnail?.sha256 ?? null,
        thumbnailSize: file.thumbnail?.size ?? null,
        thumbnailWidth: file.thumbnail?.width ?? null,
        thumbnailHeight: file.thumbnail?.height ?? null,
      });
    }
    yield* enqueueRequestReceived({
      requestId,
      statusUrl: statusUrlFor(token),
      now,
      facts: {
        reference,
        title: input.title,
        email: input.email,
        category: input.category,
        urgency: input.urgency,
        region: input.region,
        triageDueAt: dueTimes.triageDueAt,
      },
    });
    return { id: requestId, reference, triageDueAt: dueTimes.triageDueAt };
  });
  return { ...created, token };
}
