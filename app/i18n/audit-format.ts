// How the admin's record reads to a person, on the page and in the CSV alike: the action and
// each changed field in the reader's language, codes (roles, categories, regions) as labels.
import { type AuditFieldChange, type AuditValue, auditFieldChanges, type AuditSnapshot } from "~/domain/admin/audit";
import { isCategory } from "~/domain/taxonomy";
import type { Locale } from "./locale";
import type { MessageKey } from "./messages";
import { clusterSectorName, regionName } from "./taxonomy-names";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A key's translation, or `fallback` when the dictionary has no such key (e.g. a kind added later). */
function labelOr(t: Translate, key: string, fallback: string) {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

export function auditActionLabel(action: string, t: Translate) {
  return labelOr(t, `audit.action.${action}`, action);
}

export function auditSubjectLabel(subjectType: string, t: Translate) {
  return labelOr(t, `audit.subject.${subjectType}`, subjectType);
}

function auditFieldLabel(field: string, t: Translate) {
  return labelOr(t, `audit.field.${field}`, field);
}

/** One recorded value as text: "—" for nothing, labels for codes, lists joined. */
function auditValueText(field: string, value: AuditValue | undefined, locale: Locale, t: Translate): string {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => auditValueText(field, v, locale, t)).join(", ") : "—";
  if (typeof value === "boolean") {
    if (field === "active") return t(value ? "admin.active" : "admin.inactive");
    return t(value ? "audit.yes" : "audit.no");
  }
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  if (field === "role") return labelOr(t, `role.${text}`, text);
  if (field === "kind") return labelOr(t, `clusterKind.${text}`, text);
  if (field === "password") return labelOr(t, `audit.password.${text}`, text);
  if ((field === "capabilities" || field === "category") && isCategory(text)) return t(`category.${text}`);
  if (field === "regions" || field === "homeRegion" || field === "region") return regionName(t, text);
  if (field === "sectors") return clusterSectorName(t, text);
  return text;
}

export type AuditChangeText = { field: string; before: string; after: string; change: AuditFieldChange };

/** The fields an entry changed, each as "field: before → after" parts. */
export function auditChangesText(before: AuditSnapshot | null, after: AuditSnapshot | null, locale: Locale, t: Translate): AuditChangeText[] {
  return auditFieldChanges(before, after).map((change) => ({
    field: auditFieldLabel(change.field, t),
    before: before === null ? "" : auditValueText(change.field, change.before, locale, t),
    after: after === null ? "" : auditValueText(change.field, change.after, locale, t),
    change,
  }));
}
