// `npm run bench`: runs the benchmarks against the production build, prints one table and
// appends it, dated, to bench/RESULTS.md. See bench/README.md.
//   node --import tsx bench/run.mjs [intake] [upload] [page-weight] [startup] [generator] [queue] [export]   (default: all)
// Env: BENCH_SECONDS (intake run length, default 10), BENCH_BUILD=1 (rebuild first),
// BENCH_GENERATE (requests for the data generator, default BENCH_QUEUE_REQUESTS or 100000; 0
// skips it), BENCH_ENGINES (the engines of intake, the queue, the dashboard and the export, default
// "sqlite,postgresql"), and the
// per-benchmark knobs listed in each module.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_DIR, ROOT, TMP_DIR, ensureBuild, fmt, loadAverage, log, setupDb, verdict } from "./lib.mjs";
import { generateRequests } from "./generate-requests.mjs";
import { TARGETS as INTAKE_TARGETS, runIntake } from "./intake.mjs";
import { TARGETS as UPLOAD_TARGETS, runUpload } from "./upload.mjs";
import { TARGETS as PAGE_TARGETS, runPageWeight } from "./page-weight.mjs";
import { runStartup } from "./startup.mjs";
import { TARGETS as QUEUE_TARGETS, runQueue } from "./queue.mjs";
import { TARGETS as EXPORT_TARGETS, runExport } from "./export.mjs";
import { TARGETS as ISSUED_TARGETS, runIssuedReport } from "./issued-report.mjs";
import { formatSummary } from "./profile-summary.mjs";

const ALL = ["intake", "upload", "page-weight", "startup", "generator", "queue", "export"];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const name of chosen) if (!ALL.includes(name)) throw new Error(`unknown benchmark "${name}" (choose from ${ALL.join(", ")})`);

const started = Date.now();
const loadBefore = loadAverage();
fs.mkdirSync(TMP_DIR, { recursive: true });
ensureBuild();

/** Rows of the table: [benchmark, figure, value, target, verdict]. */
const rows = [];
const notes = [];

// BENCH_ENGINES (default "sqlite,postgresql"): the engines intake, the queue, the dashboard
// and the weekly export are measured on. PostgreSQL runs in a child through scripts/with-postgres.mjs (a throw-away
// server from Debian's binaries); when it cannot run, the table says so.
const engines = (process.env.BENCH_ENGINES ?? "sqlite,postgresql").split(",").map((engine) => engine.trim());

