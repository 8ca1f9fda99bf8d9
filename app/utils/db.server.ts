// The one Prisma client, created once and reused across hot reloads.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

/**
 * Connection settings (docs/decisions/002-sqlite-durability.md): WAL so readers never wait
 * for the writer; synchronous=FULL so a submission acknowledged with its 303 is on disk
 * before the answer leaves; foreign keys enforced; `optimize` refreshes the query planner's
 * statistics where they are missing or stale (the queue's plans depend on them). The busy
 * timeout is the adapter's `timeout` option.
 */
export const SQLITE_PRAGMAS =
  "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA optimize = 0x10002;";

class ConfiguredSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}

function createClient(url: string) {
  return new PrismaClient({ adapter: new ConfiguredSQLite({ url, timeout: 5000 }) });
}

const globalForDb = globalThis as unknown as { __rrcDb?: PrismaClient };

/**
 * One connection serves the process. Its interactive transactions are serialised by the
 * adapter, but a lone write issued while another request's transaction is open would join
 * that transaction; so every write goes through `db.$transaction` (the domain modules do).
 */
export const db: PrismaClient = globalForDb.__rrcDb ?? createClient(env.databaseUrl);
globalForDb.__rrcDb = db;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
