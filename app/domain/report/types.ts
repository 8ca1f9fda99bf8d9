// What a weekly report is asked for (week, scope, whose sensitive details, language) and what it
// reads of each request, event and cluster. Contact details, descriptions, messages and
// documents' names are not among them: they are never exported.
import type { Locale } from "~/i18n/locale";
import type { ReportFormat, ReportScopeKind } from "~/schemas/reports";
import type { IsoWeek } from "../sla/iso-week";
import type { SlaTargets } from "../sla/sla";
import type { Status } from "../requests/state-machine";
import type { Category, Urgency } from "../taxonomy";

export type { ReportFormat, ReportScopeKind };

/**
 * "all" and "partners" cover every request; "cluster" covers the requests the cluster held at
 * the week's end or that had a status change attributed to it during the week.
 */
export type ReportScope = { kind: "all" } | { kind: "partners" } | { kind: "cluster"; clusterId: string };

/**
 * Whose sensitive (defence-order) details a file may carry: every request's ("all": a staff
 * export of everything), none, or only those of requests assigned right now to one cluster
 * (a member's export of their own cluster: what they can see in the app anyway).
 */
export type SensitiveAccess = "all" | "none" | { currentClusterId: string };

/**
 * Requests per page. Small pages keep little alive from one garbage collection to the next, so
 * less is promoted to the old generation and the peak memory stays low at the same speed
 * (figures in docs/decisions/009-weekly-report-reads.md, "Small pages").
 */
export const REPORT_PAGE_SIZE = 100;

export type WeeklyReportOptions = {
  week: IsoWeek;
  scope: ReportScope;
  sensitive?: SensitiveAccess;
  /** Language of headers and labels in files. */
  locale?: Locale;
  now?: Date;
  /** Requests read and written at a time (REPORT_PAGE_SIZE). */
  pageSize?: number;
  targets?: SlaTargets;
  /** Called after each page written: rows so far in the sheet being written. */
  onProgress?: (progress: { part: "requests" | "changes"; rows: number }) => void;
};

export type ReportCluster = { id: string; slug: string; nameUk: string; nameEn: string; active: boolean };

/** What a report reads of a request. */
export type ReportRequest = {
  id: string;
  reference: string;
  createdAt: Date;
  category: Category;
  urgency: Urgency;
  region: string;
  /** The enterprise's NACE section; null for requests filed before it was asked. */
  sector: string | null;
  city: string;
  title: string;
  sensitiveDetails: string | null;
  assignedClusterId: string | null;
  /** Its lines filed with it (the need it was filed under and the others given on the form); one when not given. */
  filedLines?: number;
  /** The cluster holding its first line now, whose the filed (and sensitive) details are; when not given, its one cluster's. */
  firstLineClusterId?: string | null;
  enterpriseName: string;
  edrpou: string;
  /** Documents added to the request before the report's end. */
  fileCount: number;
};

/**
 * A status change of a request (a RequestEvent with a toStatus), or a line split off or joined
 * away (no toStatus: the request's status stays).
 */
export type ReportEvent = {
  action: string;
  fromStatus: Status | null;
  toStatus: Status | null;
  clusterId: string | null;
  /** The line acted on; none (or not given) on events before lines were stored, which are the first line's. */
  lineId?: string | null;
  createdAt: Date;
};

/** A status change with the request it was made to, for the Changes sheet. */
export type ReportChange = ReportEvent & {
  requestId: string;
  request: { reference: string; category: Category; urgency: Urgency };
};
