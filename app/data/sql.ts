// Typed SQL: queries are built with Kysely against the tables of the Prisma schema (./schema.ts)
// and compiled to the engine's dialect; the engine's runner executes them on the app's own
// connections (db.server.ts in a write transaction, read-db.server.ts for reads). Kysely never
// opens a connection here: the builder has no driver, as its documentation shows for building
// queries to run elsewhere. docs/decisions/046-typed-sql.md says why Kysely.
import { type Compilable, DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from "kysely";
import type { DB } from "./schema";
import { sqliteTimestamp } from "./sqlite-time";

export { sql as raw } from "kysely";

/** The query builder. Build a query with it, hand it to a runner; it never touches a database. */
export const builder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** A built query whose rows are `Row`. */
export type Query<Row = unknown> = Compilable<Row>;

/** A parameter as better-sqlite3 binds it. */
export type SqliteValue = string | number | bigint | Buffer | null;

/** The domain's values in SQLite's form: a Date as Prisma writes it (ISO text), a boolean as 0/1. */
export function sqliteParameters(parameters: readonly unknown[]): SqliteValue[] {
  return parameters.map((value) => {
    if (value instanceof Date) return sqliteTimestamp(value);
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value === undefined) return null;
    return value as SqliteValue;
  });
}
