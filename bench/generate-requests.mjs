// Fills a migrated, seeded database (scripts/db-setup.mjs with the demo seed: 13 clusters and
// the demo users) with `count` realistic requests, fast: raw better-sqlite3 prepared
// statements in large transactions, no Prisma. For the queue and export benchmarks.
//
//   import { generateRequests } from "./generate-requests.mjs";
//   generateRequests("bench/.tmp/big.db", 100_000);          // → { requests, events, ms, … }
//   node --import tsx bench/generate-requests.mjs <db file> [count] [--setup]   (--setup: db-setup with seed first)
//
// What it writes, like the app would have (same column formats as Prisma: DateTime as ISO text
// with "+00:00", booleans 0/1, enums as text):
// - Enterprises with valid codes (8-digit EDRPOU with its check digit; 1 in 10 a sole
//   proprietor's 10-digit RNOKPP), about 0.6 per request (some file several requests).
// - Requests over the last 12 weeks, all statuses, categories, urgencies and regions; the
//   status follows from age (recent ones early in their life, as the demo seed does). Each
//   status is reached by a path the state machine allows (app/domain/requests/state-machine.ts), and
//   the request carries what that path sets: triagedAt/assignedAt/acceptedAt/resolvedAt/
//   closedAt, assignedClusterId (a cluster with the category's capability) for ASSIGNED,
//   IN_PROGRESS, RESOLVED and CLOSED, ownerId (the triaging coordinator; a fifth of the NEW
//   requests taken by one before triage, with their `take` event), slaPausedAt for
//   NEEDS_INFO, duplicateOfId for DUPLICATE, version = number of transitions, and
//   lastActivityAt/updatedAt = the last event. SLA due times by the app's slaDueTimes() and
//   acceptDueAt() with DEFAULT_SLA_TARGETS (app/domain/sla/sla.ts): triageDueAt, resolveDueAt, and
//   acceptDueAt while ASSIGNED (null in every other status, as the app clears it).
// - The sort keys: urgencyRank, statusRank, attentionRank, nextDueAt and dueSortAt from the app's
//   requestKeys() (app/domain/requests/request-keys.ts).
// - references as formatReference()/referenceYear() make them (app/domain/enterprises/identifiers.ts:
//   RRC-YYYY-NNNNNN, the Kyiv year of createdAt) continuing ReferenceCounter, which is
//   updated; statusTokenHash = SHA-256 of a token derived from the reference
//   (benchStatusToken(reference) opens /s/<token> in later benchmarks); searchText as
//   requestSearchText() in app/domain/queue/search.ts; possibleDuplicateOfId as createRequest sets it.
// - 1 to 5 RequestEvents per request, one per transition, actors and visibility as the state
//   machine says. (CLOSED needs five: submit, assign, accept, resolve, confirm/close/autoClose;
//   every other status takes one to four.)
// - A message from the enterprise (enterpriseMessage) on about one request in four, at a moment
//   its status allows one. Unread marks (RequestUnread) for what the enterprise did after filing
//   (such a message or a confirmation): each coordinator has left unread about one in ten of
//   the requests the enterprise touched in the last two weeks and one in a hundred older ones.
//
// The rules are the app's own modules, imported through tsx (`node --import tsx`, as
// `npm run bench` runs): the SLA targets and due times, the statuses and what each action leads
// to, the sort keys (requestKeys), the search text, the stored category details, the reference
// and the EDRPOU/RNOKPP check digits. Only the mix of data (weights, names, titles) is the
// generator's.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { categoryDetails } from "../app/domain/requests/category-details.ts";
import { completeEdrpou, formatReference, isValidRnokpp, referenceYear } from "../app/domain/enterprises/identifiers.ts";
import { requestKeys } from "../app/domain/requests/request-keys.ts";
import { requestSearchText } from "../app/domain/queue/search.ts";
import { DEFAULT_SLA_TARGETS, acceptDueAt, slaDueTimes } from "../app/domain/sla/sla.ts";
import { STATUSES, TRANSITIONS } from "../app/domain/requests/state-machine.ts";
import { INDUSTRIES } from "../tests/industries.ts";

const HOUR = 3_600_000;
/** Coordinators the requests' owners are spread over (the demo seed has two; more are added). */
const BENCH_COORDINATORS = 8;
const DAY = 24 * HOUR;

/** What each generated action leads to and who may read it (the state machine's TRANSITIONS), and its text. */
const MESSAGES = {
  requestInfo: "Уточніть, будь ласка, обсяги та терміни.",
  resolve: "Кластер знайшов виконавця, допомогу надано.",
  reject: "Запит поза межами роботи Центру.",
  markDuplicate: "Той самий запит уже в роботі.",
};
const ACTIONS = Object.fromEntries(
  ["submit", "triage", "requestInfo", "assign", "accept", "resolve", "confirm", "close", "autoClose", "reject", "markDuplicate"].map((action) => [
    action,
    { to: TRANSITIONS[action].to, visibility: TRANSITIONS[action].visibility, message: MESSAGES[action] },
  ]),
);

