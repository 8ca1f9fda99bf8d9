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
  const csv = runChild("csv", "newest", file);
  const week = csv.week;
  log(`export: ${week}: CSV ${(csv.ms / 1000).toFixed(2)} s; the CSV's floor…`);
  const floor = runFloor(file);
  log(`export: floor ${(floor.ms / 1000).toFixed(2)} s; the floor that also reads the status changes…`);
  const floorWithChanges = runFloor(file, true);
  log(`export: floor with changes ${(floorWithChanges.ms / 1000).toFixed(2)} s; XLSX…`);
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
