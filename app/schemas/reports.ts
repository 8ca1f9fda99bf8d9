// The weekly report's choices (reports page form, download URL, CLI flags). Strict: a report
// for a week that is not what was asked for is worse than an error.
import { z } from "zod";
import { type IsoWeek, isoWeekRange, lastCompleteIsoWeek, parseIsoWeek } from "~/domain/sla/iso-week";
import { LOCALES } from "~/i18n/locale";

const REPORT_FORMATS = ["xlsx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const REPORT_SCOPES = ["all", "partners", "cluster"] as const;
export type ReportScopeKind = (typeof REPORT_SCOPES)[number];

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const ReportParamsSchema = z.object({
  week: z.preprocess(blankToUndefined, z.string().max(20).optional()),
  format: z.preprocess(blankToUndefined, z.enum(REPORT_FORMATS).default("xlsx")),
  scope: z.preprocess(blankToUndefined, z.enum(REPORT_SCOPES).optional()),
  cluster: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]{1,60}$/)
      .optional(),
  ),
  lang: z.preprocess(blankToUndefined, z.enum(LOCALES).optional()),
});

export type ReportParams = {
  week: IsoWeek;
  format: ReportFormat;
  scope?: ReportScopeKind;
  cluster?: string;
  lang?: (typeof LOCALES)[number];
};

export type ReportParamsError = "week" | "format" | "scope" | "cluster" | "lang";

/**
 * A week as "2026-W13" that has begun by `now` (the current, still running week is allowed);
 * no week means the last complete one. Null for anything else.
 */
function reportWeek(text: string | undefined, now: Date = new Date()): IsoWeek | null {
  if (text === undefined || text === "") return lastCompleteIsoWeek(now);
  const week = parseIsoWeek(text);
  if (!week || isoWeekRange(week).start.getTime() > now.getTime()) return null;
  return week;
}

export function readReportParams(
  values: Record<string, string | undefined>,
  now: Date = new Date(),
): { ok: true; params: ReportParams } | { ok: false; error: ReportParamsError } {
  const parsed = ReportParamsSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: (parsed.error.issues[0]?.path[0] as ReportParamsError) ?? "week" };
  const week = reportWeek(parsed.data.week, now);
  if (!week) return { ok: false, error: "week" };
  return { ok: true, params: { ...parsed.data, week } };
}