// Taxonomy (app/domain/taxonomy.ts) with a rough real-world mix.
const CATEGORY_WEIGHTS = {
  SUPPLIES: 18,
  EQUIPMENT: 15,
  ENERGY: 13,
  RELOCATION: 11,
  LOGISTICS: 10,
  DEFENCE_ORDER: 9,
  WORKFORCE: 8,
  FINANCE: 8,
  EXPORT: 5,
  OTHER: 3,
};
const URGENCY_WEIGHTS = { CRITICAL: 10, HIGH: 30, NORMAL: 45, LOW: 15 };
/** Enterprises' industries: the test factories' list, and one in eleven as filed before the intake asked (none). */
const INDUSTRY_MIX = [...INDUSTRIES, null];
const REGION_CITIES = {
  "UA-71": ["Черкаси", "Умань", "Сміла"],
  "UA-74": ["Чернігів", "Ніжин", "Прилуки"],
  "UA-77": ["Чернівці", "Хотин"],
  "UA-12": ["Дніпро", "Кривий Ріг", "Кам'янське", "Павлоград"],
  "UA-14": ["Краматорськ", "Слов'янськ", "Дружківка"],
  "UA-26": ["Івано-Франківськ", "Калуш", "Коломия"],
  "UA-63": ["Харків", "Лозова", "Чугуїв"],
  "UA-65": ["Херсон", "Олешки"],
  "UA-68": ["Хмельницький", "Кам'янець-Подільський", "Шепетівка"],
  "UA-35": ["Кропивницький", "Олександрія"],
  "UA-32": ["Біла Церква", "Бровари", "Бориспіль", "Фастів"],
  "UA-09": ["Сєвєродонецьк"],
  "UA-46": ["Львів", "Дрогобич", "Стрий", "Червоноград"],
  "UA-48": ["Миколаїв", "Вознесенськ", "Первомайськ"],
  "UA-51": ["Одеса", "Ізмаїл", "Чорноморськ"],
  "UA-53": ["Полтава", "Кременчук", "Лубни"],
  "UA-56": ["Рівне", "Дубно", "Вараш"],
  "UA-59": ["Суми", "Шостка", "Конотоп"],
  "UA-61": ["Тернопіль", "Чортків"],
  "UA-05": ["Вінниця", "Жмеринка", "Могилів-Подільський"],
  "UA-07": ["Луцьк", "Ковель", "Нововолинськ"],
  "UA-21": ["Ужгород", "Мукачево", "Берегове"],
  "UA-23": ["Запоріжжя", "Мелітополь"],
  "UA-18": ["Житомир", "Бердичів", "Коростень"],
  "UA-30": ["Київ"],
  "UA-43": ["Сімферополь"],
  "UA-40": ["Севастополь"],
};
const REGION_WEIGHTS = {
  "UA-30": 14,
  "UA-12": 9,
  "UA-63": 9,
  "UA-46": 7,
  "UA-32": 6,
  "UA-51": 5,
  "UA-23": 5,
  "UA-48": 4,
  "UA-14": 4,
  "UA-05": 4,
  "UA-53": 4,
  "UA-59": 3,
  "UA-68": 3,
  "UA-18": 3,
  "UA-71": 2,
  "UA-74": 2,
  "UA-26": 2,
  "UA-56": 2,
  "UA-35": 2,
  "UA-61": 2,
  "UA-07": 2,
  "UA-21": 2,
  "UA-77": 2,
  "UA-65": 2,
  "UA-09": 1,
  "UA-43": 0.2,
  "UA-40": 0.2,
};
const TITLES = {
  RELOCATION: [
    "Перемістити цех з прифронтової зони",
    "Релокація лінії механообробки",
    "Потрібне приміщення для виробництва",
    "Переїзд складу готової продукції",
    "Шукаємо майданчик для релокації",
  ],
  SUPPLIES: ["Потрібен листовий прокат", "Бракує тканини для пошиття", "Пошук постачальника комплектуючих", "Потрібна фанера та ДСП", "Дефіцит підшипників"],
  DEFENCE_ORDER: [
    "Готові виконати оборонне замовлення",
    "Виробництво комплектуючих для ЗСУ",
    "Пошив спорядження",
    "Виготовлення металоконструкцій для фортифікацій",
  ],
  LOGISTICS: ["Перевезення обладнання", "Потрібен склад на заході країни", "Доставка сировини", "Потрібен рефрижератор"],
  ENERGY: ["Потрібен генератор для цеху", "Резервне живлення виробництва", "Підключення до мережі після обстрілу", "Сонячна станція на дах цеху"],
  EQUIPMENT: ["Ремонт верстатів з ЧПК", "Потрібен прес", "Заміна пошкодженого обладнання", "Потрібен зварювальний напівавтомат"],
  WORKFORCE: ["Потрібні зварювальники", "Навчання нових працівників", "Пошук інженерів-технологів", "Перекваліфікація ветеранів"],
  FINANCE: ["Пошук грантового фінансування", "Кредит на відновлення", "Страхування воєнних ризиків", "Компенсація за зруйноване майно"],
  EXPORT: ["Вихід на ринок ЄС", "Сертифікація для експорту", "Пошук партнерів за кордоном", "Участь у виставці в Польщі"],
  OTHER: ["Консультація щодо документів", "Інше питання підприємства", "Потрібна порада", "Питання щодо бронювання працівників"],
};
const SENTENCES = [
  "Підприємство працює попри обстріли.",
  "Після удару 14 числа пошкоджено дах цеху та частину обладнання.",
  "Маємо замовлення на три місяці вперед, але бракує ресурсів.",
  "Працює 120 людей, половина — внутрішньо переміщені особи.",
  "Потрібно якнайшвидше, бо зупиняється основна лінія.",
  "Готові розділити витрати або виконати роботи власними силами.",
  "Обсяги: близько 20 тонн на місяць, можлива поставка партіями.",
  "Електропостачання переривається по 8–10 годин на добу.",
  "Розглядаємо Львівську, Закарпатську або Волинську області.",
  "Документи та фото пошкоджень надішлемо на запит.",
  "Співпрацюємо з місцевою військовою адміністрацією.",
  "Шукаємо партнера серед учасників кластера.",
];
const NAME_A = [
  "Граніт",
  "Світанок",
  "Поділля",
  "Дніпро",
  "Карпати",
  "Сокіл",
  "Ятрань",
  "Слобожанщина",
  "Сіверськ",
  "Берегиня",
  "Інтегра",
  "Техмаш",
  "Азов",
  "Полісся",
  "Таврія",
  "Оріон",
  "Галичина",
  "Буковина",
  "Вектор",
  "Прометей",
];
const NAME_B = ["Метал", "Агро", "Пром", "Текстиль", "Машбуд", "Енерго", "Логістик", "Фарм", "Меблі", "Електро", "Пласт", "Харчпром", "Буд", "Трейд", "Сервіс"];
const FORMS = ["ТОВ", "ТОВ", "ТОВ", "ПрАТ", "ПП", "АТ", "ВКФ"];
const FIRST = [
  "Олена",
  "Андрій",
  "Ірина",
  "Микола",
  "Тетяна",
  "Сергій",
  "Оксана",
  "Василь",
  "Наталія",
  "Богдан",
  "Юлія",
  "Дмитро",
  "Галина",
  "Олег",
  "Марія",
  "Ігор",
];
const LAST = [
  "Коваленко",
  "Шевчук",
  "Бондар",
  "Мельник",
  "Ткаченко",
  "Кравець",
  "Олійник",
  "Савчук",
  "Руденко",
  "Гончар",
  "Лисенко",
  "Марченко",
  "Поліщук",
  "Ковальчук",
];
/** tests/factories.ts: the same status mix as the demo seed, and the early statuses of fresh requests. */
const STATUS_MIX = [
  "NEW",
  "NEW",
  "NEW",
  "TRIAGED",
  "TRIAGED",
  "NEEDS_INFO",
  "ASSIGNED",
  "ASSIGNED",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "RESOLVED",
  "CLOSED",
  "CLOSED",
  "CLOSED",
  "CLOSED",
  "REJECTED",
  "DUPLICATE",
];
const EARLY_MIX = ["NEW", "NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED"];

