// The CSV's floor, for bench/export.mjs: what writing a file of the same requests costs on this
// machine before any of the weekly report's own work. A bare better-sqlite3 read of the same
// requests (filed before now, in the order stored, enterprises joined), taking as many values
// per row as the report's CSV has columns, all of them the request's own stored columns, joined
// with ";" as they come, and written to a file in chunks as the app writes it (UTF-8, BOM).
// Nothing else: no status history, no SLA replay, no labels, no Kyiv dates, no quoting or
// neutralising. Prints, as JSON on stdout, the time from the first query to the file closed,
// the file's size and rows, and the process's peak resident memory.
// With --with-changes, each row also reads the request's status changes as the report reads
// them (packed by SQLite into one text per request from the covering index, decision 043) and
// writes the same 25 values: what any report that replays the audit trail must read at least.
// Given a postgresql:// URL instead of a file, the same read on PostgreSQL through `pg` (the
// driver under the app's Prisma adapter), a thousand rows a fetch from a cursor, every value as
// the text PostgreSQL sends, in the order the report reads it there (filing time, then id).
//   node bench/export-floor.mjs <database file | postgresql:// URL> <out file> [--with-changes]
import fs from "node:fs";
import { finished } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";

const [file, out, option] = process.argv.slice(2);
if (!file || !out || (option !== undefined && option !== "--with-changes")) {
  console.error("usage: node bench/export-floor.mjs <database file | postgresql:// URL> <out file> [--with-changes]");
  process.exit(2);
}
const withChanges = option === "--with-changes";

// The report's own read of a request's changes (app/data/report-snapshot.server.ts).
// With the lines (decision 055): each change's line, the lines split off or joined away, and the
// request's lines (filed or split off, and whose each is now).
const CHANGES = `(SELECT group_concat(x."action" || ' ' || ifnull(x."fromStatus", '') || ' ' || ifnull(x."toStatus", '') || ' ' || ifnull(x."clusterId", '') || ' ' || x."createdAt" || ' ' || ifnull(x."lineId", ''), ' ' ORDER BY x."createdAt", x."rowid")
    FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."createdAt" < @end AND (x."toStatus" IS NOT NULL OR x."action" IN ('splitLine', 'joinLines'))),
  (SELECT group_concat(CASE WHEN l."createdAt" = r."createdAt" THEN 'f' ELSE 's' END || ifnull(l."clusterId", ''), ' ' ORDER BY l."position")
    FROM "RequestLine" l WHERE l."requestId" = r."id")`;

// 25 values, as the staff CSV's 24 columns and the sensitive details (and the changes, read).
const SQL = `
  SELECT r."reference", r."createdAt", e."name", e."edrpou", r."region", r."city", r."category", r."urgency", r."title",
         r."status", r."assignedClusterId", r."lastActivityAt", r."triagedAt", r."assignedAt", r."acceptedAt", r."resolvedAt",
         r."closedAt", r."triageDueAt", r."resolveDueAt", r."slaPausedMs", r."notAcceptedInTime", r."nextDueAt",
         r."dueSortAt", r."version", r."sensitiveDetails"${withChanges ? `, ${CHANGES}` : ""}
  FROM "Request" r JOIN "Enterprise" e ON e."id" = r."enterpriseId"
  WHERE r."createdAt" < @end
  ORDER BY r."rowid"`;

/** The 25 values of each request, in batches, as the engine gives them. */
async function* requestRows() {
  const end = new Date();
  if (!file.startsWith("postgres")) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      yield* db
        .prepare(SQL)
        .raw()
        .iterate({ end: end.toISOString().replace("Z", "+00:00") });
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: file, types: { getTypeParser: () => (text) => text } });
  await client.connect();
  try {
    const changes = `(SELECT string_agg(x."action" || ' ' || coalesce(x."fromStatus"::text, '') || ' ' || coalesce(x."toStatus"::text, '') || ' ' || coalesce(x."clusterId", '') || ' ' || x."createdAt" || ' ' || coalesce(x."lineId", ''), ' ' ORDER BY x."createdAt", x."id")
      FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."createdAt" < $1 AND (x."toStatus" IS NOT NULL OR x."action" IN ('splitLine', 'joinLines'))),
      (SELECT string_agg(CASE WHEN l."createdAt" = r."createdAt" THEN 'f' ELSE 's' END || coalesce(l."clusterId", ''), ' ' ORDER BY l."position")
        FROM "RequestLine" l WHERE l."requestId" = r."id")`;
    const sql = SQL.replace(CHANGES, changes).replace(/@end/g, "$1").replace(`ORDER BY r."rowid"`, `ORDER BY r."createdAt", r."id"`);
    await client.query("BEGIN");
    await client.query(`DECLARE "rows" NO SCROLL CURSOR FOR ${sql}`, [end.toISOString()]);
    for (;;) {
      const { rows: batch } = await client.query({ text: `FETCH 1000 FROM "rows"`, rowMode: "array" });
      yield* batch;
      if (batch.length < 1000) break;
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

const started = performance.now();
const output = fs.createWriteStream(out);
let chunk = "\uFEFF";
let rows = 0;
let changeChars = 0;
for await (const row of requestRows()) {
  if (withChanges) {
    row.pop(); // the lines filed
    changeChars += row.pop()?.length ?? 0;
  }
  chunk += `${row.join(";")}\r\n`;
  rows++;
  if (chunk.length >= 256 * 1024) {
    if (!output.write(chunk)) await new Promise((resolve) => output.once("drain", resolve));
    chunk = "";
  }
}
output.end(chunk);
await finished(output);
const ms = performance.now() - started;
const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? NaN);
console.log(JSON.stringify({ ms, bytes: fs.statSync(out).size, rows: { requests: rows }, changeChars, peakRssMb: peakKb / 1024 }));
