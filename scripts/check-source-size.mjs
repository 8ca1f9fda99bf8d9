// `npm run check:size` (the first step of `npm test`): fails when a source file in app/ is over
// 500 lines, naming each such file and its length. A file that long does several jobs; split it
// by job (app/domain/report/ shows how). app/generated (Prisma's client) is not written by hand.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MAX_LINES = 500;
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|css)$/;
const SKIP = new Set(["generated", "node_modules"]);

/** Lines in a file as an editor numbers them (a last line without a newline still counts). */
function lineCount(text) {
  if (text === "") return 0;
  const newlines = text.split("\n").length - 1;
  return text.endsWith("\n") ? newlines : newlines + 1;
}

/** Source files under `dir` with more than `max` lines, longest first, paths relative to `root`. */
export function oversizedSourceFiles(dir, { root = dir, max = MAX_LINES } = {}) {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(full);
      } else if (entry.isFile() && SOURCE.test(entry.name)) {
        const lines = lineCount(fs.readFileSync(full, "utf8"));
        if (lines > max) found.push({ file: path.relative(root, full), lines });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const oversized = oversizedSourceFiles(path.join(root, "app"), { root });
  for (const { file, lines } of oversized) console.error(`${file}: ${lines} lines (at most ${MAX_LINES}); split it by job`);
  process.exit(oversized.length ? 1 : 0);
}
