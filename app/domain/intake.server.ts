// Filing a request: the enterprise row, the public reference, the private token, the SLA
// clocks and the first event, all in one transaction.
import type { IntakeInput } from "~/schemas/intake";
import { db, type Tx } from "~/utils/db.server";
import { TIME_ZONE } from "~/i18n/locale";
import { enqueueRequestReceived, publicBaseUrl } from "./notifications.server";
import { searchTextFor } from "./search";
import { dueSortAt, nextDueAt, slaDueTimes } from "./sla";
import { slaTargets } from "./sla-config.server";
import { OPEN_STATUSES, planTransition, statusRank } from "./state-machine";
import { URGENCY_RANK } from "./taxonomy";
import { hashStatusToken, newStatusToken } from "./tokens.server";

export function formatReference(year: number, sequence: number) {
  return `RRC-${year}-${String(sequence).padStart(6, "0")}`;
}

// Building an Intl formatter costs more than using one: make it once.
const kyivYearFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric" });

function kyivYear(now: Date) {
  return Number(kyivYearFormat.format(now));
}

async function nextReference(tx: Tx, now: Date) {
  const year = kyivYear(now);
  const counter = await tx.referenceCounter.upsert({
    where: { year },
    create: { year, last: 1 },
    update: { last: { increment: 1 } },
    select: { last: true },
  });
  return formatReference(year, counter.last);
}

/** Splits the form's category-specific fields into the open and the sensitive details. */
export function categoryDetails(input: IntakeInput) {
  const details: Record<string, unknown> = {};
  let sensitive: Record<string, unknown> | null = null;
  if (input.category === "RELOCATION") {
    Object.assign(details, {
      productionArea: input.productionArea,
      staffCount: input.staffCount,
      equipmentTonnage: input.equipmentTonnage,
      destinationRegions: input.destinationRegions ?? [],
    });
  } else if (input.category === "SUPPLIES") {
    details.supplyItems = input.supplyItems;
  } else if (input.category === "DEFENCE_ORDER") {
    sensitive = {
      productType: input.defenceProductType,
      monthlyCapacity: input.monthlyCapacity,
      certifications: input.certifications,
    };
  }
  const compact = (o: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")));
  return { details: compact(details), sensitiveDetails: sensitive ? compact(sensitive) : null };
}

export type CreateRequestOptions = {
  input: IntakeInput;
  now?: Date;
  /** The private status page's address for a token, for the "request received" email. */
  statusUrlFor?: (token: string) => string;
};

/** Files a request. Returns the public reference and the private status token (shown once). */
export async function createRequest({
  input,
  now = new Date(),
  statusUrlFor = (token) => `${publicBaseUrl()}/s/${token}`,
}: CreateRequestOptions) {
  const plan = planTransition("submit", { type: "ENTERPRISE" }, { status: null, triagedAt: null, assignedClusterId: null });
  if (!plan.ok) throw new Error(`intake refused by the state machine: ${plan.reason}`);
  const token = newStatusToken();

  const created = await db.$transaction(async (tx) => {
    const contact = { contactName: input.contactName, phone: input.phone, email: input.email };
    const enterprise = await tx.enterprise.upsert({
      where: { edrpou: input.edrpou },
      create: { edrpou: input.edrpou, name: input.enterpriseName, region: input.region, city: input.city, ...contact },
      update: { name: input.enterpriseName, region: input.region, city: input.city, ...contact },
      select: { id: true },
    });
    // An open request of the same enterprise in the same category may be the same need.
    const possibleDuplicate = await tx.request.findFirst({
      where: { enterpriseId: enterprise.id, category: input.category, status: { in: [...OPEN_STATUSES] } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    const reference = await nextReference(tx, now);
    const dueTimes = slaDueTimes({ createdAt: now, urgency: input.urgency, slaPausedMs: 0 }, slaTargets);
    const firstDue = nextDueAt({ status: plan.to, triagedAt: null, ...dueTimes });
    const request = await tx.request.create({
      data: {
        reference,
        statusTokenHash: hashStatusToken(token),
        enterpriseId: enterprise.id,
        enterpriseName: input.enterpriseName,
        ...contact,
        category: input.category,
        urgency: input.urgency,
        title: input.title,
        description: input.description,
        ...categoryDetails(input),
        region: input.region,
        city: input.city,
        neededBy: input.neededBy ? new Date(`${input.neededBy}T00:00:00Z`) : null,
        status: plan.to,
        searchText: searchTextFor([reference, input.edrpou, input.enterpriseName, input.title, input.description]),
        createdAt: now,
        lastActivityAt: now,
        ...dueTimes,
        urgencyRank: URGENCY_RANK[input.urgency],
        statusRank: statusRank(plan.to),
        nextDueAt: firstDue,
        dueSortAt: dueSortAt({ status: plan.to, nextDueAt: firstDue, notAcceptedInTime: false }),
        possibleDuplicateOfId: possibleDuplicate?.id ?? null,
        // The first event of the audit trail, written with the request in one statement batch.
        events: {
          create: { action: plan.action, actorType: "ENTERPRISE", toStatus: plan.to, visibility: plan.visibility, createdAt: now },
        },
      },
      select: { id: true, reference: true, triageDueAt: true },
    });
    await enqueueRequestReceived(tx, {
      requestId: request.id,
      statusUrl: statusUrlFor(token),
      now,
      facts: { reference, title: input.title, email: input.email, category: input.category, urgency: input.urgency, region: input.region, triageDueAt: request.triageDueAt },
    });
    return request;
  });
  return { ...created, token };
}
