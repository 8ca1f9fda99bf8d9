// One enterprise as staff look it up: its registry record, the history of its details (each
// change taken in from a filing, with who and when: decision 018), and every request it filed,
// newest first, a page at a time. Staff only: it spans every cluster's requests.
import type { EnterprisePageParams } from "~/schemas/enterprise-page";
import { db } from "~/data/db.server";
import { parseChanges } from "../requests/field-changes";

/** Registry changes listed on the page (an enterprise's details change a few times at most). */
const HISTORY_LIMIT = 200;

export async function getEnterprisePage({ edrpou, params }: { edrpou: string; params: EnterprisePageParams }) {
  const enterprise = await db.enterprise.findUnique({
    where: { edrpou },
    select: { id: true, edrpou: true, name: true, region: true, city: true, contactName: true, phone: true, email: true, createdAt: true, updatedAt: true },
  });
  if (!enterprise) return null;
  const where = { enterpriseId: enterprise.id };
  const total = await db.request.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pageCount);
  const [requests, firstFiling, history] = await Promise.all([
    db.request.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * params.size,
      take: params.size,
      select: {
        reference: true,
        title: true,
        category: true,
        urgency: true,
        status: true,
        createdAt: true,
        enterpriseName: true,
        assignedCluster: { select: { nameUk: true, nameEn: true } },
      },
    }),
    db.request.findFirst({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { reference: true, createdAt: true } }),
    db.requestEvent.findMany({
      where: { action: "adoptEnterpriseDetails", request: where },
      orderBy: { createdAt: "desc" },
      take: HISTORY_LIMIT,
      select: { id: true, createdAt: true, changes: true, actor: { select: { name: true } }, request: { select: { reference: true } } },
    }),
  ]);
  const { id: _id, ...registry } = enterprise;
  return {
    enterprise: registry,
    /** The filing that created the registry record. */
    firstFiling,
    history: history.map(({ changes, request, ...change }) => ({ ...change, reference: request.reference, changes: parseChanges(changes) })),
    requests: { rows: requests, total, page, size: params.size, pageCount },
  };
}

/** The registry's name for an EDRPOU, for the queue's "see the enterprise" link (null if unknown). */
export async function findEnterpriseByCode(edrpou: string) {
  return db.enterprise.findUnique({ where: { edrpou }, select: { edrpou: true, name: true } });
}
