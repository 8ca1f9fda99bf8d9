// Summarises a V8 .cpuprofile (node --cpu-prof) by where the main thread's time went: Prisma's
// query compiler, Prisma's client runtime, the SQLite adapter (including SQLite itself and the
// fsync of each commit, which block the thread), Remix, React, Express, the Fetch API, zod,
// the app's own code. Used by bench/intake.mjs with BENCH_PROFILE=1.
//   node bench/profile-summary.mjs <file.cpuprofile | directory>
import fs from "node:fs";
import path from "node:path";

const BUCKETS = [
  ["Prisma query compiler (WASM)", (url) => url.startsWith("wasm://") || url.includes("query_compiler")],
  ["Prisma client runtime", (url) => url.includes("/@prisma/client/") || url.includes("/@prisma/debug/")],
  ["SQLite: Prisma adapter + better-sqlite3 (incl. fsync)", (url) => url.includes("/@prisma/adapter-better-sqlite3/") || url.includes("/better-sqlite3/")],
  ["Remix server runtime", (url) => url.includes("/@remix-run/")],
  ["React rendering", (url) => url.includes("/react-dom/") || url.includes("/react/")],
  [
    "Express + compression",
    (url) => /\/node_modules\/(express|compression|body-parser|send|serve-static|router|finalhandler|on-headers|accepts|negotiator)\//.test(url),
  ],
  ["Fetch API (undici, web streams)", (url) => url.includes("internal/deps/undici") || url.includes("internal/webstreams")],
  ["zod + conform", (url) => url.includes("/zod/") || url.includes("/@conform-to/")],
  ["app code (build/server)", (url) => url.includes("/build/server/")],
  ["floor server code", (url) => url.includes("/bench/")],
  ["module loading (start-up)", (url) => url.includes("internal/modules/")],
];

export function summariseProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const buckets = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = nodes.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    const { url, functionName } = node.callFrame;
    let name;
    if (functionName === "(idle)") name = "(idle)";
    else if (functionName === "(garbage collector)") name = "garbage collection";
    else name = BUCKETS.find(([, test]) => test(url))?.[0] ?? "Node core and other";
    buckets.set(name, (buckets.get(name) ?? 0) + dt);
    total += dt;
  }
  const busy = total - (buckets.get("(idle)") ?? 0);
  return [...buckets]
    .filter(([name]) => name !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
}

export function formatSummary(rows) {
  return rows.map((r) => `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}`).join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => path.join(target, f))
    : [target];
  for (const file of files) console.log(`${file}\n${formatSummary(summariseProfile(file))}\n`);
}
