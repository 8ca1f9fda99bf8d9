// Starts and stops the production server (`node server.mjs` over build/) on its own fresh,
// migrated database under tests/.tmp/reliability-<pid>/, for the reliability suite. Same
// approach as bench/lib.mjs: a free 127.0.0.1 port, ready once /healthz answers 200.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
export const TMP_DIR = path.join(ROOT, "tests", ".tmp", `reliability-${process.pid}`);
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const DB_SUFFIXES = ["", "-wal", "-shm", "-journal"];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production build: built once when missing (a lock folder keeps parallel files from building twice). */
export async function ensureBuild() {
  const entry = path.join(ROOT, "build", "server", "index.js");
  if (fs.existsSync(entry)) return entry;
  const lock = path.join(ROOT, "tests", ".tmp", "reliability-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  try {
    fs.mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 180_000;
    while (!fs.existsSync(entry) && fs.existsSync(lock) && Date.now() < deadline) await sleep(500);
    if (fs.existsSync(entry)) return entry;
    throw new Error("another test file was building the app and did not finish (build/server/index.js missing)");
  }
  try {
    execFileSync(bin("remix"), ["vite:build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return entry;
}

export function removeDb(file: string) {
  for (const suffix of DB_SUFFIXES) fs.rmSync(file + suffix, { force: true });
}

/**
 * Runs a command of the project to its end without blocking this process meanwhile (a test
 * file that waits synchronously for a minute on a busy machine loses its test runner's messages).
 */
export function runToEnd(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}\n${stderr}`))));
  });
}

/**
 * A fresh migrated, empty database in WAL mode, as `node scripts/db-setup.mjs --no-seed` leaves
 * one: a copy of the run's base database (tests/setup/global-setup.ts migrates it once), which
 * spares each file a Prisma CLI start. With `seed`, the demo data as `db-setup` seeds it.
 */
export async function freshDatabase(name: string, { seed = false, dir = TMP_DIR }: { seed?: boolean; dir?: string } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${Date.now()}.db`);
  fs.copyFileSync(path.join(process.env.RRC_TEST_DIR!, "base.db"), file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  if (seed) await runToEnd(bin("tsx"), [path.join(ROOT, "prisma", "seed.ts")], { DATABASE_URL: `file:${file}` });
  return file;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function probe(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

export type ProductionServer = {
  url: string;
  dbFile: string;
  pid: number;
  stderr: () => string;
  /** SIGTERM (then SIGKILL after 5 s); resolves once the process has exited. */
  stop: () => Promise<void>;
  /** SIGKILL at once, as a power cut or the OOM killer would. */
  kill: () => Promise<void>;
};

/**
 * Runs `node server.mjs` on `dbFile` and waits until /healthz answers 200: at most 90 s, since two
 * servers starting at once beside the browser tests on a loaded machine once took over 30 s.
 */
export async function startProductionServer(dbFile: string, env: Record<string, string> = {}): Promise<ProductionServer> {
  await ensureBuild();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "server.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      INTAKE_RATE_LIMIT: "100000000/600",
      SCHEDULER_INTERVAL_SECONDS: "0",
      SESSION_SECRET: "reliability-suite-session-secret",
      OUTBOX_DIR: `${dbFile}-outbox`,
      FILES_DIR: `${dbFile}-files`,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  let exitedEarly: { code: number | null; signal: string | null } | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exitedEarly = { code, signal };
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: ProductionServer = {
    url,
    dbFile,
    pid: child.pid!,
    stderr: () => stderr,
    async stop() {
      if (exitedEarly) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (exitedEarly) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
  const deadline = Date.now() + 90_000;
  let status = 0;
  while (Date.now() < deadline && !exitedEarly) {
    status = await probe(url + "/healthz", 500);
    if (status === 200) break;
    await sleep(25);
  }
  if (status !== 200) {
    await server.stop();
    throw new Error(`server.mjs did not answer 200 on /healthz within 90 s (${JSON.stringify(exitedEarly)})\n${stderr}`);
  }
  return server;
}

/** Opens a database file read-only (safe beside a running server in WAL mode). */
export function openReadOnly(file: string) {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** Requests that do not have exactly one 'submit' event (should always be none). */
export function incompleteRequests(sqlite: Database.Database) {
  return sqlite
    .prepare(
      `SELECT r.id, r.reference, (SELECT COUNT(*) FROM RequestEvent e WHERE e.requestId = r.id AND e.action = 'submit') AS submits
       FROM Request r WHERE submits <> 1`,
    )
    .all() as { id: string; reference: string; submits: number }[];
}

export function rowCounts(sqlite: Database.Database) {
  const count = (table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  return { Enterprise: count("Enterprise"), Request: count("Request"), RequestEvent: count("RequestEvent") };
}

/** Removes this process's temporary folder (call from afterAll once every server has stopped). */
export function cleanUp() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
}

/** An url-encoded body from form fields (repeated names for arrays), as a browser posts it. */
export function formBody(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body.toString();
}
