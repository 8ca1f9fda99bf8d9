import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databasePath } from "./app/config/database-url.mjs";

/**
 * Prisma 7 and the native schema engine need downloads this project cannot make, so the CLI
 * runs the WebAssembly schema engine through the better-sqlite3 adapter
 * (docs/decisions/001-prisma-6-js-engine.md).
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

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new BetterSQLite3WithScriptShadow({ url: `file:${databasePath(undefined, "This version's Prisma setup")}` });
  },
} satisfies PrismaConfig;
