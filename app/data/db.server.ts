// The one Prisma client, created once and reused across hot reloads.
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { env } from "~/config/env.server";
import { ConfiguredSQLite, storageError } from "./sqlite-adapter.server";
import { PostgresQueryCompiler, createQueryId } from "kysely";
import { type SqliteValue, type Step, type Work, drive, driveNow, sqliteParameters } from "./sql";

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
 * SQLite's runner: each step's query compiled once per SQL text and run as a plain statement on
 * the connection `open`, at once. Integers come back as numbers.
 */
export function sqliteAnswer(open: Database.Database, onlyReads = false): (step: Step) => unknown {
  let cache = statements.get(open);
  if (!cache) statements.set(open, (cache = new Map()));
  return ({ want, query }) => {
    const compiled = query.compile();
    let statement = cache.get(compiled.sql);
    if (!statement) {
      statement = open.prepare<SqliteValue[]>(compiled.sql).safeIntegers(false);
      if (onlyReads && cache.size > 1000) cache.clear();
      cache.set(compiled.sql, statement);
    }
    const parameters = sqliteParameters(compiled.parameters);
    if (want === "changes") return statement.run(...parameters).changes;
    if (want === "first") return statement.get(...parameters);
    return statement.all(...parameters);
  };
}

const postgresCompiler = new PostgresQueryCompiler();

/** A number where PostgreSQL gives a bigint (count(*)), as SQLite's runner does. */
function numbers(row: Record<string, unknown>) {
  for (const [key, value] of Object.entries(row)) if (typeof value === "bigint") row[key] = Number(value);
  return row;
}

/**
 * PostgreSQL's runner: each step's query compiled to PostgreSQL's dialect and run through
 * Prisma's raw queries on `client`, the Prisma client or an open transaction (so a step is part
 * of that transaction).
 */
export function postgresAnswer(client: Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">): (step: Step) => Promise<unknown> {
  return async ({ want, query }) => {
    const { sql, parameters } = postgresCompiler.compileQuery(query.toOperationNode(), createQueryId());
    const values = parameters.map((value) => (value === undefined ? null : value));
    if (want === "changes") return client.$executeRawUnsafe(sql, ...values);
    const found = (await client.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, ...values)).map(numbers);
    return want === "first" ? found[0] : found;
  };
}

/** True when DATABASE_URL names PostgreSQL. */
export const onPostgres = env.database.engine === "postgresql";

/**
 * SQL text written with SQLite's `?` placeholders, as the engine in use wants it: PostgreSQL's are
 * `$1, $2, …`. For text with no `?` of its own (the queue's filters, which bind every value).
 */
export function enginePlaceholders(sql: string): string {
  let n = 0;
  return onPostgres ? sql.replace(/\?/g, () => `$${++n}`) : sql;
}

/**
 * Runs `read` in one REPEATABLE READ transaction on PostgreSQL: every query in it sees the same
 * moment. (The app is typed with the SQLite client, whose transactions know one isolation level.)
 */
export function postgresSnapshot<T>(read: (tx: Tx) => Promise<T>, { timeout }: { timeout?: number } = {}): Promise<T> {
  return (db as unknown as PostgresClient).$transaction((tx) => read(tx as unknown as Tx), { isolationLevel: "RepeatableRead", timeout });
}

/**
 * Runs `work` inside the open transaction `tx` (a `db.$transaction` callback), as part of it. On
 * SQLite its statements run at once on the transaction's own connection, without Prisma's work per
 * query (its query compiler and runtime cost more than the write; decision 011): for the hot write
 * paths only, the outbox and the unread marks. Prisma's adapter began the transaction on this same
 * connection and holds its lock, so these statements commit or roll back with it. Values are
 * bound, never spliced; dates go in as text, as Prisma writes them (`sqliteParameters`).
 */
export async function inTransaction<T>(tx: Tx, work: Work<T>): Promise<T> {
  if (onPostgres) return drive(work, postgresAnswer(tx));
  const open = connection;
  if (!open?.inTransaction) throw new Error("inTransaction: only inside a db.$transaction callback");
  return driveNow(work, sqliteAnswer(open));
}

/**
 * Runs `work` as one transaction of its own. On SQLite, on Prisma's own connection with the same
 * durability settings, answered at once: when no Prisma transaction is open, directly, BEGIN
 * IMMEDIATE … COMMIT in one turn of the event loop, so nothing else can run on the connection in
 * between (the adapter's own lock only orders transactions that await); when one is open, or
 * before Prisma has connected, inside `db.$transaction`, which waits its turn. On PostgreSQL,
 * inside `db.$transaction`. A throw rolls everything back either way. Used by intake, the path a
 * rush takes (decision 011).
 */
export async function writeTransaction<T>(work: () => Work<T>): Promise<T> {
  if (onPostgres) return db.$transaction((tx) => drive(work(), postgresAnswer(tx)));
  const open = connection;
  try {
    if (open?.open && !open.inTransaction) return open.transaction(() => driveNow(work(), sqliteAnswer(open))).immediate();
    return await db.$transaction(async (tx) => inTransaction(tx, work()));
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Runs a write of one statement, which is atomic on its own. On PostgreSQL it goes alone, without
 * a transaction around it: BEGIN and COMMIT through Prisma would be two more round trips and most
 * of the CPU (a rush of filings counts each one against the rate limit this way). On SQLite, as
 * `writeTransaction`. A second statement in `work` is refused.
 */
export async function writeStatement<T>(work: () => Work<T>): Promise<T> {
  if (!onPostgres) return writeTransaction(work);
  const answer = postgresAnswer(db);
  let statements = 0;
  return drive(work(), (step) => {
    statements += 1;
    if (statements > 1) throw new Error("writeStatement: more than one statement; use writeTransaction");
    return answer(step);
  });
}
