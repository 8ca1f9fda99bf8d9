// The one Prisma client, created once and reused across hot reloads.
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { env } from "~/config/env.server";
import { ConfiguredSQLite, storageError } from "./sqlite-adapter.server";
import { type Query, type SqliteValue, sqliteParameters } from "./sql";

/**
 * Connection settings (docs/decisions/002-sqlite-durability.md): WAL so readers never wait
 * for the writer; synchronous=FULL so a submission acknowledged with its 303 is on disk
 * before the answer leaves; foreign keys enforced; `optimize` refreshes the query planner's
 * statistics where they are missing or stale (the queue's plans depend on them). The busy
 * timeout is the adapter's `timeout` option.
 */
const SQLITE_PRAGMAS =
  "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA optimize = 0x10002;";

/** The adapter's better-sqlite3 connection, once Prisma has opened it (see `txStatements`). */
let connection: Database.Database | null = null;

/**
 * The client for the engine DATABASE_URL names (app/config/database-url.mjs). Each engine has its
 * own generated client (prisma/schema.prisma, prisma/postgres/schema.prisma; decision 049); their
 * models and enums are the same types, so the app is typed with the SQLite one and PostgreSQL's
 * is cast to it here, once.
 */
function createClient(database: typeof env.database): PrismaClient {
  if (database.engine === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url }) }) as unknown as PrismaClient;
  }
  const adapter = new ConfiguredSQLite({ url: database.url, timeout: 5000 }, SQLITE_PRAGMAS, (client) => {
    connection = client;
  });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __rrcDb?: PrismaClient };

/**
 * One connection serves the process. Its interactive transactions are serialised by the
 * adapter, but a lone write issued while another request's transaction is open would join
 * that transaction; so every write goes through `db.$transaction` (the domain modules do).
 */
export const db: PrismaClient = globalForDb.__rrcDb ?? createClient(env.database);
globalForDb.__rrcDb = db;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const statements = new WeakMap<Database.Database, Map<string, Database.Statement<SqliteValue[]>>>();

/**
 * Typed queries (app/data/sql.ts) run as plain statements on one connection, each SQL text
 * prepared once. Integers come back as numbers.
 */
export type Statements = {
  /** Runs a write; returns how many rows it changed. */
  run: (query: Query) => number;
  get: <Row>(query: Query<Row>) => Row | undefined;
};

function statementsOn(open: Database.Database): Statements {
  let cache = statements.get(open);
  if (!cache) statements.set(open, (cache = new Map()));
  const prepared = (query: Query) => {
    const compiled = query.compile();
    let statement = cache.get(compiled.sql);
    if (!statement) cache.set(compiled.sql, (statement = open.prepare<SqliteValue[]>(compiled.sql).safeIntegers(false)));
    return { statement, parameters: sqliteParameters(compiled.parameters) };
  };
  return {
    run: (query) => {
      const { statement, parameters } = prepared(query);
      return statement.run(...parameters).changes;
    },
    get: <Row>(query: Query<Row>) => {
      const { statement, parameters } = prepared(query);
      return statement.get(...parameters) as Row | undefined;
    },
  };
}

/**
 * SQL on the connection of the open transaction `tx`, without Prisma's work per query (its query
 * compiler and runtime cost more than the write; decision 011). For the hot write paths only:
 * intake and the outbox. Prisma's adapter began the transaction on this same connection and holds
 * its lock, so these statements are part of it and commit or roll back with it. Values are
 * bound, never spliced; dates go in as text, as Prisma writes them (`sqliteParameters`).
 */
export function txStatements(_tx: Tx): Statements {
  const open = connection;
  if (!open?.inTransaction) throw new Error("txStatements: only inside a db.$transaction callback");
  return statementsOn(open);
}

/**
 * Runs `write` (synchronous: plain statements, no awaits) as one transaction on Prisma's own
 * connection, with the same durability settings. When no Prisma transaction is open, directly:
 * BEGIN IMMEDIATE … COMMIT in one turn of the event loop, so nothing else can run on the
 * connection in between (the adapter's own lock only orders transactions that await). When one
 * is open, or before Prisma has connected, inside `db.$transaction`, which waits its turn. A
 * throw rolls everything back either way. Used by intake, the path a rush takes (decision 011).
 */
export async function writeTransaction<T>(write: (sql: Statements) => T): Promise<T> {
  const open = connection;
  try {
    if (open?.open && !open.inTransaction) return open.transaction(() => write(statementsOn(open))).immediate();
    return await db.$transaction(async (tx) => write(txStatements(tx)));
  } catch (error) {
    throw storageError(error);
  }
}
