// `npm run db:backup` saves the documents with the database, and `npm run db:restore` puts both
// back: after files were lost or altered and rows changed, the restored store holds exactly the
// contents the rows name (same SHA-256s) and the rows are those of the backup.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { action as enterpriseUpload } from "~/routes/s.$token_.files";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { CSV, PDF } from "../file-fixtures";
import { buildIntake, seededRandom } from "../factories";
import { call } from "./route-helpers";

const run = promisify(execFile);
const random = seededRandom(4);
const databaseFile = process.env.DATABASE_URL!.slice("file:".length);
const store = path.resolve(env.FILES_DIR);
const backupDir = `${databaseFile}-backups`;
afterAll(() => fs.rmSync(backupDir, { recursive: true, force: true }));

function script(name: "db-backup" | "db-restore", args: string[]) {
  return run(process.execPath, [path.resolve("scripts", `${name}.mjs`), ...args], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, FILES_DIR: store },
  });
}

const stored = (sha256: string) => path.join(store, sha256.slice(0, 2), sha256);
const sha256Of = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** The rows of RequestFile and, for each content they name, the SHA-256 of what the store holds. */
function snapshot() {
  const reader = new Database(databaseFile, { readonly: true });
  try {
    const rows = reader.prepare(`SELECT "id", "requestId", "originalName", "sha256", "size", "thumbnailSha256" FROM "RequestFile" ORDER BY "id"`).all() as {
      sha256: string;
      thumbnailSha256: string | null;
    }[];
    const requests = reader.prepare(`SELECT "reference" FROM "Request" ORDER BY "reference"`).pluck().all();
    const contents = [...new Set(rows.flatMap((r) => [r.sha256, r.thumbnailSha256]).filter((s): s is string => s !== null))].sort();
    const held = Object.fromEntries(contents.map((sha) => [sha, fs.existsSync(stored(sha)) ? sha256Of(stored(sha)) : "missing"]));
    return { rows, requests, held };
  } finally {
    reader.close();
  }
}

async function upload(token: string, files: { name: string; content: Buffer }[]) {
  const body = new FormData();
  for (const file of files) body.append("file", new File([new Uint8Array(file.content)], file.name));
  const answer = await call(enterpriseUpload, new Request(`http://localhost/s/${token}/files`, { method: "POST", body }), { token });
  expect(answer.location).toContain("files=added");
}

describe("backing up and restoring the documents with the database", () => {
  it("restores the same rows and the same contents after files were deleted and altered", { timeout: 60_000 }, async () => {
    const filed = await createRequest({ input: buildIntake(random) });
    const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#a52" } })
      .jpeg()
      .toBuffer();
    await upload(filed.token, [
      { name: "рахунок.pdf", content: PDF },
      { name: "перелік.csv", content: CSV },
      { name: "цех.jpg", content: photo },
    ]);
    const before = snapshot();
    expect(before.rows).toHaveLength(3);
    // Every content named is in the store, as named (three files and the photo's thumbnail).
    expect(Object.entries(before.held).filter(([sha, held]) => sha !== held)).toEqual([]);
    expect(Object.keys(before.held)).toHaveLength(4);

    const out = path.join(backupDir, "rrc-backup.db");
    const backedUp = await script("db-backup", ["--out", out]);
    expect(backedUp.stdout).toContain("Documents: 4 in");
    expect(JSON.parse(backedUp.stdout.trim().split("\n").at(-1)!)).toMatchObject({ RequestFile: 3 });
    // A second backup copies nothing again: the contents are there already.
    const again = await script("db-backup", ["--out", path.join(backupDir, "rrc-backup-2.db")]);
    expect(again.stdout).toContain("(0 copied now");

    // Losses after the backup: one file deleted, one altered in place, the thumbnail deleted,
    // a row deleted and a request filed since.
    const [pdfRow, csvRow, photoRow] = ["рахунок.pdf", "перелік.csv", "цех.jpg"].map((name) =>
      before.rows.find((r) => (r as unknown as { originalName: string }).originalName === name)!,
    ) as [(typeof before.rows)[number], (typeof before.rows)[number], (typeof before.rows)[number]];
    fs.rmSync(stored(pdfRow.sha256));
    fs.writeFileSync(stored(csvRow.sha256), "altered");
    fs.rmSync(stored(photoRow.thumbnailSha256!));
    await db.requestFile.delete({ where: { id: (pdfRow as unknown as { id: string }).id } });
    await createRequest({ input: buildIntake(random) });
    const damaged = snapshot();
    expect(damaged.rows).toHaveLength(2);
    expect(damaged.requests).toHaveLength(before.requests.length + 1);
    expect(damaged.held[csvRow.sha256]).not.toBe(csvRow.sha256);

    // The server is stopped for a restore: here, the test's own connection is closed.
    await db.$disconnect();
    const restored = await script("db-restore", ["--from", out]);
    expect(restored.stdout).toContain("Documents: 4 named, 3 written back");

    const after = snapshot();
    expect(after.rows).toEqual(before.rows);
    expect(after.requests).toEqual(before.requests);
    expect(after.held).toEqual(before.held);
    // The replaced database is kept beside it.
    expect(fs.readdirSync(path.dirname(databaseFile)).some((name) => name.startsWith(`${path.basename(databaseFile)}.before-restore-`))).toBe(true);
    // And the app reads the restored rows.
    expect(await db.requestFile.count({ where: { requestId: filed.id } })).toBe(3);
  });

  it("refuses a backup whose documents are missing or damaged, and changes nothing", { timeout: 60_000 }, async () => {
    const filed = await createRequest({ input: buildIntake(random) });
    await upload(filed.token, [{ name: "акт.pdf", content: Buffer.concat([PDF, Buffer.from("акт")]) }]);
    const out = path.join(backupDir, "partial", "rrc.db");
    await script("db-backup", ["--out", out]);
    const row = await db.requestFile.findFirstOrThrow({ where: { requestId: filed.id } });
    const inBackup = path.join(backupDir, "partial", "files", row.sha256.slice(0, 2), row.sha256);
    fs.writeFileSync(inBackup, "damaged in the backup");
    await createRequest({ input: buildIntake(random) });
    const before = snapshot();

    await db.$disconnect();
    const refused = await script("db-restore", ["--from", out]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("missing or damaged");
    expect(refused?.stderr).toContain("Nothing was changed");
    expect(snapshot()).toEqual(before);
  });
});