/** `name`'s result on PostgreSQL (bench/on-postgres.mjs in a child), or null with a row saying why not. */
function onPostgres(name, what) {
  const out = path.join(TMP_DIR, `${name}-postgresql.json`);
  fs.rmSync(out, { force: true });
  const child = spawnSync(
    process.execPath,
    [path.join(ROOT, "scripts", "with-postgres.mjs"), process.execPath, "--import", "tsx", path.join(BENCH_DIR, "on-postgres.mjs"), name, out],
    { cwd: ROOT, env: { ...process.env, CI: "" }, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (fs.existsSync(out)) return JSON.parse(fs.readFileSync(out, "utf8"));
  rows.push([`${what}, PostgreSQL`, `not measured (exit ${child.status}; its output is above)`, "", "", "✘"]);
  notes.push(`${what} on PostgreSQL was not measured: scripts/with-postgres.mjs found no PostgreSQL server binaries, or the run failed.`);
  return null;
}

/** The intake's rows of the table and its notes, for one engine. */
function intakeRows(r) {
  const engine = r.engine === "postgresql" ? "PostgreSQL" : "SQLite";
  const title = `Intake POST /requests/new, ${engine} (${r.connections} conns, ${r.seconds} s each)`;
  rows.push(
    [title, "app: requests/s", fmt.int(r.app.requestsPerSecond), "", ""],
    ["", "app: latency p50 / p99 (at saturation: Little's law)", `${fmt.ms(r.app.p50)} / ${fmt.ms(r.app.p99)}`, "", ""],
    ["", "floor: requests/s", fmt.int(r.floor.requestsPerSecond), "", ""],
    ["", "floor: latency p50 / p99", `${fmt.ms(r.floor.p50)} / ${fmt.ms(r.floor.p99)}`, "", ""],
    ["", "ratio app / floor (requests/s)", fmt.ratio(r.ratio), `≥ ${INTAKE_TARGETS.ratio}`, verdict(r.ok.ratio)],
    [
      "",
      `sustainable rate (evenly spaced, p99 < ${INTAKE_TARGETS.sustainableP99Ms} ms), app / floor`,
      `${fmt.int(r.sustainable.app.rate)} / ${fmt.int(r.sustainable.floor.rate)} submissions/s`,
      "",
      "",
    ],
    ["", "sustainable rate ratio app / floor", fmt.ratio(r.sustainable.ratio), `≥ ${INTAKE_TARGETS.sustainableRatio}`, verdict(r.ok.sustainable)],
    ["", "server CPU per request, app / floor", `${fmt.ms(r.app.cpuMsPerRequest)} / ${fmt.ms(r.floor.cpuMsPerRequest)}`, "", ""],
    [
      "",
      `steady ${r.app.steady.rate}/s: app p50 / p99 (floor p50 / p99)`,
      `${fmt.ms(r.app.steady.p50)} / ${fmt.ms(r.app.steady.p99)} (${fmt.ms(r.floor.steady.p50)} / ${fmt.ms(r.floor.steady.p99)})`,
      "",
      "",
    ],
    ["", "responses not 2xx/3xx (+ errors), app / floor", `${r.app.failures} / ${r.floor.failures}`, "0", verdict(r.ok.noFailures)],
    [
      "",
      "rows written ≥ 303s, one event each (app / floor)",
      `${fmt.int(r.app.rows.requests)} / ${fmt.int(r.floor.rows.requests)} requests`,
      "consistent",
      verdict(r.ok.rows),
    ],
  );
  notes.push(
    `Intake on ${engine}, sustainable-rate probes (submissions/s → p99): ${[r.sustainable.app, r.sustainable.floor]
      .map((side, i) => `${i ? "floor" : "app"} ${side.probes.map((p) => `${p.rate} → ${fmt.ms(p.p99)}${p.ok ? "" : " ✗"}`).join(", ")}`)
      .join("; ")}.`,
  );
  if (r.profiled) {
    notes.push("Intake ran under `node --cpu-prof` (BENCH_PROFILE=1): its figures are slower than an unprofiled run.");
    for (const side of [r.app, r.floor]) {
      if (side.profile) notes.push(`Where the ${side.label}'s main thread went (self time):\n\n\`\`\`\n${formatSummary(side.profile)}\n\`\`\``);
    }
  }
}

if (chosen.includes("intake")) {
  if (engines.includes("sqlite")) intakeRows(await runIntake());
  if (engines.includes("postgresql")) {
    const r = onPostgres("intake", "Intake");
    if (r) intakeRows(r);
  }
}

if (chosen.includes("upload")) {
  const r = await runUpload();
  const round = (side) => `${side.peakRssMb.toFixed(0)} MB (${side.rssBeforeMb.toFixed(0)} MB before; all in ${fmt.s(side.wallMs / 1000)})`;
  rows.push(
    [
      `Document upload POST /s/<token>/files (${r.large.clients} clients at once for the peaks)`,
      `one 10 MB file: median of ${r.single.runs} (min–max)`,
      `${fmt.ms(r.single.medianMs)} (${fmt.ms(r.single.minMs)}–${fmt.ms(r.single.maxMs)})`,
      `< ${UPLOAD_TARGETS.tenMbSeconds} s`,
      verdict(r.ok.single),
    ],
    ["", "server peak RSS, 1 MB files", round(r.small), "", ""],
    ["", "server peak RSS, 10 MB files", round(r.large), "", ""],
    ["", "server peak RSS, 24 MB submissions (10 + 10 + 4 MB)", round(r.full), "", ""],
    ["", "peak growth, 10 MB files over 1 MB files", `${r.growthMb.toFixed(0)} MB`, `< ${UPLOAD_TARGETS.rssGrowthMb} MB`, verdict(r.ok.flat)],
    ["", `server peak RSS, ${r.photos.megabytes.toFixed(1)} MB JPEG photos (re-encoded one at a time)`, round(r.photos), "", ""],
  );
}

if (chosen.includes("page-weight")) {
  const r = await runPageWeight();
  for (const page of r.pages) {
    const isIntake = page.name === "intake";
    rows.push([
      page === r.pages[0] ? "Page weight (gzip -9 of build/client files)" : "",
      `${page.path}: JS (${page.jsFiles} files) / CSS / HTML`,
      `${fmt.kb(page.jsGzip)} / ${fmt.kb(page.cssGzip)} / ${fmt.kb(page.htmlGzip)}`,
      isIntake ? `JS ≤ ${PAGE_TARGETS.intakeJsKb} KB` : "",
      isIntake ? verdict(r.ok.intakeJs) : "",
    ]);
  }
  const intake = r.pages.find((p) => p.name === "intake");
  rows.push(["", "/requests/new: JS + CSS as the server sends it (gzip)", fmt.kb(intake.servedGzip), "", ""]);
  rows.push([
    `TTFB GET /requests/new (${r.ttfb.samples} sequential)`,
    "p50 / p95",
    `${fmt.ms(r.ttfb.p50)} / ${fmt.ms(r.ttfb.p95)}`,
    `< ${PAGE_TARGETS.ttfbMs} ms (p95)`,
    verdict(r.ok.ttfb),
  ]);
}

if (chosen.includes("startup")) {
  const r = await runStartup();
  rows.push([
    `Start-up: spawn → first 200 /healthz`,
    `median of ${r.runs.length} (min–max)`,
    `${fmt.s(r.median)} (${r.min.toFixed(2)}–${r.max.toFixed(2)})`,
    "",
    "",
  ]);
}

// The queue's database is the generator's when it holds enough requests: one load, not two.
const generateCount = Number(process.env.BENCH_GENERATE ?? process.env.BENCH_QUEUE_REQUESTS ?? 100_000);
if (chosen.includes("generator") && generateCount > 0) {
  const file = path.join(TMP_DIR, "generated.db");
  log("generator: creating a seeded database (scripts/db-setup.mjs)…");
  setupDb(file, { seed: true });
  log(`generator: adding ${generateCount.toLocaleString("en-US")} requests…`);
  const r = generateRequests(file, generateCount);
  rows.push([
    "Data generator (bench/generate-requests.mjs)",
    `${fmt.int(r.requests)} requests, ${fmt.int(r.enterprises)} enterprises, ${fmt.int(r.events)} events`,
    fmt.s(r.ms / 1000),
    "",
    "",
  ]);
}

/** The queue's and the dashboard's rows of the table, for one engine. */
function queueRows(r) {
  const engine = r.engine === "postgresql" ? "PostgreSQL" : "SQLite";
  r.results.forEach((q, i) => {
    rows.push([
      i === 0 ? `Queue page, ${fmt.int(r.requests)} requests, ${engine} (${r.samples} samples each)` : "",
      q.name,
      `${q.p50.toFixed(1)} ms / ${q.p95.toFixed(1)} ms`,
      `p95 < ${QUEUE_TARGETS.p95Ms} ms`,
      verdict(q.ok),
    ]);
  });
  rows.push([
    `Dashboard page, ${fmt.int(r.requests)} requests, ${engine} (${r.dashboard.samples} samples)`,
    "p50 / p95",
    `${r.dashboard.p50.toFixed(0)} ms / ${r.dashboard.p95.toFixed(0)} ms`,
    `p95 < ${QUEUE_TARGETS.dashboardP95Ms} ms`,
    verdict(r.dashboard.ok),
  ]);
  rows.push(["", "first load after the start (finished weeks worked out)", `${r.dashboard.firstMs.toFixed(0)} ms`, "", ""]);
  rows.push(["", "longest wait of /healthz during a dashboard load", `${r.dashboard.healthWaitMs.toFixed(0)} ms`, "", ""]);
}

if (chosen.includes("queue")) {
  if (engines.includes("sqlite")) queueRows(await runQueue());
  if (engines.includes("postgresql")) {
    const r = onPostgres("queue", "Queue page and dashboard");
    if (r) queueRows(r);
  }
}

/** The weekly export's rows of the table, for one engine. */
function exportRows(r) {
  const engine = r.engine === "postgresql" ? "PostgreSQL" : "SQLite";
  const title = `Weekly report export, ${engine}, ${fmt.int(r.requests)} requests (${r.week}, every request in the file)`;
  for (const [name, side, target, ok, okRss] of [
    ["CSV", r.csv, EXPORT_TARGETS.csvSeconds, r.ok.csv, r.ok.csvRss],
    ["XLSX", r.xlsx, EXPORT_TARGETS.xlsxSeconds, r.ok.xlsx, r.ok.xlsxRss],
  ]) {
    const written = Object.entries(side.rows)
      .map(([part, n]) => `${fmt.int(n)} ${part}`)
      .join(", ");
    rows.push(
      [
        name === "CSV" ? title : "",
        `${name}: time to write (rows: ${written}; ${(side.bytes / 2 ** 20).toFixed(1)} MB)`,
        fmt.s(side.ms / 1000),
        `< ${target} s`,
        verdict(ok),
      ],
      ["", `${name}: child wall time incl. start-up`, fmt.s(side.wallMs / 1000), "", ""],
      ["", `${name}: peak RSS of the child (VmHWM)`, `${side.peakRssMb.toFixed(0)} MB`, `< ${EXPORT_TARGETS.peakRssMb} MB`, verdict(okRss)],
    );
    if (name === "CSV") {
      rows.push(
        [
          "",
          `CSV floor: bare dump of the same requests' stored columns (bench/export-floor.mjs; ${(r.floor.bytes / 2 ** 20).toFixed(1)} MB)`,
          fmt.s(r.floor.ms / 1000),
          "",
          "",
        ],
        [
          "",
          "CSV: time / floor time (medians of rounds in turns)",
          `${(r.csv.ms / r.floor.ms).toFixed(2)}×`,
          `≤ ${EXPORT_TARGETS.csvFloorRatio}×`,
          verdict(r.ok.csvFloor),
        ],
        ["", "CSV, floor: each round (s)", `${roundSeconds(r.csv.rounds)}; ${roundSeconds(r.floor.rounds)}`, "", ""],
        ["", "CSV floor that also reads each request's status changes (export-floor.mjs --with-changes)", fmt.s(r.floorWithChanges.ms / 1000), "", ""],
        ["", "CSV: time / that floor's time", `${(r.csv.ms / r.floorWithChanges.ms).toFixed(2)}×`, "", ""],
      );
    }
  }
}

/** A benchmark's rounds, as seconds: "2.31 / 2.27 / 2.40". */
const roundSeconds = (rounds = []) => rounds.map((ms) => (ms / 1000).toFixed(2)).join(" / ");

if (chosen.includes("export")) {
  if (engines.includes("sqlite")) exportRows(await runExport());
  if (engines.includes("postgresql")) {
    const r = onPostgres("export", "Weekly report export");
    if (r) exportRows(r);
  }
}

// A closed week's stored file, served as issued (decision 042): part of `export`, on SQLite.
if (chosen.includes("export") && engines.includes("sqlite")) {
  const r = await runIssuedReport();
  r.results.forEach((side, i) => {
    const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    // A browser's Accept-Encoding gets a CSV's stored gzip copy (decision 056).
    const what = `${side.format.toUpperCase()}${side.acceptEncoding ? "" : " to a client taking no gzip"}`;
    const sent = side.wireBytes === side.bytes ? mb(side.bytes) : `${mb(side.bytes)}, ${mb(side.wireBytes)} sent gzip`;
    rows.push(
      [
        i === 0 ? `Closed week's report as issued, SQLite, GET /reports/download, ${fmt.int(r.requests)} requests (${r.week}, all, ${r.samples} samples)` : "",
        side.acceptEncoding || side.format !== "csv" ? `${what}: first download, written and stored (${sent})` : `${what}: the same file, stored (${sent})`,
        side.acceptEncoding || side.format !== "csv" ? fmt.s(side.firstMs / 1000) : "",
        "",
        "",
      ],
      [
        "",
        `${what}: stored file, byte for byte the same each time: p50 / p95 (max)`,
        `${fmt.ms(side.p50)} / ${fmt.ms(side.p95)} (${fmt.ms(side.max)})`,
        `p95 < ${ISSUED_TARGETS.p95Ms} ms`,
        verdict(side.ok),
      ],
      ["", `${what}: of which until the response's headers: p50 / p95`, `${fmt.ms(side.headersP50)} / ${fmt.ms(side.headersP95)}`, "", ""],
    );
  });
}

// --- The table, printed and appended to RESULTS.md. ---
const header = ["Benchmark", "Figure", "Value", "Target", ""];
const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");

function gitDescription() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "server.mjs", "prisma", "package.json"], { cwd: ROOT, encoding: "utf8" }).trim();
    return `${commit}${dirty ? " + uncommitted changes in app/prisma" : ""}`;
  } catch {
    return "unknown commit";
  }
}
const buildTime = fs.statSync(path.join(ROOT, "build", "server", "index.js")).mtime;
const seconds = (Date.now() - started) / 1000;
const loadAfter = loadAverage();
const heading = `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
const context =
  `${gitDescription()}; build of ${buildTime.toISOString().slice(0, 16).replace("T", " ")} UTC; ` +
  `Node ${process.version}, ${os.cpus().length} CPUs; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after; ` +
  `run took ${seconds.toFixed(0)} s.`;
const entry = [heading, "", context, "", table, ...notes.flatMap((n) => ["", n]), ""].join("\n");

console.log(`\n${context}\n\n${table}\n${notes.map((n) => `\n${n}`).join("\n")}`);

const resultsFile = path.join(BENCH_DIR, "RESULTS.md");
if (!fs.existsSync(resultsFile)) {
  fs.writeFileSync(resultsFile, "# Benchmark results\n\nAppended by `npm run bench` (bench/run.mjs), newest last. How to read them: bench/README.md.\n\n");
}
fs.appendFileSync(resultsFile, `${entry}\n`);
log(`appended to ${path.relative(ROOT, resultsFile)} (${seconds.toFixed(0)} s)`);
