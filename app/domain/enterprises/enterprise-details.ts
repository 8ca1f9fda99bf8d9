// An enterprise's details as the registry holds them and as a request was filed with them.
// EDRPOU codes are public: a filing never rewrites the registry; staff take a filing's details
// into it on purpose (adoptEnterpriseDetails).
import { type FieldChange, fieldChanges } from "../requests/field-changes";

/** The details a filing gives and the registry keeps, in the order the page shows them. */
const ENTERPRISE_DETAIL_FIELDS = ["name", "contactName", "phone", "email", "city"] as const;
type EnterpriseDetailField = (typeof ENTERPRISE_DETAIL_FIELDS)[number];
export type EnterpriseDetails = Record<EnterpriseDetailField, string | null>;

/** The enterprise details a request was filed with (its own columns). */
export function filedEnterpriseDetails(request: {
  enterpriseName: string;
  contactName: string;
  phone: string;
  email: string;
  city: string;
}): EnterpriseDetails {
  return {
    name: request.enterpriseName,
    contactName: request.contactName,
    phone: request.phone,
    email: request.email,
    city: request.city,
  };
}

/** Where the filing differs from the registry: from = the registry's value, to = the filing's. */
export function enterpriseDetailChanges(registry: EnterpriseDetails, filed: EnterpriseDetails): FieldChange[] {
  return fieldChanges(registry, filed, ENTERPRISE_DETAIL_FIELDS);
}
