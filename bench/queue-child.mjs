// The queue benchmark on PostgreSQL for bench/run.mjs: run through scripts/with-postgres.mjs
// (a throw-away server, DATABASE_URL set) with BENCH_QUEUE_ENGINE=postgresql; writes the result
// as JSON to the file named by its argument.
import fs from "node:fs";
import { runQueue } from "./queue.mjs";

const [out] = process.argv.slice(2);
if (!out) throw new Error("usage: node --import tsx bench/queue-child.mjs <result.json>");
fs.writeFileSync(out, JSON.stringify(await runQueue()));
