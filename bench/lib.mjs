// Shared helpers for the benchmarks: paths, the production build, fresh databases under
// bench/.tmp/, starting and stopping `node server.mjs`, percentiles and formatting.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { generateRequests } from "./generate-requests.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH_DIR = path.join(ROOT, "bench");
export const TMP_DIR = path.join(BENCH_DIR, ".tmp");
export const BIN = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** Far above anything a 10-second run can reach: the benchmark measures work, not refusals. */
export const BENCH_RATE_LIMIT = "100000000/600";

export function log(...args) {
  console.error("[bench]", ...args);
}

/**
 * The production build. Built when missing, or when BENCH_BUILD=1 (the benchmark measures
 * whatever build/ holds, so rebuild after changing the app).
 */
export function ensureBuild() {
  const serverEntry = path.join(ROOT, "build", "server", "index.js");
  if (process.env.BENCH_BUILD === "1" || !fs.existsSync(serverEntry)) {
    log("building the app (remix vite:build)…");
    execFileSync(BIN("remix"), ["vite:build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  }
  return serverEntry;
}

const DB_SUFFIXES = ["", "-wal", "-shm", "-journal"];

export function removeDb(file) {
  for (const suffix of DB_SUFFIXES) fs.rmSync(file + suffix, { force: true });
}

/** Creates (or re-creates) a migrated database with scripts/db-setup.mjs. */
export function setupDb(file, { seed = false } = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeDb(file);
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "db-setup.mjs"), "--reset", ...(seed ? [] : ["--no-seed"])], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return file;
}

/**
 * The database of generated requests the queue and export benchmarks share
 * (bench/.tmp/generated.db): made afresh (seeded, then `count` generated requests) when it is
 * missing, holds fewer requests, or was migrated with other migrations than prisma/migrations
 * has now (a schema change would otherwise be measured on the old schema).
 */
export function generatedDatabase(count, who) {
  const file = path.join(TMP_DIR, "generated.db");
  const migrations = fs
    .readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  let current = false;
  if (fs.existsSync(file)) {
    const db = new Database(file, { readonly: true });
    try {
      const applied = db.prepare(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ORDER BY 1`).pluck().all();
      const requests = db.prepare(`SELECT COUNT(*) FROM "Request"`).pluck().get();
      current = requests >= count && applied.join("\n") === migrations.join("\n");
    } catch {
      current = false;
    } finally {
      db.close();
    }
  }
  if (!current) {
    log(`${who}: generating ${count.toLocaleString("en-US")} requests…`);
    setupDb(file, { seed: true });
    generateRequests(file, count);
  }
  return file;
}

let template;
/** One migrated, empty database per `npm run bench`; every benchmark gets its own copy. */
export function freshDb(name) {
  template ??= setupDb(path.join(TMP_DIR, "template.db"));
  const file = path.join(TMP_DIR, `${name}.db`);
  removeDb(file);
  fs.copyFileSync(template, file); // db-setup closes cleanly, so the WAL is checkpointed into the file
  return file;
}

/**
 * A fresh, migrated, empty PostgreSQL database named rrc_<name> on the server of DATABASE_URL
 * (scripts/with-postgres.mjs gives one); its URL.
 */
export function freshPostgresDb(name) {
  const url = new URL(postgresUrl());
  url.pathname = `/rrc_${name.replace(/[^a-z0-9_]/gi, "_")}`;
  return migratedAfresh(url.toString());
}

/** DATABASE_URL, which names PostgreSQL when a benchmark runs through scripts/with-postgres.mjs. */
export function postgresUrl() {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("postgres")) throw new Error("a PostgreSQL benchmark runs through `node scripts/with-postgres.mjs`, which sets DATABASE_URL");
  return url;
}

/** The PostgreSQL database at `url` dropped, created and migrated, empty (scripts/db-setup.mjs); `url`. */
export function migratedAfresh(url) {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "db-setup.mjs"), "--reset", "--no-seed"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return url;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One GET; resolves with the status code (or 0 when the connection was refused). */
export function probe(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

/**
 * Spawns a Node process serving HTTP on 127.0.0.1:<free port> and waits (at most
 * `timeoutMs`) until `readyPath` answers 200. `args` defaults to the production server.
 */
export async function startServer({ dbFile, args = [path.join(ROOT, "server.mjs")], env = {}, readyPath = "/healthz", timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      INTAKE_RATE_LIMIT: BENCH_RATE_LIMIT,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let exitedEarly = null;
  exited.then((result) => (exitedEarly = result));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline && exitedEarly === null) {
    status = await probe(url + readyPath, 500);
    if (status === 200) break;
    await sleep(10);
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const server = {
    url,
    port,
    pid: child.pid,
    readyMs,
    stderr: () => stderr,
    /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
    async stop() {
      if (exitedEarly === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  if (status !== 200) {
    await server.stop();
    throw new Error(
      `server ${args.join(" ")} did not answer 200 on ${readyPath} within ${timeoutMs} ms` +
        (exitedEarly ? ` (exited: ${JSON.stringify(exitedEarly)})` : "") +
        `\n${stderr}`,
    );
  }
  return server;
}

export function percentile(sortedValues, p) {
  if (sortedValues.length === 0) return NaN;
  const index = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil((p / 100) * sortedValues.length) - 1));
  return sortedValues[index];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—"),
  ms: (n) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : "—"),
  s: (n) => (Number.isFinite(n) ? `${n.toFixed(2)} s` : "—"),
  kb: (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : "—"),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(2) : "—"),
};

/** "✔" when met, "✘" when missed, "" when there is no target. */
export function verdict(ok) {
  return ok === undefined ? "" : ok ? "✔" : "✘";
}

let clockTicks;
/** CPU time (user + system, ms) a process has used so far, from /proc (Linux only; NaN elsewhere). */
export function processCpuMs(pid) {
  try {
    clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

/** The 1-minute load average: other work on the machine skews every figure here. */
export function loadAverage() {
  try {
    return Number(fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  } catch {
    return NaN;
  }
}
