// Intake throughput: autocannon posts valid, varied intake forms at /requests/new to the app
// (node server.mjs) and to the floor (bench/floor-server.mjs), each on its own fresh database.
// Env: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2),
// BENCH_BODIES (2000), BENCH_PROFILE=1 (run both servers under node --cpu-prof and summarise
// where their time went; profiling slows them, so those figures are not comparable),
// BENCH_INTAKE_ENGINE=postgresql (both servers on PostgreSQL, each on its own fresh database:
// run through scripts/with-postgres.mjs, which gives DATABASE_URL).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { BENCH_DIR, BIN, ROOT, TMP_DIR, freshDb, freshPostgresDb, log, percentile, processCpuMs, startServer } from "./lib.mjs";
import { summariseProfile } from "./profile-summary.mjs";

/**
 * ratio: throughput at saturation, app ÷ floor. sustainableRatio: the highest evenly spaced rate
 * each serves with p99 under sustainableP99Ms, app ÷ floor. The p99 at saturation is printed but
 * is no target: with connections that never pause it is connections ÷ throughput (Little's law).
 */
export const TARGETS = { ratio: 0.5, sustainableRatio: 0.7, sustainableP99Ms: 100 };

/**
 * The steady-rate round: submissions sent at evenly spaced moments (open loop: each goes out on
 * time whether or not earlier ones have been answered), well below either server's capacity.
 * At saturation every connection always has a submission waiting, so latency is connections ÷
 * throughput (Little's law) and says little about what one enterprise waits; at a steady rate
 * it is the time a submission takes. (autocannon's overallRate sends each second's budget in a
 * burst, which measures the burst.)
 */
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100);

let bodiesCache;
/**
 * 2,000 distinct urlencoded intake forms from the test factories (tests/factories.ts), made
 * once per run (about a second) so they follow the current factories and schema.
 */
