// Intake throughput: autocannon posts valid, varied intake forms at /requests/new, first to the
// app (node server.mjs), then to the floor (bench/floor-server.mjs), each on a fresh database.
// Env: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2),
// BENCH_BODIES (2000).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import * as esbuild from "esbuild";
import { BENCH_DIR, BIN, ROOT, TMP_DIR, freshDb, log, processCpuMs, startServer } from "./lib.mjs";

export const TARGETS = { ratio: 0.5, appP99Ms: 100 };

/** 2,000 distinct urlencoded intake forms from the test factories (tests/factories.ts). */
export function intakeBodies(count = Number(process.env.BENCH_BODIES ?? 2000)) {
  const file = path.join(TMP_DIR, `intake-bodies-${count}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(TMP_DIR, { recursive: true });
    execFileSync(BIN("tsx"), [path.join(BENCH_DIR, "intake-bodies.ts"), file, String(count)], {
      cwd: ROOT,
      // The factories import the Prisma client module; point it away from data/rrc.db.
      env: { ...process.env, DATABASE_URL: `file:${path.join(TMP_DIR, "unused.db")}` },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Bundles the app's schema and domain helpers for the floor server (see floor-domain.mjs). */
export async function bundleFloorDomain() {
  await esbuild.build({
    entryPoints: [path.join(BENCH_DIR, "floor-domain.mjs")],
    outfile: path.join(TMP_DIR, "floor-domain.bundle.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["zod"],
    absWorkingDir: ROOT,
    logLevel: "error",
  });
}

function fire(url, bodies, { seconds, connections }) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path: "/requests/new",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/** Requests answered with anything but 2xx/3xx, plus connection errors and timeouts. */
function failures(result) {
  const byCode = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !/^[23]\d\d$/.test(code))
    .reduce((sum, [, s]) => sum + Number(s.count), 0);
  return byCode + result.errors + result.timeouts;
}

function countRows(dbFile) {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      requests: db.prepare(`SELECT COUNT(*) FROM "Request"`).pluck().get(),
      events: db.prepare(`SELECT COUNT(*) FROM "RequestEvent"`).pluck().get(),
    };
  } finally {
    db.close();
  }
}

async function measure(label, serverOptions, bodies, options) {
  const dbFile = freshDb(`intake-${label}`);
  const server = await startServer({ dbFile, ...serverOptions });
  let warm;
  let result;
  let cpuMs;
  try {
    log(`intake/${label}: warm-up ${options.warmupSeconds} s, then ${options.seconds} s at ${options.connections} connections`);
    if (options.warmupSeconds > 0) warm = await fire(server.url, bodies, { ...options, seconds: options.warmupSeconds });
    const cpuBefore = processCpuMs(server.pid);
    result = await fire(server.url, bodies, options);
    cpuMs = processCpuMs(server.pid) - cpuBefore;
  } finally {
    await server.stop();
  }
  const rows = countRows(dbFile);
  const redirects = (warm?.["3xx"] ?? 0) + result["3xx"];
  const fail = failures(result) + (warm ? failures(warm) : 0);
  if (fail > 0) {
    const codes = JSON.stringify(result.statusCodeStats);
    log(`intake/${label}: ${fail} failed requests (status codes ${codes}); server stderr:\n${server.stderr().slice(0, 2000)}`);
  }
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    /** Server process CPU (user + system) per answered request: less sensitive to other load. */
    cpuMsPerRequest: cpuMs / result.requests.total,
    total: result.requests.total,
    redirects: result["3xx"],
    failures: fail,
    statusCodes: result.statusCodeStats,
    // Every 303 must have written a request and its first event (in-flight requests cut off
    // at the end may add a few rows beyond the 303s counted).
    rows,
    rowsConsistent: rows.requests >= redirects && rows.events === rows.requests,
  };
}

export async function runIntake({
  seconds = Number(process.env.BENCH_SECONDS ?? 10),
  connections = Number(process.env.BENCH_CONNECTIONS ?? 50),
  warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
} = {}) {
  const bodies = intakeBodies();
  await bundleFloorDomain();
  const options = { seconds, connections, warmupSeconds };
  const app = await measure("app", {}, bodies, options);
  const floor = await measure("floor", { args: [path.join(BENCH_DIR, "floor-server.mjs")] }, bodies, options);
  const ratio = app.requestsPerSecond / floor.requestsPerSecond;
  return {
    seconds,
    connections,
    bodies: bodies.length,
    app,
    floor,
    ratio,
    ok: {
      ratio: ratio >= TARGETS.ratio,
      appP99: app.p99 < TARGETS.appP99Ms,
      noFailures: app.failures === 0 && floor.failures === 0,
      rows: app.rowsConsistent && floor.rowsConsistent,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuild } = await import("./lib.mjs");
  ensureBuild();
  console.log(JSON.stringify(await runIntake(), null, 2));
}
