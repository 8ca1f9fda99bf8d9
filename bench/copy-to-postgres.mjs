// Copies a generated SQLite database (bench/generate-requests.mjs) into a migrated PostgreSQL
// database, so the queue benchmark can measure the same requests on both engines (issue #15).
// Every table the two schemas share is copied row for row; values take PostgreSQL's types
// (0/1 → booleans, ISO text → timestamps). Triggers and foreign keys are off while it copies
// (session_replication_role = replica, which needs a superuser, as pg_virtualenv's is): the rows
// are already consistent, and BacklogCount is copied rather than rebuilt by the triggers.
import Database from "better-sqlite3";
import pg from "pg";
import { migratedAfresh, postgresUrl } from "./lib.mjs";

/**
 * The database of DATABASE_URL (scripts/with-postgres.mjs gives one) migrated afresh and holding
 * a copy of the generated SQLite `file`'s rows; its URL, the copy's time and the rows copied.
 */
export async function generatedOnPostgres(file) {
  const url = migratedAfresh(postgresUrl());
  return { url, ...(await copySqliteToPostgres(file, url)) };
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const PARAMETERS_PER_INSERT = 60_000;

export async function copySqliteToPostgres(file, url) {
  const sqlite = new Database(file, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const copied = {};
  try {
    const { rows: columns } = await client.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE '\\_prisma%' ORDER BY table_name, ordinal_position`,
    );
    const tables = new Map();
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      if (!tables.has(table)) tables.set(table, []);
      tables.get(table).push({ column, type });
    }
    const inSqlite = new Set(sqlite.prepare(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table'`).pluck().all());
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    for (const [table, allColumns] of tables) {
      if (!inSqlite.has(table)) continue;
      const sqliteColumns = new Set(sqlite.prepare(`SELECT "name" FROM pragma_table_info(?)`).pluck().all(table));
      const shared = allColumns.filter(({ column }) => sqliteColumns.has(column));
      const convert = shared.map(({ type }) => {
        if (type === "boolean") return (value) => (value === null ? null : value === 1 || value === true);
        if (type.startsWith("timestamp")) return (value) => (value === null ? null : typeof value === "number" ? new Date(value).toISOString() : value);
        return (value) => value;
      });
      await client.query(`DELETE FROM "${table}"`);
      const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / shared.length));
      const names = shared.map(({ column }) => `"${column}"`).join(", ");
      const statement = sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw();
      let batch = [];
      let count = 0;
      const flush = async () => {
        if (!batch.length) return;
        const values = [];
        const tuples = batch.map((row) => `(${row.map((value, i) => `$${values.push(convert[i](value))}`).join(", ")})`);
        await client.query(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(", ")}`, values);
        count += batch.length;
        batch = [];
      };
      for (const row of statement.iterate()) {
        batch.push(row);
        if (batch.length >= perInsert) await flush();
      }
      await flush();
      copied[table] = count;
    }
    await client.query("COMMIT");
    // What autovacuum does to a table that has taken many inserts: statistics for the planner,
    // and the visibility map, without which an index-only scan (a count) visits every row.
    await client.query("VACUUM ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
    sqlite.close();
  }
  return { seconds: (Date.now() - started) / 1000, copied };
}
