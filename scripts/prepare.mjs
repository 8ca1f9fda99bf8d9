// Run before `npm start`: migrate (and seed an empty database), then build unless the build is
// newer than every source file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  execFileSync(process.execPath, [path.join(root, "scripts/db-setup.mjs"), ...process.argv.slice(2)], { stdio: "inherit" });
} catch (error) {
  // db-setup has said why (e.g. a DATABASE_URL it cannot serve); no stack trace on top.
  process.exit(error.status ?? 1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = path.join(root, "build/server/index.js");
const sources = Math.max(
  newestMtime(path.join(root, "app")),
  fs.statSync(path.join(root, "package.json")).mtimeMs,
  fs.statSync(path.join(root, "vite.config.ts")).mtimeMs,
);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log("Building the app…");
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}
