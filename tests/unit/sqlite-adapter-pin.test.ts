// The adapter's undocumented behaviour is relied on in one file, written for one version
// (app/data/sqlite-adapter.server.ts): the version installed and the version pinned in
// package.json must be that one, or the app would run on assumptions nobody has checked.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADAPTER_VERSION } from "~/data/sqlite-adapter.server";

const root = path.resolve(__dirname, "../..");

describe("the SQLite adapter's version", () => {
  it("is pinned in package.json and installed at the version its assumptions were checked for", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.dependencies["@prisma/adapter-better-sqlite3"]).toBe(ADAPTER_VERSION);
    const installed = JSON.parse(readFileSync(path.join(root, "node_modules/@prisma/adapter-better-sqlite3/package.json"), "utf8"));
    expect(installed.version).toBe(ADAPTER_VERSION);
  });
});
