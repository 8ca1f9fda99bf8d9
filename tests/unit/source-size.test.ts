// `npm run check:size` (scripts/check-source-size.mjs) names every source file in app/ over 500
// lines and its length, and leaves generated code alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { oversizedSourceFiles } from "../../scripts/check-source-size.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "source-size-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = (n: number, last = "\n") => Array.from({ length: n }, (_, i) => `const x${i} = ${i};`).join("\n") + last;

it("names each file over 500 lines with its length, longest first, and nothing at 500 or in app/generated", () => {
  fs.mkdirSync(path.join(dir, "domain", "report"), { recursive: true });
  fs.mkdirSync(path.join(dir, "generated", "prisma"), { recursive: true });
  fs.writeFileSync(path.join(dir, "domain", "at-limit.ts"), lines(500));
  fs.writeFileSync(path.join(dir, "domain", "report", "long.server.ts"), lines(1289));
  fs.writeFileSync(path.join(dir, "page.tsx"), lines(501, ""));
  fs.writeFileSync(path.join(dir, "notes.md"), lines(900));
  fs.writeFileSync(path.join(dir, "generated", "prisma", "client.ts"), lines(7000));

  expect(oversizedSourceFiles(dir)).toEqual([
    { file: path.join("domain", "report", "long.server.ts"), lines: 1289 },
    { file: "page.tsx", lines: 501 },
  ]);
});
