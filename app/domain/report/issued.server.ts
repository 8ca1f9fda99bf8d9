// A closed week's report as issued (decision 042): the file written once from the data, stored
// in the file store under its SHA-256, and served byte for byte to every later download of that
// week and edition. The scheduled jobs write a week's editions when it closes; an edition nobody
// wrote yet (a week closed before this existed, a cluster added since) is written by its first
// download. Only an admin's regeneration writes a new version, keeping the old one.
import { type Readable, pipeline } from "node:stream";
import { createGzip } from "node:zlib";
import { type Tx, db } from "~/data/db.server";
import { type IssuedFileRow, currentIssuedFile } from "~/data/report-downloads.server";
import { Prisma, type ReportIssue } from "~/generated/prisma/client";
import type { Locale } from "~/i18n/locale";
import { recordAdminChange } from "../admin/audit.server";
import { listClusterChoices } from "../clusters/cluster-list.server";
import { refuse } from "../errors";
import { fileStore } from "../files/storage.server";
import { type IsoWeek, formatIsoWeek, lastCompleteIsoWeek, parseIsoWeek } from "../sla/iso-week";
import { reportFileName } from "./files";
import { streamWeeklyReport } from "./index.server";
import { type ReportEdition, editionKey, editionScope, scheduledEditions } from "./issued";
import type { ReportFormat, ReportScopeKind } from "./types";

/** Far above any week's file (the XLSX of 100,000 requests is about 20 MB): a runaway write stops here. */
const MAX_REPORT_BYTES = 1024 * 1024 * 1024;

const issuedSelect = {
  id: true,
  week: true,
  edition: true,
  scope: true,
  clusterId: true,
  sensitive: true,
  locale: true,
  format: true,
  version: true,
  sha256: true,
  size: true,
  gzipSha256: true,
  gzipSize: true,
  issuedBy: true,
  reason: true,
  createdAt: true,
  supersededAt: true,
  cluster: { select: { slug: true, nameUk: true, nameEn: true } },
  createdBy: { select: { name: true, email: true } },
} as const satisfies Prisma.IssuedReportSelect;

type IssuedRow = Prisma.IssuedReportGetPayload<{ select: typeof issuedSelect }>;

export type IssuedReport = IssuedRow & { fileName: string };

function fileNameOf(row: { week: string; scope: string; format: string; version: number; clusterSlug: string | null | undefined }) {
  const week = parseIsoWeek(row.week)!;
  const fileName = reportFileName({ week, scope: row.scope as ReportScopeKind, format: row.format as ReportFormat, clusterSlug: row.clusterSlug ?? undefined });
  return row.version > 1 ? fileName.replace(/\.(xlsx|csv)$/, `.v${row.version}.$1`) : fileName;
}

function withFileName(row: IssuedRow): IssuedReport {
  return { ...row, fileName: fileNameOf({ ...row, clusterSlug: row.cluster?.slug }) };
}

/** What a download needs of a row read through Prisma (a file just written, an admin's pick). */
function fileOf(row: IssuedRow): IssuedFileRow {
  const { id, week, scope, clusterId, format, version, sha256, size, gzipSha256, gzipSize } = row;
  return { id, week, scope, clusterId, clusterSlug: row.cluster?.slug ?? null, format, version, sha256, size, gzipSha256, gzipSize };
}

/**
 * Writes the edition from the data as it is now into the store: its SHA-256 and size, and for a
 * CSV those of its gzip copy, stored beside it (decision 056). A CSV of 100,000 requests is
 * about 45 MB and its copy a ninth of that; an XLSX is a zip already and gets none.
 */
async function writeEdition(week: IsoWeek, edition: ReportEdition, now: Date) {
  const { scope, sensitive } = editionScope(edition);
  const file = streamWeeklyReport({ week, scope, sensitive, locale: edition.locale, format: edition.format, now });
  const stored = await fileStore().put(file, { maxBytes: MAX_REPORT_BYTES });
  if (edition.format !== "csv") return { ...stored, gzipSha256: null, gzipSize: null };
  const gzip = await storeGzipCopy(stored.sha256);
  return { ...stored, gzipSha256: gzip.sha256, gzipSize: gzip.size };
}

/** The stored content, read back and stored again compressed (zlib's default level). */
async function storeGzipCopy(sha256: string) {
  const source = await fileStore().get(sha256, undefined, { chunkBytes: READ_CHUNK_BYTES });
  if (!source) throw new Error(`stored report file missing for ${sha256} right after it was stored`);
  // A failure on either side ends both, and the store's put then refuses.
  const compressed = pipeline(source, createGzip(), () => {});
  return fileStore().put(compressed, { maxBytes: MAX_REPORT_BYTES });
}

