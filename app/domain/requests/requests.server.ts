// Requests as staff and cluster members see and change them. Reads are scoped in the query:
// a cluster member only ever finds requests assigned to their own cluster.
import { db } from "~/data/db.server";
import { type Viewer, inScope, isStaff, requestScope, seesFiledDetails, visibleTo } from "../auth/access";
import { enterpriseDetailChanges, filedEnterpriseDetails } from "../enterprises/enterprise-details";
import { TransitionError } from "../errors";
import { parseChanges } from "./field-changes";
import { isWellFormedReference } from "../enterprises/identifiers";
import { latestInfoExchange } from "./info-requests";
import { requestsMergedInto } from "./merges.server";
import { type TransitionOptions, transitionRequestInTx } from "./request-transition.server";
import type { Action, Actor } from "./state-machine";
import { type LineStatus, availableLinedActions, linedRequest } from "./lines";
import type { Category } from "../taxonomy";

function parseJson(value: string | null): Record<string, unknown> | null {
  if (!value) return null;
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** What access reads of a linked request: its lines' clusters. */
const LINE_SCOPE = { select: { clusterId: true, status: true } } as const;

const EVENT_SELECT = {
  id: true,
  action: true,
  actorType: true,
  actorUserId: true,
  fromStatus: true,
  toStatus: true,
  message: true,
  changes: true,
  visibility: true,
  createdAt: true,
  actor: { select: { name: true } },
  cluster: { select: { nameUk: true, nameEn: true } },
  relatedRequest: { select: { reference: true, lines: LINE_SCOPE } },
} as const;

export async function getRequestForStaff({ reference, viewer }: { reference: string; viewer: Viewer }) {
  if (!isWellFormedReference(reference)) return null;
  const request = await db.request.findFirst({
    where: { reference, ...visibleTo(viewer) },
    select: {
      id: true,
      reference: true,
      version: true,
      status: true,
      category: true,
      urgency: true,
      title: true,
      description: true,
      details: true,
      sensitiveDetails: true,
      region: true,
      city: true,
      sector: true,
      naceClass: true,
      neededBy: true,
      enterpriseName: true,
      contactName: true,
      phone: true,
      email: true,
      createdAt: true,
      triagedAt: true,
      triageDueAt: true,
      resolveDueAt: true,
      nextDueAt: true,
      slaPausedAt: true,
      notAcceptedInTime: true,
      assignedClusterId: true,
      ownerId: true,
      infoAskedFrom: true,
      enterprise: { select: { id: true, edrpou: true, name: true, contactName: true, phone: true, email: true, city: true } },
      owner: { select: { id: true, name: true } },
      assignedCluster: { select: { id: true, slug: true, nameUk: true, nameEn: true } },
      duplicateOf: { select: { reference: true, lines: LINE_SCOPE } },
      possibleDuplicateOf: { select: { reference: true, status: true, lines: LINE_SCOPE } },
      possibleDuplicates: { where: visibleTo(viewer), select: { reference: true }, orderBy: { createdAt: "asc" } },
      events: { orderBy: { createdAt: "asc" }, select: EVENT_SELECT },
      lines: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          category: true,
          summary: true,
          status: true,
          clusterId: true,
          version: true,
          cluster: { select: { nameUk: true, nameEn: true } },
        },
      },
    },
  });
  if (!request) return null;
  // The timelines of the requests merged into this one join its own, each entry marked.
  const merged = await requestsMergedInto(db, request.id);
  const mergedEvents = merged.length
    ? await db.requestEvent.findMany({
        where: { requestId: { in: merged.map((m) => m.id) } },
        orderBy: { createdAt: "asc" },
        select: { ...EVENT_SELECT, requestId: true },
      })
    : [];
  const otherRequests = await db.request.findMany({
    where: { enterpriseId: request.enterprise.id, id: { not: request.id }, ...visibleTo(viewer) },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { reference: true, title: true, status: true, category: true, createdAt: true },
  });
  // Defence-order details: staff and the assigned cluster only (members only ever see their own).
  const { sensitiveDetails, details, enterprise, duplicateOf, possibleDuplicateOf, events, lines, ...rest } = request;
  const actor: Actor = { type: "USER", userId: viewer.id, role: viewer.role, clusterId: viewer.clusterId };
  const offered = availableLinedActions(actor, linedRequest(request, lines));
  const { id: enterpriseId, edrpou, ...registry } = enterprise;
  // A linked request outside what the viewer may see is not even named.
  const linked = <T extends { lines: Array<{ clusterId: string | null; status: string }> }>(other: T | null): Omit<T, "lines"> | null => {
    if (!other || !inScope(requestScope(viewer), other)) return null;
    const { lines: _lines, ...shown } = other;
    return shown;
  };
  // Its own entries and those of the requests merged into it, in order, each merged one marked.
  const timeline = [
    ...events.map((event) => ({ ...event, mergedFrom: null })),
    ...mergedEvents.map(({ requestId, ...event }) => {
      const from = merged.find((m) => m.id === requestId)!;
      return { ...event, mergedFrom: { reference: linked(from)?.reference ?? null, otherEnterprise: from.enterpriseId !== enterpriseId } };
    }),
  ]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(({ changes, relatedRequest, ...event }) => ({ ...event, changes: parseChanges(changes), relatedRequest: linked(relatedRequest) }));
  return {
    ...rest,
    enterprise: { id: enterpriseId, edrpou, registry },
    /** The names of the people the timeline's owner changes name (by user id). */
    people: await namesOf(timeline.flatMap((event) => event.changes.filter((c) => c.field === "owner").flatMap((c) => [c.from, c.to]))),
    /** Where this filing's enterprise details differ from the registry (from = registry, to = filed). */
    enterpriseChanges: enterpriseDetailChanges(registry, filedEnterpriseDetails(request)),
    duplicateOf: linked(duplicateOf),
    possibleDuplicateOf: linked(possibleDuplicateOf),
    events: timeline,
    /** Requests merged into this one (those the viewer may see), and whether another enterprise filed them. */
    mergedRequests: merged.flatMap((m) =>
      inScope(requestScope(viewer), m) ? [{ reference: m.reference, otherEnterprise: m.enterpriseId !== enterpriseId }] : [],
    ),
    /** The latest question to the enterprise and how its wait ended (for whoever asked). */
    infoExchange: latestInfoExchange(events),
    // The category's details are its first line's: a member whose cluster holds another line
    // sees none of them (decision 055).
    details: firstLineOwn(lines, viewer) ? (parseJson(details) ?? {}) : {},
    sensitiveDetails: firstLineOwn(lines, viewer) ? parseJson(sensitiveDetails) : null,
    otherRequests,
    /** Its own actions, and the line actions some line offers. */
    actions: offered.request,
    lines: pageLines(lines, offered.lines, viewer),
  };
}

