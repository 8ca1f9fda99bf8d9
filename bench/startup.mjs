// Start-up: seconds from spawning `node server.mjs` (built app, migrated database) to the first
// 200 from /healthz (polled every 10 ms), median of BENCH_STARTUP_RUNS (default 5) starts.
import { freshDb, log, median, startServer } from "./lib.mjs";

export const TARGETS = {};

export async function runStartup({ runs = Number(process.env.BENCH_STARTUP_RUNS ?? 5) } = {}) {
  const dbFile = freshDb("startup");
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer({ dbFile });
    seconds.push(server.readyMs / 1000);
    await server.stop();
  }
  log(`startup: ${seconds.map((s) => s.toFixed(2)).join(", ")} s`);
  return { runs: seconds, median: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuild } = await import("./lib.mjs");
  ensureBuild();
  console.log(JSON.stringify(await runStartup(), null, 2));
}
