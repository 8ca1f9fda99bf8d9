// A request's category-specific details as stored: the open ones (Request.details) and the
// sensitive ones (Request.sensitiveDetails: defence orders, staff and the assigned cluster only).
// Intake and staff's corrections store them the same way.
import type { IntakeInput } from "~/schemas/intake";

type CategoryFieldsInput = Pick<
  IntakeInput,
  | "category"
  | "productionArea"
  | "staffCount"
  | "equipmentTonnage"
  | "destinationRegions"
  | "supplyItems"
  | "defenceProductType"
  | "monthlyCapacity"
  | "certifications"
>;

/** Splits the form's category-specific fields into the open and the sensitive details (JSON). */
export function categoryDetails(input: CategoryFieldsInput) {
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
  const compact = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")));
  return { details: compact(details), sensitiveDetails: sensitive ? compact(sensitive) : null };
}

/** The form field each stored detail came from (the sensitive product type is stored as productType). */
export const DETAIL_FORM_FIELD: Record<string, string> = {
  productionArea: "productionArea",
  staffCount: "staffCount",
  equipmentTonnage: "equipmentTonnage",
  destinationRegions: "destinationRegions",
  supplyItems: "supplyItems",
  productType: "defenceProductType",
  monthlyCapacity: "monthlyCapacity",
  certifications: "certifications",
};

/** Stored details (JSON) as an object; anything unreadable reads as none. */
export function parseDetails(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
