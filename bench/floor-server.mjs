// The floor for the intake benchmark: a bare node:http server doing the same work as the
// app's intake action and nothing else. Parse the urlencoded body, validate it with the app's
// own IntakeSchema, write the same rows as createRequest (the registry row on first filing,
// possible-duplicate look-up, reference counter, the request with the details as filed and its
// derived columns, first event) in one better-sqlite3 transaction with the app's pragmas (WAL,
// synchronous=FULL, foreign keys, 5 s busy timeout), answer 303.
//
// The schema and every derived value (ids, reference, token, due times, sort keys, search text,
// stored details, timestamps) are the app's own pure modules, imported through tsx: run it as
// `node --import tsx bench/floor-server.mjs` (bench/intake.mjs does). What it leaves out is the
// framework: Express, Remix, conform, Prisma. Env: PORT, HOST, DATABASE_URL.
// GET /healthz answers 200 once the database is open.
//
// With DATABASE_URL=postgresql://… the same rows go to PostgreSQL in one transaction per filing
// through node-postgres (`pg`, the driver under the app's Prisma adapter), from a pool of as many
// connections as the app's (pg's default, 10).
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { databasePath } from "../app/config/database-url.mjs";
import { sqliteTimestamp } from "../app/data/sqlite-time.ts";
import { categoryDetails } from "../app/domain/requests/category-details.ts";
import { formatReference, referenceYear } from "../app/domain/enterprises/identifiers.ts";
import { requestKeys } from "../app/domain/requests/request-keys.ts";
import { requestSearchText } from "../app/domain/queue/search.ts";
import { slaDueTimes } from "../app/domain/sla/sla.ts";
import { OPEN_STATUSES } from "../app/domain/requests/state-machine.ts";
import { hashStatusToken, newStatusToken } from "../app/domain/auth/tokens.server.ts";
import { HONEYPOT_FIELD, IntakeSchema, withoutOtherCategoryFields } from "../app/schemas/intake.ts";
import { newId } from "../app/utils/ids.server.ts";

/** server.mjs's limit on a form's body. */
const MAX_BODY_BYTES = 256 * 1024;
const port = Number(process.env.PORT ?? 3100);
const host = process.env.HOST ?? "127.0.0.1";

const onPostgres = (process.env.DATABASE_URL ?? "").startsWith("postgres");
const openStatusList = OPEN_STATUSES.map((s) => `'${s}'`).join(",");
const iso = (date) => (date ? sqliteTimestamp(date) : null);

const requestRowColumns = [
  "id",
  "reference",
  "statusTokenHash",
  "enterpriseId",
  "enterpriseName",
  "contactName",
  "phone",
  "email",
  "category",
  "urgency",
  "title",
  "description",
  "details",
  "sensitiveDetails",
  "region",
  "city",
  "neededBy",
  "status",
  "searchText",
  "createdAt",
  "updatedAt",
  "lastActivityAt",
  "triageDueAt",
  "resolveDueAt",
  "possibleDuplicateOfId",
  "urgencyRank",
  "statusRank",
  "attentionRank",
  "nextDueAt",
  "dueSortAt",
];
/** The request's row as createRequest writes it; `at` gives a time in the engine's form. */
function requestRow({ input, tokenHash, now, enterpriseId, possibleDuplicateOfId, reference, at }) {
  const due = slaDueTimes({ createdAt: now, urgency: input.urgency, slaPausedMs: 0 });
  const keys = requestKeys({ status: "NEW", urgency: input.urgency, triagedAt: null, ...due, notAcceptedInTime: false });
  return {
    id: newId(now.getTime()),
    reference,
    statusTokenHash: tokenHash,
    enterpriseId,
    enterpriseName: input.enterpriseName,
    contactName: input.contactName,
    phone: input.phone,
    email: input.email,
    category: input.category,
    urgency: input.urgency,
    title: input.title,
    description: input.description,
    ...categoryDetails(input),
    region: input.region,
    city: input.city,
    neededBy: input.neededBy ? at(new Date(`${input.neededBy}T00:00:00Z`)) : null,
    status: "NEW",
    searchText: requestSearchText({ reference, ...input }),
    createdAt: at(now),
    updatedAt: at(now),
    lastActivityAt: at(now),
    triageDueAt: at(due.triageDueAt),
    resolveDueAt: at(due.resolveDueAt),
    possibleDuplicateOfId,
    urgencyRank: keys.urgencyRank,
    statusRank: keys.statusRank,
    attentionRank: keys.attentionRank,
    nextDueAt: at(keys.nextDueAt),
    dueSortAt: at(keys.dueSortAt),
  };
}