/** Read a stored report 1 MB at a time: a 38 MB CSV then goes out in a few dozen chunks, not hundreds (decision 042). */
const READ_CHUNK_BYTES = 1024 * 1024;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The version served now of a week's edition, or null when none was issued yet. */
function findCurrent(client: Tx | typeof db, week: string, edition: string) {
  return client.issuedReport.findFirst({ where: { week, edition, supersededAt: null }, orderBy: { version: "desc" }, select: issuedSelect });
}

/** Files being written in this process, so two downloads (or a download and the job) write one. */
const writing = new Map<string, Promise<IssuedRow>>();

/**
 * The first version of a week's edition: written, stored, and its row added, unless someone
 * else (this process, or another runner) got there first; then theirs, and ours is left to the
 * store's sweep (nothing names it).
 */
function issueFirst({
  week,
  edition,
  issuedBy,
  userId,
  now,
}: {
  week: IsoWeek;
  edition: ReportEdition;
  issuedBy: ReportIssue;
  userId: string | null;
  now: Date;
}) {
  const weekText = formatIsoWeek(week);
  const key = editionKey(edition);
  const inFlight = writing.get(`${weekText}|${key}`);
  if (inFlight) return inFlight;
  const issued = (async () => {
    const stored = await writeEdition(week, edition, now);
    try {
      return await db.$transaction(async (tx) => {
        const existing = await findCurrent(tx, weekText, key);
        if (existing) return existing;
        return tx.issuedReport.create({
          data: {
            week: weekText,
            edition: key,
            scope: edition.scope,
            clusterId: edition.clusterId,
            sensitive: edition.sensitive,
            locale: edition.locale,
            format: edition.format,
            version: 1,
            sha256: stored.sha256,
            size: stored.size,
            gzipSha256: stored.gzipSha256,
            gzipSize: stored.gzipSize,
            issuedBy,
            createdById: userId,
            createdAt: now,
          },
          select: issuedSelect,
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await findCurrent(db, weekText, key);
      if (!existing) throw error;
      return existing;
    }
  })().finally(() => writing.delete(`${weekText}|${key}`));
  writing.set(`${weekText}|${key}`, issued);
  return issued;
}

/**
 * A stored file opened for sending: `encoding` "gzip" when `stream` gives its gzip copy (the
 * client accepts gzip and the file has one), and `bytes`, how many `stream` gives.
 */
export type OpenedIssuedReport = IssuedFileRow & { fileName: string; stream: Readable; encoding: "gzip" | null; bytes: number };

/** Whether the client takes a gzip copy: what its request's Accept-Encoding says. */
type Delivery = { acceptsGzip: boolean };

async function open(file: IssuedFileRow, { acceptsGzip }: Delivery): Promise<OpenedIssuedReport> {
  const fileName = fileNameOf(file);
  if (acceptsGzip && file.gzipSha256 !== null && file.gzipSize !== null) {
    const stream = await fileStore().get(file.gzipSha256, undefined, { chunkBytes: READ_CHUNK_BYTES });
    // A copy gone from the store (restored from a backup without it) leaves the file itself.
    if (stream) return { ...file, fileName, stream, encoding: "gzip", bytes: file.gzipSize };
  }
  const stream = await fileStore().get(file.sha256, undefined, { chunkBytes: READ_CHUNK_BYTES });
  if (!stream) throw new Error(`stored report file missing for ${file.sha256} (${file.week} ${file.id} v${file.version})`);
  return { ...file, fileName, stream, encoding: null, bytes: file.size };
}

/**
 * A closed week's edition as issued, for a download: the version served now, or, when none was
 * written yet, the first one, written from the data now and stored (the downloader waits for it).
 */
export async function openIssuedReport({
  week,
  edition,
  userId,
  acceptsGzip,
  now = new Date(),
}: {
  week: IsoWeek;
  edition: ReportEdition;
  userId: string | null;
  now?: Date;
} & Delivery) {
  // Every download asks this first: one indexed row on the read-only connection (a file stored
  // and committed by anyone is seen by the next read).
  const current = await currentIssuedFile(formatIsoWeek(week), editionKey(edition));
  return open(current ?? fileOf(await issueFirst({ week, edition, issuedBy: "FIRST_DOWNLOAD", userId, now })), { acceptsGzip });
}

/** One issued file by its id, any version (the admin's list links to each). Null when there is none. */
export async function openIssuedReportById({ id, acceptsGzip }: { id: string } & Delivery) {
  const row = await db.issuedReport.findUnique({ where: { id }, select: issuedSelect });
  return row ? open(fileOf(row), { acceptsGzip }) : null;
}

/** Longer than this, a run of the scheduled jobs writes no further file (one is always written). */
const ISSUE_BUDGET_MS = 2_000;

/**
 * The scheduled job: once a week has closed, its editions (every scope, each active cluster
 * as its members and as staff get it, both languages, both formats) are written, each once.
 * A run writes files one after another until it has spent ISSUE_BUDGET_MS, so a large week
 * (an XLSX of 100,000 requests takes seconds) is spread over several runs and never holds up
 * the timed rules for long. Running twice, or on two runners at once, writes nothing twice.
 */
export async function issueClosedWeekReports({ now = new Date(), budgetMs = ISSUE_BUDGET_MS }: { now?: Date; budgetMs?: number } = {}) {
  const week = lastCompleteIsoWeek(now);
  const weekText = formatIsoWeek(week);
  const clusters = await listClusterChoices({ locale: "uk" });
  const issued = new Set(
    (await db.issuedReport.findMany({ where: { week: weekText }, select: { edition: true }, distinct: ["edition"] })).map((row) => row.edition),
  );
  const missing = scheduledEditions(clusters.map((c) => c.id)).filter((edition) => !issued.has(editionKey(edition)));
  const started = Date.now();
  let written = 0;
  for (const edition of missing) {
    if (written > 0 && Date.now() - started >= budgetMs) break;
    await issueFirst({ week, edition, issuedBy: "SCHEDULED", userId: null, now });
    written += 1;
  }
  return { week: weekText, written, left: missing.length - written };
}

/** Every file issued for a week, each edition's versions newest first (for the admin's list). */
export async function listIssuedReports({ week }: { week: IsoWeek }) {
  const rows = await db.issuedReport.findMany({
    where: { week: formatIsoWeek(week) },
    orderBy: [{ scope: "asc" }, { clusterId: "asc" }, { sensitive: "asc" }, { locale: "desc" }, { format: "desc" }, { version: "desc" }],
    select: issuedSelect,
  });
  return rows.map(withFileName);
}

export type RegenerateRefusal = "reportNotFound" | "reportSuperseded";

/**
 * An admin's regeneration: the edition written afresh from the data as it is now, stored as
 * the next version and served from then on; the version it replaces is kept, marked superseded,
 * and still downloadable by admins. Recorded in the admin's record in the same transaction.
 * Refused when the version given is not the one served now (someone regenerated it meanwhile).
 */
export async function regenerateIssuedReport({ id, reason, actorUserId, now = new Date() }: { id: string; reason: string; actorUserId: string; now?: Date }) {
  const current = await db.issuedReport.findUnique({ where: { id }, select: issuedSelect });
  if (!current) return refuse<RegenerateRefusal>("reportNotFound");
  if (current.supersededAt) return refuse<RegenerateRefusal>("reportSuperseded");
  const week = parseIsoWeek(current.week)!;
  const edition: ReportEdition = {
    scope: current.scope as ReportScopeKind,
    clusterId: current.clusterId,
    sensitive: current.sensitive as ReportEdition["sensitive"],
    locale: current.locale as Locale,
    format: current.format as ReportFormat,
  };
  const stored = await writeEdition(week, edition, now);
  try {
    return await db.$transaction(async (tx) => {
      const marked = await tx.issuedReport.updateMany({ where: { id, supersededAt: null }, data: { supersededAt: now } });
      if (marked.count !== 1) return refuse<RegenerateRefusal>("reportSuperseded");
      const next = await tx.issuedReport.create({
        data: {
          week: current.week,
          edition: current.edition,
          scope: current.scope,
          clusterId: current.clusterId,
          sensitive: current.sensitive,
          locale: current.locale,
          format: current.format,
          version: current.version + 1,
          sha256: stored.sha256,
          size: stored.size,
          gzipSha256: stored.gzipSha256,
          gzipSize: stored.gzipSize,
          issuedBy: "REGENERATED",
          createdById: actorUserId,
          reason,
          createdAt: now,
        },
        select: issuedSelect,
      });
      const regenerated = withFileName(next);
      await recordAdminChange(tx, {
        actorUserId,
        action: "report.regenerate",
        subjectType: "report",
        subjectId: next.id,
        subjectLabel: `${regenerated.fileName} (${next.locale})`,
        before: { version: current.version, sha256: current.sha256, size: current.size },
        after: { version: next.version, sha256: next.sha256, size: next.size, note: reason },
        now,
      });
      return { ok: true as const, issued: regenerated };
    });
  } catch (error) {
    // Another admin's regeneration took the next version number first.
    if (isUniqueViolation(error)) return refuse<RegenerateRefusal>("reportSuperseded");
    throw error;
  }
}
