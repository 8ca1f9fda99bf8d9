import { randomUUID } from "node:crypto";
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { parseDatabaseUrl } from "./app/config/database-url.mjs";

/**
 * Prisma 7 and the native schema engine need downloads this project cannot make, so the CLI
 * runs the WebAssembly schema engine through a driver adapter (docs/decisions/001-prisma-6-js-engine.md):
 * better-sqlite3 for a `file:` DATABASE_URL, pg for a `postgresql://` one, each engine with
 * its own schema and migrations folder (decision 049).
 *
 * better-sqlite3's prepared statements run one statement each. `migrate dev` replays each
 * migration file on the shadow database with a parameterless executeRaw, so those go through
 * executeScript (db.exec), which runs the whole file.
 */
class BetterSQLite3WithScriptShadow extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length === 0) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return adapter;
  }
}

/** The catalog's `name`, `"char"` and `name[]` columns, which the adapter cannot read (prisma/orm#27403), read as text and text[]. */
const CATALOG_TYPES_AS_TEXT: Record<number, number> = { 19: 25, 18: 25, 1003: 1009 };

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Result = { fields: { dataTypeID: number }[] };
type Queryable = { performIO(query: unknown): Promise<Result | Result[]> };

/** Wraps the adapter's (private) performIO so that the schema engine's catalog queries can be read. */
function readCatalogTypesAsText(queryable: object) {
  const io = queryable as Queryable;
  const performIO = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await performIO(query);
    // A script of several statements (executeScript below) answers with one result each.
    for (const field of [result].flat().flatMap((each) => each.fields)) field.dataTypeID = CATALOG_TYPES_AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
}

/**
 * @prisma/adapter-pg 6.19.3 as the schema engine needs it (the app's runtime needs none of this):
 * catalog types read as text, in transactions too; a migration file sent whole (the adapter's
 * executeScript splits it at every `;`, which cuts PL/pgSQL function bodies apart); and a shadow
 * database that really is another database (the adapter passes `{ ...config, database }`, but pg
 * lets `connectionString` win, so the "shadow" was the main database).
 */
class PgForSchemaEngine extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url });
  }

  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    readCatalogTypesAsText(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startTransaction(isolationLevel);
      readCatalogTypesAsText(transaction);
      return transaction;
    };
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  }

  override async connectToShadowDb(): Promise<PgAdapter> {
    const main = await this.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    const shadow = await new PgForSchemaEngine(url.toString()).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await main.dispose();
    };
    return shadow;
  }
}

// A DATABASE_URL that cannot be served is reported when a command needs the database, so that
// `prisma generate` (which does not) still runs.
let database: ReturnType<typeof parseDatabaseUrl> | undefined;
let unservable: unknown;
try {
  database = parseDatabaseUrl();
} catch (error) {
  unservable = error;
}
const folder = database?.engine === "postgresql" ? path.join("prisma", "postgres") : "prisma";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    if (!database) throw unservable;
    return database.engine === "postgresql" ? new PgForSchemaEngine(database.url) : new BetterSQLite3WithScriptShadow({ url: database.url });
  },
} satisfies PrismaConfig;