/** mulberry32, as seededRandom() in tests/factories.ts */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid EDRPOU from 7 digits (identifiers.ts completeEdrpou; null where no check digit fits). */
function edrpouFrom(first7) {
  try {
    return completeEdrpou(first7);
  } catch {
    return null;
  }
}
/** A valid RNOKPP from 9 digits: the one check digit isValidRnokpp accepts. */
function completeRnokpp(first9) {
  for (let d = 0; d <= 9; d++) if (isValidRnokpp(`${first9}${d}`)) return `${first9}${d}`;
  return null;
}

/** The private status token the generator used for a reference (to open /s/<token>). */
export function benchStatusToken(reference) {
  return createHash("sha256").update(`rrc-bench:${reference}`).digest("base64url");
}
const sha256Hex = (text) => createHash("sha256").update(text).digest("hex");

/** Prisma's DateTime text in SQLite ("2026-11-24T10:44:24.494+00:00"); the day part is cached. */
const isoDays = new Map();
const pad = (n, width) => String(n).padStart(width, "0");
function iso(ms) {
  if (ms === null || ms === undefined) return null;
  ms = Math.floor(ms);
  const day = Math.floor(ms / DAY);
  let prefix = isoDays.get(day);
  if (prefix === undefined) isoDays.set(day, (prefix = new Date(day * DAY).toISOString().slice(0, 11)));
  let rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest - s * 1000, 3)}+00:00`;
}

function weightedPicker(weights, random) {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative = [];
  let acc = 0;
  for (const [key, w] of entries) cumulative.push([key, (acc += w / total)]);
  return () => {
    const r = random();
    for (const [key, c] of cumulative) if (r < c) return key;
    return cumulative.at(-1)[0];
  };
}

/** The share of requests given a second or third need, each its own line with its own cluster. */
const LINED_SHARE = 0.15;
/** The categories an added need takes (transport, premises, installation, workforce). */
const ADDED_NEEDS = ["LOGISTICS", "RELOCATION", "EQUIPMENT", "WORKFORCE"];

/**
 * Gives `share` of the generated requests one or two more lines (issue #17), each in a state the
 * request's own status allows under the one rule (lines.ts: in progress while any line is,
 * assigned while any waits on its cluster, resolved when all are), with a cluster of its own;
 * such a request has no cluster of its own any more (Request.assignedClusterId is null), as the
 * executor writes it. The first line is the request's as the migration gave it.
 */
function spreadOverLines(db, { random, clusters, share }) {
  const pick = (items) => items[Math.floor(random() * items.length)];
  const firsts = db
    .prepare(
      `SELECT r."id", r."status", r."createdAt", l."status" AS "lineStatus", l."clusterId" FROM "Request" r
       JOIN "RequestLine" l ON l."requestId" = r."id" AND l."position" = 1
       WHERE NOT EXISTS (SELECT 1 FROM "RequestLine" o WHERE o."requestId" = r."id" AND o."position" > 1)`,
    )
    .all();
  const insert = db.prepare(
    `INSERT INTO "RequestLine" ("id", "requestId", "position", "category", "summary", "status", "clusterId", "assignedAt", "acceptedAt", "resolvedAt", "acceptDueAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const release = db.prepare(`UPDATE "Request" SET "assignedClusterId" = NULL WHERE "id" = ?`);
  // What another line may be while the request is in each status (and its first line in this state).
  const allowed = (request) => {
    if (request.status === "IN_PROGRESS") return ["OPEN", "ASSIGNED", "IN_PROGRESS", "RESOLVED"];
    if (request.status === "ASSIGNED") return ["OPEN", "ASSIGNED"];
    if (request.status === "RESOLVED") return ["RESOLVED"];
    if (request.status === "CLOSED") return [request.lineStatus];
    return ["OPEN"];
  };
  const hour = 3_600_000;
  db.transaction(() => {
    for (const request of firsts) {
      if (random() >= share) continue;
      const created = typeof request.createdAt === "number" ? request.createdAt : Date.parse(request.createdAt);
      const at = (hours) => iso(created + hours * hour);
      for (let position = 2; position <= (random() < 0.3 ? 3 : 2); position++) {
        const status = pick(allowed(request));
        const withCluster = status !== "OPEN";
        const clusterId = withCluster ? pick(clusters.filter((id) => id !== request.clusterId)) : null;
        insert.run(
          `${request.id}.${position}`,
          request.id,
          position,
          pick(ADDED_NEEDS),
          "Окрема потреба того самого переїзду",
          status,
          clusterId,
          withCluster ? at(6) : null,
          status === "IN_PROGRESS" || status === "RESOLVED" ? at(12) : null,
          status === "RESOLVED" ? at(48) : null,
          status === "ASSIGNED" ? at(30) : null,
          at(0),
          at(0),
        );
      }
      release.run(request.id);
    }
  })();
}

