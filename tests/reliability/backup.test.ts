// `npm run db:backup` takes a consistent copy while the server is busy filing requests: the
// copy passes SQLite's integrity check, holds no half-written request, and a server started
// on it serves the same requests.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import {
  ROOT,
  TMP_DIR,
  type ProductionServer,
  cleanUp,
  formBody,
  freshDatabase,
  incompleteRequests,
  openReadOnly,
  rowCounts,
  startProductionServer,
} from "./server";

const run = promisify(execFile);
const servers: ProductionServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  cleanUp();
});

describe("online backup", () => {
  it("copies a busy database consistently, and the copy serves the same requests", { timeout: 80_000 }, async () => {
    const dbFile = await freshDatabase("backup-live");
    const server = await startProductionServer(dbFile);
    servers.push(server);
    const random = seededRandom(31337);
    const acknowledgedBeforeBackup: string[] = [];
    let backupStarted = false;
    let stop = false;
    let posted = 0;

    const writer = async () => {
      while (!stop && posted < 600) {
        posted++;
        const response = await fetch(`${server.url}/requests/new`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
          body: formBody(intakeFormFields(buildIntake(random))),
        });
        await response.arrayBuffer();
        expect(response.status).toBe(303);
        const token = /^\/s\/([^/]+)\/submitted$/.exec(response.headers.get("Location") ?? "")?.[1];
        if (!backupStarted) acknowledgedBeforeBackup.push(token!);
      }
    };
    const writers = Array.from({ length: 8 }, writer);

    // Let some requests land, then back up while the writers keep going.
    while (acknowledgedBeforeBackup.length < 60) await new Promise((r) => setTimeout(r, 20));
    backupStarted = true;
    const out = path.join(TMP_DIR, "backup-copy.db");
    const { stdout } = await run(process.execPath, [path.join(ROOT, "scripts", "db-backup.mjs"), "--out", out], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    });
    const writtenDuring = posted;
    stop = true;
    await Promise.all(writers);
    expect(posted, "the backup ran while intake posts were being written").toBeGreaterThan(writtenDuring - 8);
    const reported = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, number>;

    const copy = openReadOnly(out);
    let tokenHashes: Set<string>;
    try {
      expect((copy.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check).toBe("ok");
      expect(incompleteRequests(copy)).toEqual([]);
      const counts = rowCounts(copy);
      expect(counts).toEqual({ Enterprise: reported.Enterprise, Request: reported.Request, RequestEvent: reported.RequestEvent });
      // Nothing acknowledged before the backup began is missing from it.
      expect(counts.Request).toBeGreaterThanOrEqual(acknowledgedBeforeBackup.length);
      tokenHashes = new Set((copy.prepare("SELECT statusTokenHash AS h FROM Request").all() as { h: string }[]).map((r) => r.h));
    } finally {
      copy.close();
    }
    const sha = (token: string) => createHash("sha256").update(token).digest("hex");
    expect(acknowledgedBeforeBackup.filter((t) => !tokenHashes.has(sha(t)))).toEqual([]);

    // Restore: a server on a copy of the backup serves the same requests.
    const restoredFile = path.join(TMP_DIR, "restored.db");
    fs.copyFileSync(out, restoredFile);
    const restored = await startProductionServer(restoredFile);
    servers.push(restored);
    for (const token of [...acknowledgedBeforeBackup.slice(0, 5), ...acknowledgedBeforeBackup.slice(-5)]) {
      const page = await fetch(`${restored.url}/s/${token}`);
      await page.arrayBuffer();
      expect(page.status).toBe(200);
    }
    const restoredDb = openReadOnly(restoredFile);
    try {
      expect(rowCounts(restoredDb)).toEqual({ Enterprise: reported.Enterprise, Request: reported.Request, RequestEvent: reported.RequestEvent });
    } finally {
      restoredDb.close();
    }
  });
});
