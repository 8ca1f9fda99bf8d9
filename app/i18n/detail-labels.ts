// The form label of each category-specific detail as stored (Request.details and
// sensitiveDetails; see categoryDetails in app/domain/requests/intake.server.ts): the request page and the
// weekly report name them the same way the intake form asked for them.
import type { MessageKey } from "./messages";

export const DETAIL_LABEL: Record<string, MessageKey> = {
  productionArea: "field.productionArea",
  staffCount: "field.staffCount",
  equipmentTonnage: "field.equipmentTonnage",
  destinationRegions: "field.destinationRegions",
  supplyItems: "field.supplyItems",
  productType: "field.defenceProductType",
  monthlyCapacity: "field.monthlyCapacity",
  certifications: "field.certifications",
};
