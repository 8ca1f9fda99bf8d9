// What a report file is called and what it is.
import { type IsoWeek, formatIsoWeek } from "../sla/iso-week";
import type { ReportFormat, ReportScopeKind } from "./types";

export function reportFileName({
  week,
  scope,
  format,
  clusterSlug,
}: {
  week: IsoWeek;
  scope: ReportScopeKind;
  format: ReportFormat;
  clusterSlug?: string | null;
}) {
  const what = scope === "cluster" && clusterSlug ? `cluster-${clusterSlug}` : scope;
  return `rrc-weekly-${formatIsoWeek(week)}-${what}.${format}`;
}

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};