/**
 * Rebuilds the search index (RequestSearch, FTS5) from Request.searchText in one pass. FTS5
 * buffers new entries in memory and writes a segment each time the buffer passes `hashsize`
 * (1 MB by default), merging segments as they pile up; for a million requests' trigrams that is
 * thousands of small segments and merges that read the index again and again (the load stalled
 * there for more than ten minutes). With a 256 MB buffer it writes a few large segments. The
 * setting is stored in the index's config table, so it is removed afterwards: the index is left
 * configured exactly as the migration created it.
 */
function rebuildSearchIndex(db) {
  db.exec(`INSERT INTO "RequestSearch"("RequestSearch", "rank") VALUES ('hashsize', ${256 * 1024 * 1024})`);
  db.exec(`INSERT INTO "RequestSearch"("RequestSearch") VALUES ('rebuild')`);
  // FTS5's shadow tables are read-only in better-sqlite3's defensive mode; only for this row.
  db.unsafeMode(true);
  try {
    db.exec(`DELETE FROM "RequestSearch_config" WHERE "k" = 'hashsize'`);
  } finally {
    db.unsafeMode(false);
  }
}

/**
 * @param {string} dbFile a database migrated and seeded by scripts/db-setup.mjs
 * @param {number} count requests to add
 * @param {{ seed?: number, now?: Date, weeks?: number, batchSize?: number, slaTargets?: typeof DEFAULT_SLA_TARGETS }} [options]
 */
