// The admin's record as CSV: every entry the page's filter matches, newest first, streamed a
// batch at a time. Written like the weekly CSV: UTF-8 with a byte-order mark (Excel then reads
// the Cyrillic), ";" between fields in Ukrainian and "," in English, Kyiv times, and every text
// cell neutralised against formulas (spreadsheet-safety.ts).
import { auditActionLabel, auditChangesText, auditSubjectLabel } from "~/i18n/audit-format";
import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { translateStaff } from "~/i18n/staff-messages";
import { type AuditEntry, type AuditFilter, auditEntryBatches } from "./audit.server";
import { formatKyivDateTime } from "../sla/iso-week";
import { neutraliseCell } from "../report/spreadsheet-safety";

const HEADERS: MessageKey[] = [
  "audit.col.when",
  "audit.col.who",
  "audit.col.email",
  "audit.col.what",
  "audit.filter.kind",
  "audit.col.subject",
  "audit.col.changes",
  "audit.col.before",
  "audit.col.after",
];

export function auditCsvFileName(now = new Date()) {
  return `rrc-admin-audit-${formatKyivDateTime(now).slice(0, 10)}.csv`;
}

/** One row per entry, in the reader's language. */
function auditCsvRow(entry: AuditEntry, locale: Locale): string[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translateStaff(locale, key, params);
  const changes = auditChangesText(entry.before, entry.after, locale, t)
    .map((c) => `${c.field}: ${[c.before, c.after].filter(Boolean).join(" → ")}`)
    .join("; ");
  return [
    formatKyivDateTime(entry.createdAt),
    entry.actor?.name ?? t("audit.commandLine"),
    entry.actor?.email ?? "",
    auditActionLabel(entry.action, t),
    auditSubjectLabel(entry.subjectType, t),
    entry.subjectLabel,
    changes,
    entry.before ? JSON.stringify(entry.before) : "",
    entry.after ? JSON.stringify(entry.after) : "",
  ];
}

/** The CSV as a byte stream that fills as it is read. */
export function auditCsvStream({ filter, locale }: { filter: AuditFilter; locale: Locale }): ReadableStream<Uint8Array> {
  const delimiter = locale === "uk" ? ";" : ",";
  // RFC 4180: a field holding the delimiter, a quote or a line break is quoted, quotes doubled.
  const needsQuotes = locale === "uk" ? /[";\r\n]/ : /[",\r\n]/;
  const field = (value: string) => {
    const text = neutraliseCell(value);
    return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const line = (cells: string[]) => `${cells.map(field).join(delimiter)}\r\n`;
  const encoder = new TextEncoder();
  const batches = auditEntryBatches(filter);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${line(HEADERS.map((key) => translateStaff(locale, key)))}`));
        return;
      }
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((entry) => line(auditCsvRow(entry, locale))).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
