// The tables as typed SQL sees them, derived from the Prisma schema's generated model types, so a
// column renamed or retyped in prisma/schema.prisma breaks every hand-written query that names it
// at compile time (docs/decisions/046-typed-sql.md). No second list of columns is kept here.
import type { ColumnType } from "kysely";
import type {
  AdminAuditEntry,
  BacklogCount,
  Cluster,
  ClusterCapability,
  ClusterRegion,
  ClusterSector,
  DigestEntry,
  DigestRun,
  Enterprise,
  ExportLog,
  HealthProbe,
  IssuedReport,
  LoginAttempt,
  Notification,
  NotificationPreference,
  PasswordResetToken,
  RateLimitWindow,
  ReferenceCounter,
  ReplyTemplate,
  Request,
  RequestEvent,
  RequestFile,
  RequestLine,
  RequestUnread,
  SavedView,
  SchedulerTick,
  Session,
  User,
} from "~/generated/prisma/client";

/**
 * A column as each engine returns it: SQLite keeps a DateTime as ISO text and a Boolean as 0/1,
 * PostgreSQL gives a Date and a boolean. Queries are written once, so a read value is either (the
 * repositories turn it into the domain's type with `toDate` / `toBoolean`), and a written value
 * is the domain's own type, which the engine's runner binds in its form (app/data/sql.ts). An
 * insert may leave any column out: the model types do not say which have defaults, and the
 * database refuses a missing required one.
 */
type Column<T> = [T] extends [Date | null]
  ? ColumnType<Exclude<T, Date> | string | Date, T | undefined, T>
  : [T] extends [boolean]
    ? ColumnType<number | boolean, boolean | undefined, boolean>
    : ColumnType<T, T | undefined, T>;

type Table<Model> = { [Name in keyof Model]: Column<Model[Name]> };

export type DB = {
  AdminAuditEntry: Table<AdminAuditEntry>;
  BacklogCount: Table<BacklogCount>;
  Cluster: Table<Cluster>;
  ClusterCapability: Table<ClusterCapability>;
  ClusterRegion: Table<ClusterRegion>;
  ClusterSector: Table<ClusterSector>;
  DigestEntry: Table<DigestEntry>;
  DigestRun: Table<DigestRun>;
  Enterprise: Table<Enterprise>;
  ExportLog: Table<ExportLog>;
  HealthProbe: Table<HealthProbe>;
  IssuedReport: Table<IssuedReport>;
  LoginAttempt: Table<LoginAttempt>;
  Notification: Table<Notification>;
  NotificationPreference: Table<NotificationPreference>;
  PasswordResetToken: Table<PasswordResetToken>;
  ReferenceCounter: Table<ReferenceCounter>;
  RateLimitWindow: Table<RateLimitWindow>;
  ReplyTemplate: Table<ReplyTemplate>;
  Request: Table<Request>;
  RequestEvent: Table<RequestEvent>;
  RequestFile: Table<RequestFile>;
  RequestLine: Table<RequestLine>;
  RequestUnread: Table<RequestUnread>;
  SavedView: Table<SavedView>;
  SchedulerTick: Table<SchedulerTick>;
  Session: Table<Session>;
  User: Table<User>;
  /**
   * PostgreSQL only, outside Prisma's schema: a row for each write that can change a finished
   * week's figures, added by triggers (prisma/postgres/migrations/20261202160000_dashboard_changes).
   */
  DashboardChange: Table<{ id: bigint; at: Date }>;
};

/** A DateTime column's value as read on either engine, as a Date. */
export function toDate(value: string | Date): Date;
export function toDate(value: string | Date | null): Date | null;
export function toDate(value: string | Date | null) {
  return value === null ? null : new Date(value);
}

/** A Boolean column's value as read on either engine (0/1 or false/true). */
export const toBoolean = (value: number | boolean) => value === true || value === 1;
