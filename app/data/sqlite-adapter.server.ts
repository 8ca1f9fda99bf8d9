// Everything the app assumes about @prisma/adapter-better-sqlite3 beyond its documented API, in
// one file, beside the version it was written for (package.json pins the same version). Two
// assumptions, both checked when the adapter connects, so an upgrade that breaks them stops the
// app at start with this file's name instead of corrupting a transaction later:
//
// 1. The adapter keeps its better-sqlite3 connection in a public `client` field: the hot write
//    paths (intake, the outbox; decision 011) run plain statements on it inside Prisma's
//    transaction.
// 2. Prisma 6.19.3 ends an interactive transaction by sending COMMIT (or ROLLBACK) through the
//    transaction's executeRaw and only then calls its commit() (rollback()), which releases the
//    adapter's lock. When that statement fails (SQLITE_FULL on a full disk), neither is called:
//    the lock stayed taken and every later transaction waited for ever. Here such a failure rolls
//    back what SQLite left open and releases the lock before the error goes on.
//
// It also turns SQLite's "database or disk is full" into the domain's StorageFullError, here
// and for the raw statements of db.server.ts (`storageError`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { StorageFullError } from "~/domain/errors";

/** The adapter version this file was written against; package.json pins the same. */
export const ADAPTER_VERSION = "6.19.3";

/** The version installed in node_modules (read from its package.json, which `exports` hides). */
function installedAdapterVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("@prisma/adapter-better-sqlite3"));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@prisma/adapter-better-sqlite3") return pkg.version ?? "unknown";
    } catch {
      // not this folder
    }
  }
  return "unknown";
}

function assumptionFailed(what: string): never {
  throw new Error(
    `@prisma/adapter-better-sqlite3 no longer works as app/data/sqlite-adapter.server.ts assumes (${what}). ` +
      `It was written for version ${ADAPTER_VERSION}; check that file before changing the pinned version.`,
  );
}

/** SQLite's "database or disk is full", from better-sqlite3 itself or passed on by the adapter. */
function isDiskFull(error: unknown) {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === "SQLITE_FULL") return true;
  }
  return false;
}

/** The one place SQLite's errors become domain errors: a full disk is a StorageFullError. */
export function storageError(error: unknown) {
  return isDiskFull(error) && !(error instanceof StorageFullError) ? new StorageFullError({ cause: error }) : error;
}

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Queryable = Pick<Adapter, "queryRaw" | "executeRaw">;

function mapStorageErrors<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => queryRaw(query).catch((error: unknown) => Promise.reject(storageError(error)));
  queryable.executeRaw = (query) => executeRaw(query).catch((error: unknown) => Promise.reject(storageError(error)));
  return queryable;
}

/**
 * The adapter with the app's connection settings (`pragmas`), full-disk errors as
 * StorageFullError, and a lock that a failed COMMIT releases. `onConnect` receives the
 * better-sqlite3 connection once it is open.
 */
export class ConfiguredSQLite extends PrismaBetterSQLite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
    private readonly pragmas: string,
    private readonly onConnect: (client: Database.Database) => void,
  ) {
    super(config);
  }

  override async connect() {
    const version = installedAdapterVersion();
    if (version !== ADAPTER_VERSION) assumptionFailed(`installed version ${version}`);
    const adapter = mapStorageErrors(await super.connect());
    await adapter.executeScript(this.pragmas);
    const client = (adapter as unknown as { client?: Database.Database }).client;
    if (!client || typeof client.prepare !== "function" || typeof client.inTransaction !== "boolean") {
      assumptionFailed("no better-sqlite3 connection in its `client` field");
    }
    this.onConnect(client);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = mapStorageErrors(await startTransaction(isolationLevel));
      if (typeof tx.rollback !== "function") assumptionFailed("a transaction without rollback()");
      const executeRaw = tx.executeRaw;
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (error) {
          if (query.sql === "COMMIT" || query.sql === "ROLLBACK") {
            try {
              if (client.inTransaction) client.exec("ROLLBACK");
            } finally {
              await tx.rollback();
            }
          }
          throw error;
        }
      };
      return tx;
    };
    return adapter;
  }
}