const enterpriseRow = (input, now, at) => ({
  id: newId(now.getTime()),
  edrpou: input.edrpou,
  name: input.enterpriseName,
  region: input.region,
  city: input.city,
  contactName: input.contactName,
  phone: input.phone,
  email: input.email,
  now: at(now),
});

/** SQLite: one better-sqlite3 transaction with the app's pragmas. */
function sqliteFloor() {
  const sqlite = new Database(databasePath(undefined, "The intake floor"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const requestColumns = new Set(sqlite.prepare(`SELECT name FROM pragma_table_info('Request')`).pluck().all());
  const columns = requestRowColumns.filter((c) => requestColumns.has(c));
  // The registry row is made by the first filing; a filing never rewrites it (as in the app).
  const insertEnterprise = sqlite.prepare(`
    INSERT INTO "Enterprise" ("id","edrpou","name","region","city","contactName","phone","email","createdAt","updatedAt")
    VALUES (@id,@edrpou,@name,@region,@city,@contactName,@phone,@email,@now,@now)
    ON CONFLICT ("edrpou") DO NOTHING`);
  const enterpriseIdOf = sqlite.prepare(`SELECT "id" FROM "Enterprise" WHERE "edrpou" = ?`).pluck();
  const findPossibleDuplicate = sqlite
    .prepare(
      `SELECT "id" FROM "Request" WHERE "enterpriseId" = ? AND "category" = ? AND "status" IN (${openStatusList})
       ORDER BY "createdAt" ASC LIMIT 1`,
    )
    .pluck();
  const bumpCounter = sqlite
    .prepare(
      `INSERT INTO "ReferenceCounter" ("year","last") VALUES (?, 1)
       ON CONFLICT ("year") DO UPDATE SET "last" = "last" + 1 RETURNING "last"`,
    )
    .pluck();
  const insertRequest = sqlite.prepare(`INSERT INTO "Request" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map((c) => `@${c}`).join(",")})`);
  // Its one line (issue #17): what a filing must store since requests hold lines.
  const insertLine = sqlite.prepare(`
    INSERT INTO "RequestLine" ("id","requestId","position","category","details","sensitiveDetails","status","createdAt","updatedAt")
    VALUES (@id || '.1', @id, 1, @category, @details, @sensitiveDetails, 'OPEN', @createdAt, @createdAt)`);
  const insertEvent = sqlite.prepare(`
    INSERT INTO "RequestEvent" ("id","requestId","action","actorType","toStatus","visibility","createdAt")
    VALUES (?, ?, 'submit', 'ENTERPRISE', 'NEW', 'PUBLIC', ?)`);
  const create = sqlite.transaction((input, tokenHash, now) => {
    insertEnterprise.run(enterpriseRow(input, now, iso));
    const enterpriseId = enterpriseIdOf.get(input.edrpou);
    const possibleDuplicateOfId = findPossibleDuplicate.get(enterpriseId, input.category) ?? null;
    const year = referenceYear(now);
    const reference = formatReference(year, bumpCounter.get(year));
    const row = requestRow({ input, tokenHash, now, enterpriseId, possibleDuplicateOfId, reference, at: iso });
    insertRequest.run(Object.fromEntries(columns.map((c) => [c, row[c]])));
    insertLine.run({ id: row.id, category: row.category, details: row.details, sensitiveDetails: row.sensitiveDetails, createdAt: row.createdAt });
    insertEvent.run(newId(now.getTime()), row.id, iso(now));
    return reference;
  });
  return {
    create: async (input, tokenHash, now) => create(input, tokenHash, now),
    ping: async () => sqlite.prepare("SELECT 1").get(),
    close: async () => sqlite.close(),
  };
}

/** PostgreSQL: the same statements, one transaction per filing on a pooled connection. */
function postgresFloor() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  // "createdAt" and the other times hold UTC (timestamp without time zone), as Prisma writes them.
  const at = (date) => (date ? date.toISOString() : null);
  const insertRequest = `INSERT INTO "Request" (${requestRowColumns.map((c) => `"${c}"`).join(",")}) VALUES (${requestRowColumns.map((_, i) => `$${i + 1}`).join(",")})`;
  const create = async (input, tokenHash, now) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const e = enterpriseRow(input, now, at);
      await client.query(
        `INSERT INTO "Enterprise" ("id","edrpou","name","region","city","contactName","phone","email","createdAt","updatedAt")
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) ON CONFLICT ("edrpou") DO NOTHING`,
        [e.id, e.edrpou, e.name, e.region, e.city, e.contactName, e.phone, e.email, e.now],
      );
      const enterpriseId = (await client.query(`SELECT "id" FROM "Enterprise" WHERE "edrpou" = $1`, [input.edrpou])).rows[0].id;
      const duplicate = await client.query(
        `SELECT "id" FROM "Request" WHERE "enterpriseId" = $1 AND "category" = $2 AND "status" IN (${openStatusList}) ORDER BY "createdAt" ASC LIMIT 1`,
        [enterpriseId, input.category],
      );
      const year = referenceYear(now);
      const counted = await client.query(
        `INSERT INTO "ReferenceCounter" ("year","last") VALUES ($1, 1)
         ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1 RETURNING "last"`,
        [year],
      );
      const reference = formatReference(year, counted.rows[0].last);
      const row = requestRow({ input, tokenHash, now, enterpriseId, possibleDuplicateOfId: duplicate.rows[0]?.id ?? null, reference, at });
      await client.query(
        insertRequest,
        requestRowColumns.map((c) => row[c]),
      );
      await client.query(
        `INSERT INTO "RequestLine" ("id","requestId","position","category","details","sensitiveDetails","status","createdAt","updatedAt")
         VALUES ($1 || '.1', $1, 1, $2, $3, $4, 'OPEN', $5, $5)`,
        [row.id, row.category, row.details, row.sensitiveDetails, row.createdAt],
      );
      await client.query(
        `INSERT INTO "RequestEvent" ("id","requestId","action","actorType","toStatus","visibility","createdAt")
         VALUES ($1, $2, 'submit', 'ENTERPRISE', 'NEW', 'PUBLIC', $3)`,
        [newId(now.getTime()), row.id, at(now)],
      );
      await client.query("COMMIT");
      return reference;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return { create, ping: () => pool.query("SELECT 1"), close: () => pool.end() };
}

const floor = onPostgres ? postgresFloor() : sqliteFloor();

/**
 * The form as the intake action hands it to the schema: the other categories' fields dropped (the
 * app's own withoutOtherCategoryFields), then what conform's parseWithZod does: "" is absent,
 * "on" is true, arrays stay arrays.
 */
function formToInput(params) {
  const form = new FormData();
  for (const [name, v] of params) form.append(name, v);
  const value = {};
  for (const [name, v] of withoutOtherCategoryFields(form)) {
    if (name === HONEYPOT_FIELD || v === "") continue;
    if (name === "destinationRegions") (value[name] ??= []).push(v);
    else if (name === "consent") value[name] = v === "on";
    else value[name] = v;
  }
  return value;
}

function send(res, status, headers = {}, body = "") {
  res.writeHead(status, { "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    floor.ping().then(
      () => send(res, 200, { "Content-Type": "application/json" }, '{"status":"ok"}'),
      () => send(res, 503, {}, "database"),
    );
    return;
  }
  if (req.method !== "POST" || req.url !== "/requests/new") return send(res, 404, {}, "Not found");
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return send(res, 413, {}, "Too large");
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on("end", () => {
    if (size > MAX_BODY_BYTES) return send(res, 413, {}, "Too large");
    const params = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const honeypot = params.get(HONEYPOT_FIELD);
    if (honeypot) return send(res, 400, {}, "spam");
    const parsed = IntakeSchema.safeParse(formToInput(params));
    if (!parsed.success) return send(res, 400, { "Content-Type": "application/json" }, JSON.stringify(parsed.error.issues));
    const token = newStatusToken();
    floor.create(parsed.data, hashStatusToken(token), new Date()).then(
      () => send(res, 303, { Location: `/s/${token}/submitted` }),
      (error) => {
        console.error(error);
        send(res, 500, {}, "error");
      },
    );
  });
});

server.listen(port, host);
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => {
      floor.close().finally(() => process.exit(0));
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
