// A closed week's report as issued (decision 042), pure part: which file a download asks for
// (its edition: scope, cluster, whose sensitive details, language, format), when a week counts
// as closed, and which editions the scheduled jobs write when it closes. The stored files, their
// versions and the regeneration are in issued.server.ts.
import { LOCALES, type Locale } from "~/i18n/locale";
import { type IsoWeek, isoWeekRange } from "../sla/iso-week";
import type { ReportFormat, ReportScope, ReportScopeKind, SensitiveAccess } from "./types";

/** Whose sensitive details a stored file carries: every request's, none, or the own cluster's (a member's file). */
type EditionSensitive = "all" | "none" | "own";

export type ReportEdition = {
  scope: ReportScopeKind;
  clusterId: string | null;
  sensitive: EditionSensitive;
  locale: Locale;
  format: ReportFormat;
};

/** One value naming an edition, stored beside its parts and unique with the week and version. */
export function editionKey({ scope, clusterId, sensitive, locale, format }: ReportEdition) {
  return `${scope}:${clusterId ?? "-"}:${sensitive}:${locale}:${format}`;
}

/** The edition a download gets, from what access.server.ts allowed the viewer. */
export function editionFor({
  scope,
  sensitive,
  locale,
  format,
}: {
  scope: ReportScope;
  sensitive: SensitiveAccess;
  locale: Locale;
  format: ReportFormat;
}): ReportEdition {
  return {
    scope: scope.kind,
    clusterId: scope.kind === "cluster" ? scope.clusterId : null,
    sensitive: typeof sensitive === "object" ? "own" : sensitive,
    locale,
    format,
  };
}

/** What the report's writers are asked for to write this edition. */
export function editionScope(edition: ReportEdition): { scope: ReportScope; sensitive: SensitiveAccess } {
  const scope: ReportScope =
    edition.scope === "cluster" && edition.clusterId ? { kind: "cluster", clusterId: edition.clusterId } : { kind: edition.scope as "all" | "partners" };
  const sensitive: SensitiveAccess =
    edition.sensitive === "own" && edition.clusterId ? { currentClusterId: edition.clusterId } : edition.sensitive === "all" ? "all" : "none";
  return { scope, sensitive };
}

/** A week is closed once its last instant (Sunday 24:00 Kyiv time) has passed: its files are issued, not written afresh. */
export function isClosedWeek(week: IsoWeek, now: Date) {
  return isoWeekRange(week).end.getTime() <= now.getTime();
}

const FORMATS_ISSUED: readonly ReportFormat[] = ["xlsx", "csv"];

/**
 * Every edition the reports page offers for a week, in the order the scheduled jobs write them:
 * everything and the partners' file first (what goes out on Monday), then each cluster as its
 * members get it and as staff get it. Ukrainian before English, XLSX before CSV.
 */
export function scheduledEditions(clusterIds: readonly string[]): ReportEdition[] {
  const parts: Array<Pick<ReportEdition, "scope" | "clusterId" | "sensitive">> = [
    { scope: "all", clusterId: null, sensitive: "all" },
    { scope: "partners", clusterId: null, sensitive: "none" },
    ...clusterIds.flatMap((clusterId) => [
      { scope: "cluster" as const, clusterId, sensitive: "own" as const },
      { scope: "cluster" as const, clusterId, sensitive: "none" as const },
    ]),
  ];
  return parts.flatMap((part) => LOCALES.flatMap((locale) => FORMATS_ISSUED.map((format) => ({ ...part, locale, format }))));
}
