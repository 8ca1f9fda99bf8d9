// Filing a request: the enterprise's registry row (created once, never rewritten by a filing),
// the public reference, the private token, the SLA clocks and the first event, all in one
// transaction.
import type { IntakeInput } from "~/schemas/intake";
import { type Statements, writeTransaction } from "~/data/db.server";
import { newId } from "~/utils/ids.server";
import { sqliteTimestamp } from "~/data/sqlite-time";
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

function nextReference(sql: Statements, now: Date) {
  const year = referenceYear(now);
  const counter = sql.get<{ last: number }>(
    `INSERT INTO "ReferenceCounter" ("year", "last") VALUES (?, 1)
     ON CONFLICT ("year") DO UPDATE SET "last" = "last" + 1
     RETURNING "last"`,
    year,
  );
  return formatReference(year, counter!.last);
}

/** An open request of the same enterprise in the same category may be the same need. */
const POSSIBLE_DUPLICATE_SQL = `
  SELECT "id" FROM "Request" WHERE "enterpriseId" = ? AND "category" = ? AND "status" IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})
  ORDER BY "createdAt" ASC LIMIT 1`;

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
  const at = sqliteTimestamp(now);
  const created = await writeTransaction((sql) => {
    const contact = { contactName: input.contactName, phone: input.phone, email: input.email };
    // The registry row is created by the first filing and changes only by a staff action
    // (adoptEnterpriseDetails): EDRPOU codes are public, so a filing never rewrites it. The
    // request keeps the details as filed.
    sql.run(
      `INSERT INTO "Enterprise" ("id", "edrpou", "name", "region", "city", "contactName", "phone", "email", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("edrpou") DO NOTHING`,
      newId(now.getTime()),
      input.edrpou,
      input.enterpriseName,
      input.region,
      input.city,
      contact.contactName,
      contact.phone,
      contact.email,
      at,
      at,
    );
    const enterpriseId = sql.get<{ id: string }>(`SELECT "id" FROM "Enterprise" WHERE "edrpou" = ?`, input.edrpou)!.id;
    const possibleDuplicate = sql.get<{ id: string }>(POSSIBLE_DUPLICATE_SQL, enterpriseId, input.category);
    const reference = nextReference(sql, now);
    const dueTimes = slaDueTimes({ createdAt: now, urgency: input.urgency, slaPausedMs: 0 }, slaTargets);
    const keys = requestKeys({ status: plan.to, urgency: input.urgency, triagedAt: null, ...dueTimes, notAcceptedInTime: false });
    const { details, sensitiveDetails } = categoryDetails(input);
    const requestId = newId(now.getTime());
    const timestamp = (date: Date | null) => (date ? sqliteTimestamp(date) : null);
    sql.run(
      `INSERT INTO "Request" ("id", "reference", "statusTokenHash", "enterpriseId", "enterpriseName", "contactName", "phone", "email",
         "category", "urgency", "title", "description", "details", "sensitiveDetails", "region", "city", "neededBy", "status",
         "searchText", "createdAt", "updatedAt", "lastActivityAt", "triageDueAt", "resolveDueAt", "urgencyRank", "statusRank",
         "attentionRank", "nextDueAt", "dueSortAt", "possibleDuplicateOfId")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      requestId,
      reference,
      hashStatusToken(token),
      enterpriseId,
      input.enterpriseName,
      contact.contactName,
      contact.phone,
      contact.email,
      input.category,
      input.urgency,
      input.title,
      input.description,
      details,
      sensitiveDetails,
      input.region,
      input.city,
      timestamp(input.neededBy ? new Date(`${input.neededBy}T00:00:00Z`) : null),
      plan.to,
      requestSearchText({ reference, edrpou: input.edrpou, enterpriseName: input.enterpriseName, title: input.title, description: input.description }),
      at,
      at,
      at,
      timestamp(dueTimes.triageDueAt),
      timestamp(dueTimes.resolveDueAt),
      keys.urgencyRank,
      keys.statusRank,
      keys.attentionRank,
      timestamp(keys.nextDueAt),
      timestamp(keys.dueSortAt),
      possibleDuplicate?.id ?? null,
    );
    // The first event of the audit trail.
    const eventId = newId(now.getTime());
    sql.run(
      `INSERT INTO "RequestEvent" ("id", "requestId", "action", "actorType", "toStatus", "visibility", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      eventId,
      requestId,
      plan.action,
      "ENTERPRISE",
      plan.to,
      plan.visibility,
      at,
    );
    // Documents filed with it belong to that first event, and the enterprise sees its own.
    for (const file of files) {
      sql.run(
        `INSERT INTO "RequestFile" ("id", "requestId", "eventId", "addedByType", "originalName", "sha256", "size", "type", "visibility", "createdAt",
           "thumbnailSha256", "thumbnailSize", "thumbnailWidth", "thumbnailHeight")
         VALUES (?, ?, ?, 'ENTERPRISE', ?, ?, ?, ?, 'PUBLIC', ?, ?, ?, ?, ?)`,
        newId(now.getTime()),
        requestId,
        eventId,
        file.name,
        file.sha256,
        file.size,
        file.type,
        at,
        file.thumbnail?.sha256 ?? null,
        file.thumbnail?.size ?? null,
        file.thumbnail?.width ?? null,
        file.thumbnail?.height ?? null,
      );
    }
    enqueueRequestReceived(sql, {
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
