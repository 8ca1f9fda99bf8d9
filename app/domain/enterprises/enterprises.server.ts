// The enterprise registry (one row per EDRPOU) as staff change it.
import type { Tx } from "~/data/db.server";
import { type EnterpriseDetails, enterpriseDetailChanges, filedEnterpriseDetails } from "./enterprise-details";
import type { FieldChange } from "../requests/field-changes";

const registrySelect = { id: true, name: true, contactName: true, phone: true, email: true, city: true } as const;

/**
 * Takes the enterprise details filed with a request into the registry, inside the transition's
 * transaction (the executor records the returned changes on the request's timeline). Returns
 * the fields that changed; none when the registry already holds them.
 */
export async function adoptEnterpriseDetailsInTx(tx: Tx, { requestId, now }: { requestId: string; now: Date }): Promise<FieldChange[]> {
  const request = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: { enterpriseName: true, contactName: true, phone: true, email: true, city: true, enterprise: { select: registrySelect } },
  });
  const { id, ...registry } = request.enterprise;
  const filed = filedEnterpriseDetails(request);
  const changes = enterpriseDetailChanges(registry satisfies EnterpriseDetails, filed);
  if (changes.length) {
    await tx.enterprise.update({
      where: { id },
      data: {
        name: request.enterpriseName,
        contactName: request.contactName,
        phone: request.phone,
        email: request.email,
        city: request.city,
        updatedAt: now,
      },
    });
  }
  return changes;
}
