// Typed SQL: queries are built with Kysely against the tables of the Prisma schema (./schema.ts)
// and compiled to the engine's dialect; the engine's runner executes them on the app's own
// connections (db.server.ts in a write transaction, read-db.server.ts for reads). Kysely never
// opens a connection here: the builder has no driver, as its documentation shows for building
// queries to run elsewhere. docs/decisions/046-typed-sql.md says why Kysely.
import { type Compilable, DummyDriver, type RootOperationNode, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from "kysely";
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
export type Query<Row = unknown> = Compilable<Row> & { toOperationNode(): RootOperationNode };

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

/**
 * One step of a piece of work: a query to run, and what is wanted back (how many rows it changed,
 * its first row, or all its rows).
 */
export type Step = { want: "changes" | "first" | "rows" | "later"; query: Query };

/**
 * A piece of work on the database, written once for both engines (docs/decisions/051-work-on-two-engines.md):
 * a generator that yields each query and is handed its answer. On SQLite the runner answers at
 * once, so a write transaction still runs in one turn of the event loop (decision 011); on
 * PostgreSQL it awaits each answer. Repositories return `Work`; domain code composes it with
 * `yield*` and hands it to a runner (db.server.ts: `writeTransaction`, `inTransaction`;
 * read-db.server.ts: `read`).
 */
export type Work<T> = Generator<Step, T, unknown>;

/** Runs a write; how many rows it changed. */
export function* execute(query: Query): Work<number> {
  return (yield { want: "changes", query }) as number;
}

/**
 * An INSERT of new rows whose answer nobody needs. On SQLite it runs at once, like `execute`. On
 * PostgreSQL it waits for the work's next statement or its end, and all the inserts waiting then
 * go as one statement (`together`): a transaction that holds a lock, as a filing holds the year's
 * reference counter, then waits for one round trip instead of one per insert. A failing insert
 * fails the whole work there. Only for new rows: the inserts of one statement cannot see each
 * other (foreign keys between them are checked at its end, and hold).
 */
export function* insertLater(query: Query): Work<void> {
  yield { want: "later", query };
}

/**
 * Several inserts as one PostgreSQL statement: each but the last in a WITH clause of the last.
 * PostgreSQL runs every data-modifying WITH query to completion, whether the main statement reads
 * it or not.
 */
function together(queries: readonly Query[]): Query {
  if (queries.length === 1) return queries[0]!;
  const clauses = queries.slice(0, -1).map((query, i) => sql`${sql.raw(`"later${i}"`)} AS (${query})`);
  return sql`WITH ${sql.join(clauses)} ${queries.at(-1)!}` as unknown as Query;
}

/** A query's first row, if any. */
export function* first<Row>(query: Query<Row>): Work<Row | undefined> {
  return (yield { want: "first", query }) as Row | undefined;
}

/** A query's rows. */
export function* rows<Row>(query: Query<Row>): Work<Row[]> {
  return (yield { want: "rows", query }) as Row[];
}

/** Runs `work` to its end, answering each step at once (SQLite: statements are synchronous). */
export function driveNow<T>(work: Work<T>, answer: (step: Step) => unknown): T {
  let next = work.next();
  while (!next.done) {
    let value: unknown;
    try {
      const step = next.value;
      value = step.want === "later" ? void answer({ want: "changes", query: step.query }) : answer(step);
    } catch (error) {
      next = work.throw(error);
      continue;
    }
    next = work.next(value);
  }
  return next.value;
}

/** Runs `work` to its end, awaiting each step's answer (PostgreSQL); `insertLater`'s inserts go together. */
export async function drive<T>(work: Work<T>, answer: (step: Step) => Promise<unknown>): Promise<T> {
  const waiting: Query[] = [];
  const flush = async () => {
    if (waiting.length) await answer({ want: "changes", query: together(waiting.splice(0)) });
  };
  let next = work.next();
  while (!next.done) {
    const step = next.value;
    if (step.want === "later") {
      waiting.push(step.query);
      next = work.next(undefined);
      continue;
    }
    await flush();
    let value: unknown;
    try {
      value = await answer(step);
    } catch (error) {
      next = work.throw(error);
      continue;
    }
    next = work.next(value);
  }
  await flush();
  return next.value;
}
