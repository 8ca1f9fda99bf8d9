// Weekly report export: CSV and XLSX of the week with the newest of 100,000 generated requests
// (so every request is in the file), each written by the app's own module in a child process
// (bench/export-child.ts under tsx). Figures: time to write the file (inside the child, from
// the first query to the file closed), the child's wall time including start-up, the file's
// size and rows, and the child's peak resident memory (VmHWM from /proc: the whole process,
// start-up included). Targets: CSV < 2 s and within 1.5× of its floor, XLSX < 15 s, peak RSS < 300 MB.
// In the same run, the CSV's floor (bench/export-floor.mjs, plain node): the same requests'
// stored columns, as many per row, dumped as they come with nothing of the report's own work,
// timed the same way, so the CSV's figure can be read against what this machine can do at all;
// and beside it the same floor also reading each request's status changes (not a target yet).
// The three run in turns, BENCH_EXPORT_ROUNDS (3) times each, and each figure is the median.
// runExport({ engine: "postgresql" }) (bench/on-postgres.mjs, through scripts/with-postgres.mjs)
// copies the generated requests to PostgreSQL first and measures the same there: the report
// from its PostgreSQL snapshot, the floors through `pg`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { generatedOnPostgres } from "./copy-to-postgres.mjs";
import { BIN, ROOT, TMP_DIR, generatedDatabase, log } from "./lib.mjs";

export const TARGETS = { csvSeconds: 2, csvFloorRatio: 1.5, xlsxSeconds: 15, peakRssMb: 300 };
const COUNT = Number(process.env.BENCH_EXPORT_REQUESTS ?? 100_000);
/** Rounds of the CSV and its floors (BENCH_EXPORT_ROUNDS), odd so that each has a middle one. */
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 3);

/** The sample with the median time (of an odd number, the middle one). */
function median(samples) {
  return [...samples].sort((a, b) => a.ms - b.ms)[Math.floor((samples.length - 1) / 2)];
}

/** `database`: a SQLite file, or a postgresql:// URL. */
function runChild(format, week, database) {
  const out = path.join(TMP_DIR, `export-bench.${format}`);
  const started = performance.now();
  const stdout = execFileSync(BIN("tsx"), [path.join(ROOT, "bench", "export-child.ts"), format, week, out], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PUBLIC_URL: "http://127.0.0.1:3000",
      DATABASE_URL: database.startsWith("postgres") ? database : `file:${database}`,
    },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  const wallMs = performance.now() - started;
  fs.rmSync(out, { force: true });
  return { ...JSON.parse(stdout.trim().split("\n").at(-1)), wallMs };
}

function runFloor(file, withChanges = false) {
  const out = path.join(TMP_DIR, "export-floor.csv");
  const started = performance.now();
  const stdout = execFileSync(process.execPath, [path.join(ROOT, "bench", "export-floor.mjs"), file, out, ...(withChanges ? ["--with-changes"] : [])], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const wallMs = performance.now() - started;
  fs.rmSync(out, { force: true });
  return { ...JSON.parse(stdout.trim().split("\n").at(-1)), wallMs };
}

export async function runExport({ engine = "sqlite" } = {}) {
  const generated = generatedDatabase(COUNT, "export");
  const requests = new Database(generated, { readonly: true }).prepare(`SELECT COUNT(*) AS n FROM "Request"`).get().n;
  let file = generated;
  if (engine === "postgresql") {
    const copy = await generatedOnPostgres(generated);
    log(`export: copied ${requests.toLocaleString("en-US")} requests to PostgreSQL in ${copy.seconds.toFixed(0)} s`);
    file = copy.url;
  }
  log(`export: ${requests.toLocaleString("en-US")} requests — CSV…`);
  // "newest": the week (Kyiv time) of the newest request, so every request is in the file.
  const first = runChild("csv", "newest", file);
  const week = first.week;
  // The CSV and its floors in turns (CSV, floor, floor with changes, then the same backwards,
  // and so on), each figure the median of its rounds: a change in the machine's other load weighs
  // on all three alike, and one slow round does not decide the ratio.
  const samples = { csv: [first], floor: [], floorWithChanges: [] };
  const runs = {
    csv: () => runChild("csv", week, file),
    floor: () => runFloor(file),
    floorWithChanges: () => runFloor(file, true),
  };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["floor", "floorWithChanges", "csv"] : ["csv", "floorWithChanges", "floor"];
    for (const name of order) if (samples[name].length <= round) samples[name].push(runs[name]());
    log(`export: round ${round + 1} of ${ROUNDS}: ${order.map((name) => `${name} ${(samples[name][round].ms / 1000).toFixed(2)} s`).join(", ")}`);
  }
  const [csv, floor, floorWithChanges] = ["csv", "floor", "floorWithChanges"].map((name) => ({
    ...median(samples[name]),
    rounds: samples[name].map((sample) => sample.ms),
    // Memory is a ceiling: the highest of the rounds.
    peakRssMb: Math.max(...samples[name].map((sample) => sample.peakRssMb)),
  }));
  log(`export: medians CSV ${(csv.ms / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s; XLSX…`);
  const xlsx = runChild("xlsx", week, file);
  log(`export: XLSX ${(xlsx.ms / 1000).toFixed(2)} s`);
  return {
    engine,
    week,
    requests,
    csv,
    floor,
    floorWithChanges,
    xlsx,
    ok: {
      csv: csv.ms / 1000 < TARGETS.csvSeconds,
      csvFloor: csv.ms / floor.ms <= TARGETS.csvFloorRatio,
      xlsx: xlsx.ms / 1000 < TARGETS.xlsxSeconds,
      csvRss: csv.peakRssMb < TARGETS.peakRssMb,
      xlsxRss: xlsx.peakRssMb < TARGETS.peakRssMb,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runExport(), null, 2));
}
