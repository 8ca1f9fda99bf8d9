// A read-only SQLite connection for the hot list pages (the queue, the cluster portal), beside
// the one Prisma client that does every write. WAL: a reader never waits for the writer and sees
// every commit made before its read began. Why these pages bypass Prisma:
// docs/decisions/010-queue-reads.md.
import Database from "better-sqlite3";
import { env } from "~/config/env.server";
import { type Query, type SqliteValue, sqliteParameters } from "./sql";

const globalForReadDb = globalThis as unknown as { __rrcReadDb?: Database.Database };

/** The process's read-only connection, opened on first use. */
export function readDb(): Database.Database {
  let connection = globalForReadDb.__rrcReadDb;
  if (!connection || !connection.open) {
    connection = new Database(env.databaseUrl.slice("file:".length), { readonly: true, fileMustExist: true });
    connection.pragma("busy_timeout = 5000");
    globalForReadDb.__rrcReadDb = connection;
  }
  return connection;
}

// Statements are prepared once per SQL text: the pages' queries differ only in which filters
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

// Typed queries (app/data/sql.ts) get rows as objects, whatever their number of columns.
const typedStatements = new WeakMap<Database.Database, Map<string, Database.Statement<SqliteValue[]>>>();

function typed(query: Query) {
  const connection = readDb();
  let cache = typedStatements.get(connection);
  if (!cache) typedStatements.set(connection, (cache = new Map()));
  const compiled = query.compile();
  let prepared = cache.get(compiled.sql);
  if (!prepared) {
    prepared = connection.prepare<SqliteValue[]>(compiled.sql);
    if (cache.size > 1000) cache.clear();
    cache.set(compiled.sql, prepared);
  }
  return { prepared, parameters: sqliteParameters(compiled.parameters) };
}

/** A typed query's rows, read on the read-only connection. */
export function readRows<Row>(query: Query<Row>): Row[] {
  const { prepared, parameters } = typed(query);
  return prepared.all(...parameters) as Row[];
}

/** A typed query's first row, if any, read on the read-only connection. */
export function readFirst<Row>(query: Query<Row>): Row | undefined {
  const { prepared, parameters } = typed(query);
  return prepared.get(...parameters) as Row | undefined;
}
