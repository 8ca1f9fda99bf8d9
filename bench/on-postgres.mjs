// One benchmark on PostgreSQL, for bench/run.mjs: run through scripts/with-postgres.mjs (a
// throw-away server, DATABASE_URL set); writes the benchmark's result as JSON to the file named.
//   node --import tsx bench/on-postgres.mjs <intake | queue | export> <result.json>
import fs from "node:fs";

const [name, out] = process.argv.slice(2);
const benchmarks = {
  intake: async () => (await import("./intake.mjs")).runIntake({ engine: "postgresql" }),
  export: async () => (await import("./export.mjs")).runExport({ engine: "postgresql" }),
  queue: async () => {
    process.env.BENCH_QUEUE_ENGINE = "postgresql";
    return (await import("./queue.mjs")).runQueue();
  },
};
if (!benchmarks[name] || !out) throw new Error(`usage: node --import tsx bench/on-postgres.mjs <${Object.keys(benchmarks).join(" | ")}> <result.json>`);
fs.writeFileSync(out, JSON.stringify(await benchmarks[name]()));