export function intakeBodies(count = Number(process.env.BENCH_BODIES ?? 2000)) {
  if (bodiesCache?.length === count) return bodiesCache;
  const file = path.join(TMP_DIR, "intake-bodies.json");
  fs.mkdirSync(TMP_DIR, { recursive: true });
  execFileSync(BIN("tsx"), [path.join(BENCH_DIR, "intake-bodies.ts"), file, String(count)], {
    cwd: ROOT,
    // The factories import the Prisma client module; point it away from data/rrc.db.
    env: { ...process.env, DATABASE_URL: `file:${path.join(TMP_DIR, "unused.db")}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  bodiesCache = JSON.parse(fs.readFileSync(file, "utf8"));
  return bodiesCache;
}

/**
 * One autocannon run. Latencies are collected here from every response: autocannon's own
 * latency histogram only records 2xx answers, and the intake answers 303.
 */
function fire(url, bodies, { seconds, connections }) {
  let next = 0;
  const latencies = [];
  const started = process.hrtime.bigint();
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
      (error, result) => {
        if (error) return reject(error);
        const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({ result, latencies, elapsedS });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** `rate` submissions a second for `seconds`, evenly spaced; latency of each from when it was sent. */
function paced(url, bodies, { rate, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies = [];
  let sent = 0;
  let answered = 0;
  let failed = 0;
  const started = performance.now();
  return new Promise((resolve) => {
    const settle = () => {
      if (++answered < total) return;
      agent.destroy();
      resolve({ latencies, failed, elapsedS: (performance.now() - started) / 1000 });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const body = bodies[sent % bodies.length];
        const sentAt = performance.now();
        const request = http.request(`${url}/requests/new`, {
          method: "POST",
          agent,
          timeout: 10_000,
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
        });
        request.on("response", (response) => {
          response.resume();
          response.on("end", () => {
            if (response.statusCode >= 400) failed++;
            latencies.push(performance.now() - sentAt);
            settle();
          });
        });
        request.on("timeout", () => request.destroy(new Error("timeout")));
        request.on("error", () => {
          failed++;
          settle();
        });
        request.end(body);
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}

/**
 * The highest rate (submissions/s, evenly spaced, open loop) at which a server answers every
 * submission with p99 under the target: doubling from `start` until a probe fails, then halving
 * the gap between the last pass and the first failure until it is within `precision` of the pass.
 */
async function sustainableRate(url, bodies, { seconds, start = 25, precision = 0.05 }) {
  const probes = [];
  const probe = async (rate) => {
    const run = await paced(url, bodies, { rate, seconds });
    const p99 = percentile(
      run.latencies.sort((a, b) => a - b),
      99,
    );
    const ok = run.failed === 0 && p99 < TARGETS.sustainableP99Ms;
    probes.push({ rate, p99, failed: run.failed, ok });
    // Let a backlog from an overloaded probe drain before the next one.
    if (!ok) await new Promise((resolve) => setTimeout(resolve, 1000));
    return ok;
  };
  let pass = 0;
  let fail = start;
  while (await probe(fail)) [pass, fail] = [fail, fail * 2];
  while (pass > 0 ? (fail - pass) / pass > precision : fail > 1) {
    const middle = Math.round((pass + fail) / 2);
    if (middle === pass || middle === fail) break;
    if (await probe(middle)) pass = middle;
    else fail = middle;
  }
  return { rate: pass, probes };
}

/** Requests answered with anything but 2xx/3xx, plus connection errors and timeouts. */
function failures(result) {
  const byCode = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !/^[23]\d\d$/.test(code))
    .reduce((sum, [, s]) => sum + Number(s.count), 0);
  return byCode + result.errors + result.timeouts;
}

async function countRows(side) {
  if (side.databaseUrl) {
    const client = new pg.Client({ connectionString: side.databaseUrl });
    await client.connect();
    try {
      const count = async (table) => Number((await client.query(`SELECT count(*) AS "n" FROM "${table}"`)).rows[0].n);
      return { requests: await count("Request"), events: await count("RequestEvent") };
    } finally {
      await client.end();
    }
  }
  const db = new Database(side.dbFile, { readonly: true });
  try {
    return {
      requests: db.prepare(`SELECT COUNT(*) FROM "Request"`).pluck().get(),
      events: db.prepare(`SELECT COUNT(*) FROM "RequestEvent"`).pluck().get(),
    };
  } finally {
    db.close();
  }
}

/** A server under test and what its measured rounds added up to. */
/** `script` is node's arguments after its own options: the file, with what it needs to load first. */
async function startSide(label, script, options) {
  const onPostgres = options.engine === "postgresql";
  const dbFile = onPostgres ? undefined : freshDb(`intake-${label}`);
  const databaseUrl = onPostgres ? freshPostgresDb(`intake_${label}`) : undefined;
  const profileDir = path.join(TMP_DIR, "profiles", label);
  if (options.profile) fs.rmSync(profileDir, { recursive: true, force: true });
  const args = [...(options.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []), ...script];
  const server = await startServer({ dbFile, args, env: databaseUrl ? { DATABASE_URL: databaseUrl } : {} });
  return { label, dbFile, databaseUrl, profileDir, server, latencies: [], seconds: 0, responses: 0, redirects: 0, failures: 0, cpuMs: 0, statusCodes: {} };
}

function record(side, { result, latencies, elapsedS }, { measured }) {
  side.redirects += result["3xx"];
  side.failures += failures(result);
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    side.statusCodes[code] = (side.statusCodes[code] ?? 0) + Number(count);
  }
  if (!measured) return;
  side.latencies.push(...latencies);
  side.responses += latencies.length;
  side.seconds += elapsedS;
}

async function finishSide(side) {
  await side.server.stop();
  const rows = await countRows(side);
  const profileFile = fs.existsSync(side.profileDir) && fs.readdirSync(side.profileDir).find((f) => f.endsWith(".cpuprofile"));
  if (side.failures > 0) {
    log(`intake/${side.label}: ${side.failures} failed requests (${JSON.stringify(side.statusCodes)}); server stderr:\n${side.server.stderr().slice(0, 2000)}`);
  }
  const sorted = side.latencies.sort((a, b) => a - b);
  return {
    label: side.label,
    requestsPerSecond: side.responses / side.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    /** Server process CPU (user + system) per answered request: less sensitive to other load. */
    cpuMsPerRequest: side.cpuMs / side.responses,
    responses: side.responses,
    failures: side.failures,
    statusCodes: side.statusCodes,
    // Every 303 (warm-up included) must have written a request and its first event; requests
    // in flight when a round ends may add a few rows beyond the 303s counted.
    rows,
    rowsConsistent: rows.requests >= side.redirects && rows.events === rows.requests,
    /** Latency at a steady STEADY_RATE submissions/s (not the target's figure, which is at saturation). */
    steady: side.steady,
    profile: profileFile ? summariseProfile(path.join(side.profileDir, profileFile)) : undefined,
  };
}

/**
 * Both servers run side by side (the idle one costs nothing); each is warmed up, then measured
 * in two halves in the order app, floor, floor, app, so that a change in the machine's other
 * load during the run weighs on both alike.
 */
export async function runIntake({
  seconds = Number(process.env.BENCH_SECONDS ?? 10),
  connections = Number(process.env.BENCH_CONNECTIONS ?? 50),
  warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
  profile = process.env.BENCH_PROFILE === "1",
  engine = process.env.BENCH_INTAKE_ENGINE ?? "sqlite",
} = {}) {
  const bodies = intakeBodies();
  const options = { seconds, connections, warmupSeconds, profile, engine };
  const app = await startSide("app", [path.join(ROOT, "server.mjs")], options);
  let floor;
  try {
    // The floor imports the app's TypeScript modules: tsx loads them (it costs start-up only).
    floor = await startSide("floor", ["--import", "tsx", path.join(BENCH_DIR, "floor-server.mjs")], options);
    log(`intake: warm-up ${warmupSeconds} s each, then ${seconds} s each at ${connections} connections (app, floor, floor, app)`);
    for (const side of [app, floor]) {
      if (warmupSeconds > 0) record(side, await fire(side.server.url, bodies, { connections, seconds: warmupSeconds }), { measured: false });
    }
    log(`intake: ${STEADY_RATE} submissions/s, evenly spaced, for ${seconds / 2} s each (app, floor)`);
    for (const side of [app, floor]) {
      const run = await paced(side.server.url, bodies, { rate: STEADY_RATE, seconds: seconds / 2 });
      side.failures += run.failed;
      side.redirects += run.latencies.length - run.failed;
      const sorted = run.latencies.sort((a, b) => a - b);
      side.steady = { rate: STEADY_RATE, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    }
    const sustainSeconds = Number(process.env.BENCH_SUSTAIN_SECONDS ?? 3);
    log(`intake: the highest evenly spaced rate with p99 < ${TARGETS.sustainableP99Ms} ms, ${sustainSeconds} s a probe (app, floor)`);
    for (const side of [app, floor]) {
      side.sustainable = await sustainableRate(side.server.url, bodies, { seconds: sustainSeconds });
      side.redirects += side.sustainable.probes.reduce((sum, p) => sum + Math.round(p.rate * sustainSeconds) - p.failed, 0);
      // A probe past capacity may time out: that is what the search looks for, not a failure of the server.
    }
    for (const side of [app, floor, floor, app]) {
      const cpuBefore = processCpuMs(side.server.pid);
      const run = await fire(side.server.url, bodies, { connections, seconds: seconds / 2 });
      side.cpuMs += processCpuMs(side.server.pid) - cpuBefore;
      record(side, run, { measured: true });
    }
  } finally {
    await Promise.all([app.server.stop(), floor?.server.stop()]);
  }
  const appResult = await finishSide(app);
  const floorResult = await finishSide(floor);
  const ratio = appResult.requestsPerSecond / floorResult.requestsPerSecond;
  const sustainableRatio = app.sustainable.rate / floor.sustainable.rate;
  return {
    engine,
    seconds,
    connections,
    profiled: profile,
    bodies: bodies.length,
    app: appResult,
    floor: floorResult,
    ratio,
    sustainable: { app: app.sustainable, floor: floor.sustainable, ratio: sustainableRatio },
    ok: {
      ratio: ratio >= TARGETS.ratio,
      sustainable: sustainableRatio >= TARGETS.sustainableRatio,
      noFailures: appResult.failures === 0 && floorResult.failures === 0,
      rows: appResult.rowsConsistent && floorResult.rowsConsistent,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuild } = await import("./lib.mjs");
  ensureBuild();
  console.log(JSON.stringify(await runIntake(), null, 2));
}
