// A read-only SQLite connection for the hot list pages (the queue, the cluster portal), beside
// the one Prisma client that does every write. WAL: a reader never waits for the writer and sees
// every commit made before its read began. Why these pages bypass Prisma:
// docs/decisions/010-queue-reads.md.
import Database from "better-sqlite3";
import { env } from "~/config/env.server";
import { db, onPostgres, postgresAnswer, postgresSnapshot, sqliteAnswer } from "./db.server";
import { type Query, type Work, drive, driveNow, first, rows } from "./sql";

const globalForReadDb = globalThis as unknown as { __rrcReadDb?: Database.Database };

/** The process's read-only connection, opened on first use. */
export function readDb(): Database.Database {
  let connection = globalForReadDb.__rrcReadDb;
  if (!connection || !connection.open) {
    connection = new Database(env.databaseUrl.slice("file:".length), { readonly: true, fileMustExist: true });
    connection.pragma("busy_timeout = 5000");
    // Up to 128 MB of pages (SQLite's default is 16 MB): with a million requests the queue's
    // indexes no longer fit in 16 MB, and every page read again is a system call (decision 052).
    connection.pragma("cache_size = -131072");
    globalForReadDb.__rrcReadDb = connection;
  }
  return connection;
}

// The queue's own SQL (queue.server.ts) is prepared once per SQL text: the pages' queries differ only in which filters
// are present and the order, a few hundred shapes at most.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement on the read-only connection; a one-column query returns plain values. */
export function readStatement(sql: string): Database.Statement {
  const connection = readDb();
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = connection.prepare(sql);
    if (prepared.columns().length === 1) prepared.pluck();
    if (cache.size > 1000) cache.clear();
    cache.set(sql, prepared);
  }
  return prepared;
}

/**
 * Reads: `work` answered on the read-only connection (SQLite) or by the Prisma client
 * (PostgreSQL). Its queries see one moment of the database: on SQLite they run in one read
 * transaction (which costs nothing on this connection); on PostgreSQL, with `atOneMoment`, in
 * one REPEATABLE READ transaction, otherwise each on its own.
 */
export async function read<T>(work: Work<T>, { atOneMoment = false } = {}): Promise<T> {
  if (onPostgres) {
    if (!atOneMoment) return drive(work, postgresAnswer(db));
    return postgresSnapshot((tx) => drive(work, postgresAnswer(tx)));
  }
  const connection = readDb();
  const answer = sqliteAnswer(connection, true);
  return connection.transaction(() => driveNow(work, answer))();
}

/** A typed query's rows. */
export function readRows<Row>(query: Query<Row>): Promise<Row[]> {
  return read(rows(query));
}

/** A typed query's first row, if any. */
export function readFirst<Row>(query: Query<Row>): Promise<Row | undefined> {
  return read(first(query));
}