export function generateRequests(dbFile, count, options = {}) {
  const { seed = 20260301, now = new Date(), weeks = 12, batchSize = 10_000, slaTargets = DEFAULT_SLA_TARGETS } = options;
  const started = performance.now();
  /** Milliseconds each phase took (returned as `phases`), to see where a large load goes. */
  const phases = {};
  let phaseStarted = started;
  const phase = (name) => {
    const at = performance.now();
    phases[name] = (phases[name] ?? 0) + (at - phaseStarted);
    if (process.env.BENCH_PHASES === "1") console.error(`${((at - started) / 1000).toFixed(1)} s: ${name} ${((at - phaseStarted) / 1000).toFixed(2)} s`);
    phaseStarted = at;
  };
  if (!fs.existsSync(dbFile)) throw new Error(`${dbFile} does not exist: run scripts/db-setup.mjs (with the seed) first`);
  const random = seededRandom(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const between = (min, max) => min + random() * (max - min);
  const pickCategory = weightedPicker(CATEGORY_WEIGHTS, random);
  const pickUrgency = weightedPicker(URGENCY_WEIGHTS, random);
  const pickRegion = weightedPicker(REGION_WEIGHTS, random);

  const db = new Database(dbFile);
  // A bulk load into a file nobody else has open: write the pages once (no WAL copy, no
  // fsync); the rollback journal stays in memory so a failed batch still rolls back. The file
  // is switched back to WAL, as scripts/db-setup.mjs leaves it, at the end.
  db.pragma("journal_mode = MEMORY");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -1048576");
  db.pragma("temp_store = MEMORY");

  try {
    // --- What the seed left: clusters with capabilities and regions, staff, counters. ---
    const clusters = db.prepare(`SELECT "id" FROM "Cluster" WHERE "active" = 1`).all();
    if (clusters.length === 0) throw new Error(`${dbFile} has no clusters: run scripts/db-setup.mjs with the seed first`);
    const capabilities = db.prepare(`SELECT "clusterId", "category" FROM "ClusterCapability"`).all();
    const served = new Set(db.prepare(`SELECT "clusterId" || ' ' || "region" FROM "ClusterRegion"`).pluck().all());
    const users = db.prepare(`SELECT "id", "role", "clusterId" FROM "User" WHERE "active" = 1`).all();
    const coordinators = users.filter((u) => u.role === "COORDINATOR");
    if (coordinators.length === 0) coordinators.push(...users.filter((u) => u.role === "ADMIN"));
    if (coordinators.length === 0) throw new Error(`${dbFile} has no coordinators: run scripts/db-setup.mjs with the seed first`);
    const membersByCluster = new Map();
    for (const u of users) if (u.role === "CLUSTER_MEMBER" && u.clusterId) membersByCluster.set(u.clusterId, u.id);
    const clustersFor = new Map();
    for (const category of Object.keys(CATEGORY_WEIGHTS)) {
      const ids = capabilities.filter((c) => c.category === category).map((c) => c.clusterId);
      clustersFor.set(category, ids.length ? ids : clusters.map((c) => c.id));
    }
    const counters = new Map(db.prepare(`SELECT "year", "last" FROM "ReferenceCounter"`).raw().all());
    const takenCodes = new Set(db.prepare(`SELECT "edrpou" FROM "Enterprise"`).pluck().all());

    // --- Columns: write what the table has; refuse if it needs something this does not know. ---
    const tableColumns = (table) => db.prepare(`SELECT "name", "notnull", "dflt_value" FROM pragma_table_info(?)`).all(table);
    const columnsFor = (table, provided) => {
      const columns = tableColumns(table);
      const missing = columns.filter((c) => c.notnull && c.dflt_value === null && !provided.includes(c.name));
      if (missing.length) {
        throw new Error(`${table} has required columns the generator does not fill: ${missing.map((c) => c.name).join(", ")}`);
      }
      const names = new Set(columns.map((c) => c.name));
      return provided.filter((c) => names.has(c));
    };
    const insertFor = (table, columns) =>
      db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`);

    const enterpriseColumns = columnsFor("Enterprise", ["id", "edrpou", "name", "region", "city", "contactName", "phone", "email", "createdAt", "updatedAt"]);
    const requestColumns = columnsFor("Request", [
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
      "sector",
      "naceClass",
      "neededBy",
      "status",
      "assignedClusterId",
      "ownerId",
      "version",
      "searchText",
      "urgencyRank",
      "statusRank",
      "attentionRank",
      "nextDueAt",
      "dueSortAt",
      "createdAt",
      "updatedAt",
      "lastActivityAt",
      "triagedAt",
      "assignedAt",
      "acceptedAt",
      "resolvedAt",
      "closedAt",
      "triageDueAt",
      "resolveDueAt",
      "acceptDueAt",
      "slaPausedAt",
      "slaPausedMs",
      "notAcceptedInTime",
      "stillNeededAskedAt",
      "duplicateOfId",
      "possibleDuplicateOfId",
    ]);
    const insertUnread =
      tableColumns("RequestUnread").length > 0
        ? db.prepare(`INSERT INTO "RequestUnread" ("userId", "requestId", "since", "lastAt") VALUES (?, ?, ?, ?)`)
        : null;
    let unreadMarks = 0;
    const eventColumns = columnsFor("RequestEvent", [
      "id",
      "requestId",
      "action",
      "actorType",
      "actorUserId",
      "fromStatus",
      "toStatus",
      "clusterId",
      "message",
      "visibility",
      "createdAt",
    ]);
    const insertEnterprise = insertFor("Enterprise", enterpriseColumns);
    const insertRequest = insertFor("Request", requestColumns);
    const insertEvent = insertFor("RequestEvent", eventColumns);

    // cuid-shaped ids: "c", time, counter, random (25 characters), increasing in insertion order.
    const idTime = Date.now().toString(36).padStart(8, "0");
    let idCounter = 0;
    const cuid = () =>
      `c${idTime}${(idCounter++).toString(36).padStart(6, "0")}${Math.floor(random() * 36 ** 6)
        .toString(36)
        .padStart(6, "0")}${Math.floor(random() * 36 ** 4)
        .toString(36)
        .padStart(4, "0")}`;

    // A centre has more coordinators than the demo's two: owners spread over BENCH_COORDINATORS
    // (so a coordinator's "mine" is that share of the work, as in a real week).
    if (coordinators.length < BENCH_COORDINATORS) {
      const template = db.prepare(`SELECT "passwordHash" FROM "User" WHERE "id" = ?`).pluck().get(coordinators[0].id);
      const insertUser = db.prepare(
        `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "active", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 'COORDINATOR', 1, ?, ?)`,
      );
      for (let n = coordinators.length + 1; n <= BENCH_COORDINATORS; n++) {
        const id = cuid();
        insertUser.run(id, `bench-coordinator-${n}@rrc.example`, `${pick(FIRST)} ${pick(LAST)} (бенчмарк)`, template, iso(now.getTime()), iso(now.getTime()));
        coordinators.push({ id, role: "COORDINATOR", clusterId: null });
      }
    }

    // --- Pass 1: when each request was filed, and by which enterprise. ---
    const nowMs = now.getTime();
    const spanMs = weeks * 7 * DAY;
    // Slightly more requests recently (the service grows): age ~ span × u^1.15.
    const createdAts = Float64Array.from({ length: count }, () => Math.floor(nowMs - spanMs * Math.pow(random(), 1.15)));
    createdAts.sort();

    const enterprises = [];
    let codeCursor = Math.floor(random() * 8_000_000);
    const newCode = (sole) => {
      for (;;) {
        codeCursor = (codeCursor + 7919) % 8_000_000;
        const code = sole
          ? completeRnokpp(String(200_000_000 + codeCursor * 97 + Math.floor(random() * 97)).slice(0, 9))
          : edrpouFrom(String(1_000_000 + codeCursor).padStart(7, "0"));
        if (code && !takenCodes.has(code)) {
          takenCodes.add(code);
          return code;
        }
      }
    };
    const requestEnterprise = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      // About 40% of requests come from an enterprise that filed before.
      if (enterprises.length > 20 && random() < 0.4) {
        const e = Math.floor(enterprises.length * Math.pow(random(), 0.7)); // older enterprises slightly favoured
        requestEnterprise[i] = e;
        enterprises[e].lastAt = createdAts[i];
        continue;
      }
      const sole = random() < 0.1;
      const region = pickRegion();
      // Each enterprise's industry from its place in the list (not drawn from \`random\`, so the
      // rest of the data is what it was before industries were asked).
      const industry = INDUSTRY_MIX[(enterprises.length * 7919) % INDUSTRY_MIX.length];
      const contactName = `${pick(FIRST)} ${pick(LAST)}`;
      enterprises.push({
        id: cuid(),
        edrpou: newCode(sole),
        name: sole ? `ФОП ${contactName}` : `${pick(FORMS)} «${pick(NAME_A)} ${pick(NAME_B)}»`,
        region,
        city: pick(REGION_CITIES[region]),
        sector: industry?.sector ?? null,
        naceClass: industry?.naceClass ?? null,
        contactName,
        phone: `+380${pick(["67", "50", "63", "66", "68", "73", "93", "97", "99"])}${String(Math.floor(random() * 10_000_000)).padStart(7, "0")}`,
        email: `info${enterprises.length}@enterprise${Math.floor(random() * 1000)}.example`,
        firstAt: createdAts[i],
        lastAt: createdAts[i],
      });
      requestEnterprise[i] = enterprises.length - 1;
    }
    db.transaction(() => {
      for (const e of enterprises) {
        const row = { ...e, createdAt: iso(e.firstAt), updatedAt: iso(e.lastAt) };
        insertEnterprise.run(enterpriseColumns.map((c) => row[c]));
      }
    })();

    // --- Pass 2: the requests and their events, in creation order, in large transactions. ---
    /** enterpriseId + category → earlier requests with the time they stopped being open */
    const openByKey = new Map();
    const recentIds = [];
    let events = 0;
    const statusCounts = Object.fromEntries(STATUSES.map((s) => [s, 0]));

    const buildRequest = (i) => {
      const createdAt = createdAts[i];
      const age = nowMs - createdAt;
      const enterprise = enterprises[requestEnterprise[i]];
      const category = pickCategory();
      const urgency = pickUrgency();
      const target = slaTargets[urgency];
      let status = age < 2 * DAY ? pick(EARLY_MIX) : pick(STATUS_MIX);

      // Which earlier open request of the same enterprise and category this may repeat.
      const key = `${enterprise.id} ${category}`;
      const earlier = openByKey.get(key);
      const possibleDuplicate = earlier?.find((r) => r.openUntil > createdAt) ?? null;
      if (status === "DUPLICATE" && !possibleDuplicate && recentIds.length === 0) status = "REJECTED";

      // The path of actions that reaches the status, with a gap before each step.
      const triageFirst = random() < 0.5;
      const gap = {
        triage: () => target.triageMs * between(0.05, 1.3),
        assign: () => target.triageMs * between(0.05, 0.8),
        accept: () => target.acceptMs * between(0.05, 1.2),
        resolve: () => target.resolveMs * between(0.1, 1.2),
        close: () => between(0.2, 7) * DAY,
      };
      let steps;
      switch (status) {
        case "NEW":
          steps = [];
          break;
        case "TRIAGED":
          steps = [["triage", gap.triage()]];
          break;
        case "NEEDS_INFO":
          steps = [...(triageFirst ? [["triage", gap.triage()]] : []), ["requestInfo", gap.triage()]];
          break;
        case "ASSIGNED":
          steps = [...(triageFirst ? [["triage", gap.triage()]] : []), ["assign", gap.assign()]];
          break;
        case "IN_PROGRESS":
          steps = [...(triageFirst ? [["triage", gap.triage()]] : []), ["assign", gap.assign()], ["accept", gap.accept()]];
          break;
        case "RESOLVED":
          steps = [
            ["assign", gap.triage()],
            ["accept", gap.accept()],
            ["resolve", gap.resolve()],
          ];
          break;
        case "CLOSED": {
          const r = random();
          const closing = r < 0.6 ? "confirm" : r < 0.85 ? "close" : "autoClose";
          steps = [
            ["assign", gap.triage()],
            ["accept", gap.accept()],
            ["resolve", gap.resolve()],
            [closing, gap.close()],
          ];
          break;
        }
        case "REJECTED":
          steps = [...(triageFirst ? [["triage", gap.triage()]] : []), ["reject", gap.triage()]];
          break;
        case "DUPLICATE":
          steps = [...(triageFirst ? [["triage", gap.triage()]] : []), ["markDuplicate", gap.triage()]];
          break;
      }
      // Keep every step in the past: squeeze the gaps into the request's age when needed.
      const total = steps.reduce((s, [, g]) => s + g, 0);
      const squeeze = total > age * 0.95 ? (age * 0.95) / total : 1;

      const clusterChoices = clustersFor.get(category);
      const regional = clusterChoices.filter((c) => served.has(`${c} ${enterprise.region}`));
      const cluster = pick(regional.length && random() < 0.7 ? regional : clusterChoices);
      const member = membersByCluster.get(cluster);
      const coordinator = pick(coordinators).id;

      const id = cuid();
      const year = referenceYear(new Date(createdAt));
      const sequence = (counters.get(year) ?? 0) + 1;
      counters.set(year, sequence);
      const reference = formatReference(year, sequence);

      const stamp = { triagedAt: null, assignedAt: null, acceptedAt: null, resolvedAt: null, closedAt: null };
      let assignedClusterId = null;
      let ownerId = null;
      let slaPausedAt = null;
      let current = "NEW";
      let at = createdAt;
      const eventRows = [
        {
          id: cuid(),
          requestId: id,
          action: "submit",
          actorType: "ENTERPRISE",
          actorUserId: null,
          fromStatus: null,
          toStatus: "NEW",
          clusterId: null,
          message: null,
          visibility: "PUBLIC",
          createdAt: iso(createdAt),
        },
      ];
      for (const [action, g] of steps) {
        at = Math.floor(at + g * squeeze) + 1;
        const rule = ACTIONS[action];
        let actorType = "USER";
        let actorUserId = coordinator;
        if (action === "confirm") [actorType, actorUserId] = ["ENTERPRISE", null];
        else if (action === "autoClose") [actorType, actorUserId] = ["SYSTEM", null];
        else if ((action === "accept" || action === "resolve") && member) actorUserId = member;
        if (action === "triage") [stamp.triagedAt, ownerId] = [at, coordinator];
        if (action === "assign") {
          if (!stamp.triagedAt) [stamp.triagedAt, ownerId] = [at, coordinator]; // assigning from NEW triages too
          stamp.assignedAt = at;
          assignedClusterId = cluster;
        }
        if (action === "accept") stamp.acceptedAt = at;
        if (action === "resolve") stamp.resolvedAt = at;
        if (["confirm", "close", "autoClose", "reject", "markDuplicate"].includes(action)) stamp.closedAt = at;
        if (action === "requestInfo") slaPausedAt = at;
        eventRows.push({
          id: cuid(),
          requestId: id,
          action,
          actorType,
          actorUserId,
          fromStatus: current,
          toStatus: rule.to,
          clusterId: assignedClusterId,
          message: rule.message ?? null,
          visibility: rule.visibility,
          createdAt: iso(at),
        });
        current = rule.to;
      }
      // A message from the enterprise, about one request in four, while its status allows one
      // (state-machine.ts enterpriseMessage.from): after filing or after a step, before the next.
      let lastEnterpriseActivityAt = eventRows.find((e) => e.action === "confirm")?.createdAt ?? null;
      const messageOpen = new Set(["NEW", "TRIAGED", "ASSIGNED", "IN_PROGRESS", "RESOLVED"]);
      const slots = eventRows.map((e, k) => [e, k]).filter(([e]) => messageOpen.has(e.toStatus));
      if (slots.length && random() < 0.25) {
        const [after, k] = pick(slots);
        const from = Date.parse(after.createdAt);
        const until = k + 1 < eventRows.length ? Date.parse(eventRows[k + 1].createdAt) : nowMs;
        const when = Math.floor(from + (until - from) * between(0.1, 0.9)) + 1;
        eventRows.push({
          id: cuid(),
          requestId: id,
          action: "enterpriseMessage",
          actorType: "ENTERPRISE",
          actorUserId: null,
          fromStatus: null,
          toStatus: null,
          clusterId: assignedClusterId,
          message: "Додаємо уточнення до запиту.",
          visibility: "PUBLIC",
          createdAt: iso(when),
        });
        if (when > at) at = when;
        if (!lastEnterpriseActivityAt || iso(when) > lastEnterpriseActivityAt) lastEnterpriseActivityAt = iso(when);
      }
      // Someone took a fifth of the requests still waiting for triage.
      if (status === "NEW" && random() < 0.2) {
        at = Math.floor(at + (nowMs - at) * random() * 0.5) + 1;
        ownerId = coordinator;
        eventRows.push({
          id: cuid(),
          requestId: id,
          action: "take",
          actorType: "USER",
          actorUserId: coordinator,
          fromStatus: null,
          toStatus: null,
          clusterId: null,
          message: null,
          visibility: "INTERNAL",
          createdAt: iso(at),
        });
      }

      // No request is generated with its clock paused for a while, nor with a lapsed assignment.
      const due = slaDueTimes({ createdAt: new Date(createdAt), urgency, slaPausedMs: 0 }, slaTargets);
      const keys = requestKeys({
        status,
        urgency,
        triagedAt: stamp.triagedAt ? new Date(stamp.triagedAt) : null,
        ...due,
        notAcceptedInTime: false,
      });
      const duplicateOfId = status === "DUPLICATE" ? (possibleDuplicate?.id ?? pick(recentIds)) : null;
      const openUntil = stamp.resolvedAt ?? stamp.closedAt ?? Infinity;
      if (earlier) earlier.push({ id, openUntil });
      else openByKey.set(key, [{ id, openUntil }]);
      if (status !== "DUPLICATE") {
        if (recentIds.length < 5000) recentIds.push(id);
        else recentIds[i % 5000] = id;
      }

      // What the intake form's category block would hold, stored as intake stores it.
      const filed = { category };
      if (category === "RELOCATION") {
        Object.assign(filed, {
          productionArea: 200 + Math.floor(random() * 5000),
          staffCount: 5 + Math.floor(random() * 300),
          equipmentTonnage: Math.round(random() * 400),
          destinationRegions: [pick(["UA-46", "UA-26", "UA-21", "UA-07", "UA-56", "UA-61"])],
        });
      } else if (category === "SUPPLIES") {
        filed.supplyItems = "Лист сталевий 3 мм — 20 т\nКруг 40 мм — 5 т";
      } else if (category === "DEFENCE_ORDER") {
        Object.assign(filed, {
          defenceProductType: pick(["Металеві комплектуючі", "Бронепластини", "Пошиття форми", "Корпуси для РЕБ"]),
          monthlyCapacity: `${1000 + Math.floor(random() * 9000)} од.`,
          certifications: "ISO 9001",
        });
      }
      const { details, sensitiveDetails } = categoryDetails(filed);
      const title = pick(TITLES[category]);
      const sentences = [];
      for (let s = 0, n = 2 + Math.floor(random() * 3); s < n; s++) sentences.push(pick(SENTENCES));
      const description = sentences.join(" ");
      const token = benchStatusToken(reference);
      statusCounts[status] += 1;

      const request = {
        id,
        reference,
        statusTokenHash: sha256Hex(token),
        enterpriseId: enterprise.id,
        enterpriseName: enterprise.name,
        contactName: enterprise.contactName,
        phone: enterprise.phone,
        email: enterprise.email,
        category,
        urgency,
        title,
        description,
        details,
        sensitiveDetails,
        region: enterprise.region,
        city: enterprise.city,
        sector: enterprise.sector,
        naceClass: enterprise.naceClass,
        neededBy: random() < 0.3 ? iso(Math.floor((createdAt + between(7, 60) * DAY) / DAY) * DAY) : null,
        status,
        assignedClusterId,
        ownerId,
        version: eventRows.length - 1,
        searchText: requestSearchText({ reference, edrpou: enterprise.edrpou, enterpriseName: enterprise.name, title, description }),
        urgencyRank: keys.urgencyRank,
        statusRank: keys.statusRank,
        attentionRank: keys.attentionRank,
        nextDueAt: iso(keys.nextDueAt?.getTime()),
        dueSortAt: iso(keys.dueSortAt.getTime()),
        createdAt: iso(createdAt),
        updatedAt: iso(at),
        lastActivityAt: iso(at),
        triagedAt: iso(stamp.triagedAt),
        assignedAt: iso(stamp.assignedAt),
        acceptedAt: iso(stamp.acceptedAt),
        resolvedAt: iso(stamp.resolvedAt),
        closedAt: iso(stamp.closedAt),
        triageDueAt: iso(due.triageDueAt.getTime()),
        resolveDueAt: iso(due.resolveDueAt.getTime()),
        // The claim clock runs only while ASSIGNED (request-transition.server.ts clears it on leaving).
        acceptDueAt: status === "ASSIGNED" ? iso(acceptDueAt(new Date(stamp.assignedAt), urgency, slaTargets).getTime()) : null,
        slaPausedAt: iso(slaPausedAt),
        slaPausedMs: 0,
        notAcceptedInTime: 0,
        stillNeededAskedAt: null,
        duplicateOfId,
        possibleDuplicateOfId: possibleDuplicate?.id ?? null,
      };
      // Who has not opened it since the enterprise's last act.
      const unread = [];
      if (lastEnterpriseActivityAt) {
        const share = nowMs - Date.parse(lastEnterpriseActivityAt) < 14 * DAY ? 0.1 : 0.01;
        for (const c of coordinators) if (random() < share) unread.push([c.id, id, lastEnterpriseActivityAt, lastEnterpriseActivityAt]);
      }
      return { request, eventRows, unread };
    };

    const insertBatch = db.transaction((from, to) => {
      for (let i = from; i < to; i++) {
        const { request, eventRows, unread } = buildRequest(i);
        insertRequest.run(requestColumns.map((c) => request[c]));
        for (const e of eventRows) insertEvent.run(eventColumns.map((c) => e[c]));
        events += eventRows.length;
        if (insertUnread) for (const mark of unread) insertUnread.run(mark);
        unreadMarks += insertUnread ? unread.length : 0;
      }
    });
    // Inserting into ~25 secondary indexes row by row (random keys: token hashes, cuids) costs
    // more than the rows; for a large load, drop them and build each once at the end. The
    // indexes come back exactly as the migrations defined them (sqlite_master keeps their SQL).
    // The same for the search index (an FTS5 table the Request triggers keep in step, migration
    // queue_search): the triggers come off for the load and the index is rebuilt once.
    const rebuildIndexes = count >= 20_000;
    const indexes = rebuildIndexes
      ? db.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Request', 'RequestEvent') AND sql IS NOT NULL`).all()
      : [];
    const searchTriggers = rebuildIndexes
      ? db.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'RequestSearch_%'`).all()
      : [];
    try {
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      for (const trigger of searchTriggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
      phase("setup");
      for (let from = 0; from < count; from += batchSize) {
        insertBatch(from, Math.min(count, from + batchSize));
        if (process.env.BENCH_PHASES === "1" && (from + batchSize) % 100_000 === 0)
          console.error(`${from + batchSize} ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      phase("requests");
    } finally {
      // Also after a failure: never leave the database without its indexes.
      for (const index of indexes) {
        db.exec(index.sql);
        phase(`index ${index.name}`);
      }
      for (const trigger of searchTriggers) db.exec(trigger.sql);
      if (searchTriggers.length) rebuildSearchIndex(db);
      phase("search index");
    }

    // Each request's one line (issue #17), as the migration that stored lines gives one to every
    // request filed before: the same statement, so its mapping from the request's state is
    // written once (decision 055).
    if (tableColumns("RequestLine").length > 0) {
      const migration = fs.readFileSync(new URL("../prisma/migrations/20261203150000_request_lines/migration.sql", import.meta.url), "utf8");
      const start = migration.indexOf(`INSERT INTO "RequestLine"`);
      const backfill = migration.slice(start, migration.indexOf(`FROM "Request";`, start) + `FROM "Request"`.length);
      db.exec(`${backfill} WHERE NOT EXISTS (SELECT 1 FROM "RequestLine" "line" WHERE "line"."requestId" = "Request"."id")`);
      phase("lines");
      spreadOverLines(db, { random, clusters: clusters.map((c) => c.id), share: LINED_SHARE });
      phase("several lines");
      // Each request's count of lines waiting for a cluster, by the statement of the migration
      // that added it (written once).
      const counts = fs.readFileSync(new URL("../prisma/migrations/20261203170000_lines_in_counts/migration.sql", import.meta.url), "utf8");
      const update = counts.indexOf(`UPDATE "Request" SET "waitingLines"`);
      if (update >= 0) db.exec(counts.slice(update, counts.indexOf(";", update) + 1));
      phase("waiting lines");
    }

    const saveCounter = db.prepare(
      `INSERT INTO "ReferenceCounter" ("year", "last") VALUES (?, ?) ON CONFLICT ("year") DO UPDATE SET "last" = MAX("last", excluded."last")`,
    );
    db.transaction(() => {
      for (const [year, last] of counters) saveCounter.run(year, last);
    })();
    // Statistics for the query planner, as a server's PRAGMA optimize would gather over time.
    db.exec("ANALYZE");
    phase("analyze");
    db.pragma("journal_mode = WAL");
    phase("wal");
    return { requests: count, enterprises: enterprises.length, events, unreadMarks, statuses: statusCounts, phases, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const setup = args.includes("--setup");
  const [file, countArg = "100000"] = args.filter((a) => a !== "--setup");
  if (!file) {
    console.error("usage: node --import tsx bench/generate-requests.mjs <db file> [count] [--setup]");
    process.exit(2);
  }
  const dbFile = path.resolve(file);
  if (setup) {
    // As setupDb() in ./lib.mjs does (which imports this module: no import back).
    console.log(`Creating ${dbFile} with the demo seed…`);
    const { execFileSync } = await import("node:child_process");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
    execFileSync(process.execPath, [path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "scripts", "db-setup.mjs"), "--reset"], {
      env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const result = generateRequests(dbFile, Number(countArg));
  console.log(
    `Generated ${result.requests.toLocaleString("en-US")} requests (${result.enterprises.toLocaleString("en-US")} enterprises, ` +
      `${result.events.toLocaleString("en-US")} events) in ${(result.ms / 1000).toFixed(2)} s into ${dbFile}`,
  );
  console.log(JSON.stringify(result.statuses));
  if (process.env.BENCH_PHASES === "1") for (const [name, ms] of Object.entries(result.phases)) console.log(`${(ms / 1000).toFixed(2).padStart(8)} s  ${name}`);
}