/**
 * The request's lines still counted, each with what the viewer may do to it. A member sees of
 * another cluster's line its category and state only: not what is needed, nor whose it is.
 */
function pageLines(
  lines: Array<{
    id: string;
    position: number;
    category: Category;
    summary: string;
    status: LineStatus;
    clusterId: string | null;
    version: number;
    cluster: { nameUk: string; nameEn: string } | null;
  }>,
  actions: Action[][],
  viewer: Viewer,
) {
  return lines.flatMap(({ clusterId, cluster, summary, ...line }, index) => {
    if (line.status === "CANCELLED") return [];
    const own = isStaff(viewer) || (clusterId !== null && clusterId === viewer.clusterId);
    return [
      {
        ...line,
        own,
        summary: own ? summary : null,
        cluster: own ? cluster : clusterId ? ("OTHER" as const) : null,
        /** Staff only: the line's cluster, which a recommendation for the line leaves out. */
        clusterId: own ? clusterId : null,
        actions: actions[index]!,
      },
    ];
  });
}

/** Whether the viewer sees the first line's details (the access rule, on the lines as read). */
function firstLineOwn(lines: Array<{ clusterId: string | null }>, viewer: Viewer) {
  return seesFiledDetails(viewer, lines[0]?.clusterId ?? null);
}

/** Staff members' names by id (for owner changes on a timeline). */
async function namesOf(ids: Array<string | null>): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return {};
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return Object.fromEntries(users.map((user) => [user.id, user.name]));
}

export type StaffRequest = NonNullable<Awaited<ReturnType<typeof getRequestForStaff>>>;

/** One transition in its own transaction. Throws TransitionError when refused or stale. */
export async function transitionRequest(options: TransitionOptions) {
  return db.$transaction((tx) => transitionRequestInTx(tx, options));
}

/** Finds a request id by reference within what the viewer may see. */
export async function findRequestId(reference: string, viewer: Viewer) {
  if (!isWellFormedReference(reference)) return null;
  const found = await db.request.findFirst({ where: { reference, ...visibleTo(viewer) }, select: { id: true } });
  return found?.id ?? null;
}

export type BulkOutcome = { reference: string; ok: true } | { reference: string; ok: false; reason: TransitionError["reason"] };

/** Applies the same action to several requests, each through the state machine on its own. */
export async function bulkTransition(options: Omit<TransitionOptions, "requestId" | "expectedVersion"> & { ids: string[]; viewer: Viewer }) {
  const requests = await db.request.findMany({
    where: { id: { in: options.ids }, ...visibleTo(options.viewer) },
    select: { id: true, reference: true },
    orderBy: { reference: "asc" },
  });
  const outcomes: BulkOutcome[] = [];
  for (const request of requests) {
    try {
      await transitionRequest({ ...options, requestId: request.id });
      outcomes.push({ reference: request.reference, ok: true });
    } catch (error) {
      if (!(error instanceof TransitionError)) throw error;
      outcomes.push({ reference: request.reference, ok: false, reason: error.reason });
    }
  }
  return outcomes;
}

export async function listCoordinators() {
  return db.user.findMany({
    where: { active: true, role: { in: ["COORDINATOR", "ADMIN"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
