// The floor for the intake benchmark: a bare node:http server doing the same work as the
// app's intake action and nothing else. Parse the urlencoded body, validate it with the app's
// own IntakeSchema, write the same rows as createRequest (the registry row on first filing,
// possible-duplicate look-up, reference counter, the request with the details as filed and its
// derived columns, first event) in one better-sqlite3 transaction with the app's pragmas (WAL,
// synchronous=FULL, foreign keys, 5 s busy timeout), answer 303.
//
// The schema and every derived value come from the app's own domain code in
// bench/.tmp/floor-domain.bundle.mjs (bench/domain.mjs bundles bench/floor-domain.mjs). Env: PORT, HOST, DATABASE_URL.
// GET /healthz answers 200 once the database is open.
import { randomBytes } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { databasePath } from "../app/config/database-url.mjs";
import { domain } from "./.tmp/floor-domain.bundle.mjs";

const {
  IntakeSchema,
  CATEGORY_FIELDS,
  HONEYPOT_FIELD,
  OPEN_STATUSES,
  categoryDetails,
  requestKeys,
  requestSearchText,
  slaDueTimes,
  newStatusToken,
  hashStatusToken,
} = domain;

const MAX_BODY_BYTES = 256 * 1024;
const port = Number(process.env.PORT ?? 3100);
const host = process.env.HOST ?? "127.0.0.1";

const sqlite = new Database(databasePath());
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 5000");

/** Prisma stores DateTime as ISO 8601 text with "+00:00". */
const iso = (date) => (date ? date.toISOString().replace("Z", "+00:00") : null);

let idCounter = 0;
const idTail = () => randomBytes(8).toString("hex").replace(/[^0-9a-z]/g, "").slice(0, 8).padEnd(8, "0");
/** A cuid-shaped id (25 characters, starts with "c"), as Prisma's @default(cuid()) makes. */
const cuid = () =>
  `c${Date.now().toString(36)}${(idCounter++ % 1679616).toString(36).padStart(4, "0")}${idTail()}`.slice(0, 25).padEnd(25, "0");

const kyivYearFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Kyiv", year: "numeric" });
const formatReference = (year, sequence) => `RRC-${year}-${String(sequence).padStart(6, "0")}`;

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
  "id", "reference", "statusTokenHash", "enterpriseId", "enterpriseName", "contactName", "phone", "email", "category", "urgency",
  "title", "description", "details", "sensitiveDetails", "region", "city", "neededBy", "status", "searchText",
  "createdAt", "updatedAt", "lastActivityAt", "triageDueAt", "resolveDueAt", "possibleDuplicateOfId",
  "urgencyRank", "statusRank", "attentionRank", "nextDueAt", "dueSortAt",
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
    id: cuid(),
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
  const year = Number(kyivYearFormat.format(now));
  const reference = formatReference(year, bumpCounter.get(year));
  const due = slaDueTimes({ createdAt: now, urgency: input.urgency, slaPausedMs: 0 });
  const keys = requestKeys({ status: "NEW", urgency: input.urgency, triagedAt: null, ...due, notAcceptedInTime: false });
  const id = cuid();
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
    neededBy: input.neededBy ? `${input.neededBy}T00:00:00.000+00:00` : null,
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
  insertEvent.run(cuid(), id, at);
  return reference;
});

/** What conform's parseWithZod hands the schema: "" is absent, "on" is true, arrays stay arrays. */
function formToInput(params) {
  const chosen = params.get("category");
  const foreign = new Set(
    Object.entries(CATEGORY_FIELDS)
      .filter(([category]) => category !== chosen)
      .flatMap(([, fields]) => fields),
  );
  const value = {};
  for (const [name, v] of params) {
    if (foreign.has(name) || name === HONEYPOT_FIELD || v === "") continue;
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
