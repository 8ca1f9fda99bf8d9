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
import http from "node:http";
import Database from "better-sqlite3";
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

const sqlite = new Database(databasePath(undefined, "The intake floor"));
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 5000");

const iso = (date) => (date ? sqliteTimestamp(date) : null);

const requestColumns = new Set(sqlite.prepare(`SELECT name FROM pragma_table_info('Request')`).pluck().all());
// The registry row is made by the first filing; a filing never rewrites it (as in the app).
const insertEnterprise = sqlite.prepare(`
  INSERT INTO "Enterprise" ("id","edrpou","name","region","city","contactName","phone","email","createdAt","updatedAt")
  VALUES (@id,@edrpou,@name,@region,@city,@contactName,@phone,@email,@now,@now)
  ON CONFLICT ("edrpou") DO NOTHING`);
const enterpriseIdOf = sqlite.prepare(`SELECT "id" FROM "Enterprise" WHERE "edrpou" = ?`).pluck();
const openStatusList = OPEN_STATUSES.map((s) => `'${s}'`).join(",");
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
].filter((c) => requestColumns.has(c));
const insertRequest = sqlite.prepare(
  `INSERT INTO "Request" (${requestRowColumns.map((c) => `"${c}"`).join(",")}) VALUES (${requestRowColumns.map((c) => `@${c}`).join(",")})`,
);
const insertEvent = sqlite.prepare(`
  INSERT INTO "RequestEvent" ("id","requestId","action","actorType","toStatus","visibility","createdAt")
  VALUES (?, ?, 'submit', 'ENTERPRISE', 'NEW', 'PUBLIC', ?)`);

const createRequest = sqlite.transaction((input, tokenHash, now) => {
  const at = iso(now);
  insertEnterprise.run({
    id: newId(now.getTime()),
    edrpou: input.edrpou,
    name: input.enterpriseName,
    region: input.region,
    city: input.city,
    contactName: input.contactName,
    phone: input.phone,
    email: input.email,
    now: at,
  });
  const enterpriseId = enterpriseIdOf.get(input.edrpou);
  const possibleDuplicateOfId = findPossibleDuplicate.get(enterpriseId, input.category) ?? null;
  const year = referenceYear(now);
  const reference = formatReference(year, bumpCounter.get(year));
  const due = slaDueTimes({ createdAt: now, urgency: input.urgency, slaPausedMs: 0 });
  const keys = requestKeys({ status: "NEW", urgency: input.urgency, triagedAt: null, ...due, notAcceptedInTime: false });
  const id = newId(now.getTime());
  const row = {
    id,
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
    neededBy: input.neededBy ? iso(new Date(`${input.neededBy}T00:00:00Z`)) : null,
    status: "NEW",
    searchText: requestSearchText({ reference, ...input }),
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
    triageDueAt: iso(due.triageDueAt),
    resolveDueAt: iso(due.resolveDueAt),
    possibleDuplicateOfId,
    urgencyRank: keys.urgencyRank,
    statusRank: keys.statusRank,
    attentionRank: keys.attentionRank,
    nextDueAt: iso(keys.nextDueAt),
    dueSortAt: iso(keys.dueSortAt),
  };
  insertRequest.run(Object.fromEntries(requestRowColumns.map((c) => [c, row[c]])));
  insertEvent.run(newId(now.getTime()), id, at);
  return reference;
});

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
    sqlite.prepare("SELECT 1").get();
    return send(res, 200, { "Content-Type": "application/json" }, '{"status":"ok"}');
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
    try {
      createRequest(parsed.data, hashStatusToken(token), new Date());
    } catch (error) {
      console.error(error);
      return send(res, 500, {}, "error");
    }
    send(res, 303, { Location: `/s/${token}/submitted` });
  });
});

server.listen(port, host);
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => {
      sqlite.close();
      process.exit(0);
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
