// `node scripts/run-together.mjs [--live [--last <script>]] typecheck lint …`: runs those npm scripts side by side,
// at most as many at once as the machine has cores (RUN_TOGETHER_JOBS to say otherwise), in
// the order given (the longest first keeps the cores busy to the end). Each one's output is
// printed whole when it ends, under its name and time; with --live, line by line as it comes,
// each line after its script's name (for long suites, whose progress should show), and when all
// have ended, each one's closing lines again, in the order given (--last names the one whose
// lines end the log), unmarked and without colour codes (vitest's and Playwright's totals, which
// readers and CI logs look for as the tool prints them to a file: at the start of a line, in
// plain text), and last one line of all their test counts, `N passed, N failed`, the form CI
// logs are read for (scripts/test-totals.mjs). The exit code is 1 when any failed; all of them
// still run, so one run names every failure.
// Decision 048.
import { spawn } from "node:child_process";
import os from "node:os";
import { testCounter, totalsLine } from "./test-totals.mjs";

const args = process.argv.slice(2);
const live = args[0] === "--live";
const last = live && args[1] === "--last" ? args[2] : undefined;
const scripts = args.slice(live ? (last === undefined ? 1 : 3) : 0);
if (!scripts.length || (last !== undefined && !scripts.includes(last))) {
  console.error("usage: node scripts/run-together.mjs [--live [--last <one of them>]] <npm script> [<npm script> …]");
  process.exit(2);
}
const slots = Math.max(1, Number(process.env.RUN_TOGETHER_JOBS) || os.availableParallelism());
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
const width = Math.max(...scripts.map((script) => script.length));
/** How many closing lines of a live script are printed again, unmarked, when it ends. */
const CLOSING_LINES = 12;
/** Terminal colour and style codes (vitest colours its output when CI is set, even into a pipe). */
const ANSI = /\u001b\[[0-9;]*m/g;

/** Hands on each whole line of a stream, the last one too. */
function eachLine(stream, onLine) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop();
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => rest && onLine(rest));
}

/** Runs one npm script; resolves with its exit code, its output (with --live, its closing lines) and its time. */
function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const [command, ...prefix] = npm;
    const child = spawn(command, [...prefix, "run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    const counter = testCounter();
    const onLine = live
      ? (line) => {
          process.stdout.write(`${script.padEnd(width)} | ${line}\n`);
          output.push(line);
          if (output.length > CLOSING_LINES) output.shift();
          counter.line(line.replace(ANSI, ""));
        }
      : (line) => output.push(line);
    eachLine(child.stdout, onLine);
    eachLine(child.stderr, onLine);
    const done = (code) => resolve({ script, code, output: output.join("\n"), totals: counter.totals(), seconds: (Date.now() - started) / 1000 });
    child.once("error", (error) => {
      onLine(error.message);
      done(1);
    });
    child.once("close", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const started = Date.now();
const queue = [...scripts];
const results = [];
async function worker() {
  for (let script = queue.shift(); script; script = queue.shift()) {
    const result = await run(script);
    results.push(result);
    const mark = result.code === 0 ? "ok" : `FAILED (exit ${result.code})`;
    const output = live ? "" : result.output.trimEnd();
    process.stdout.write(`\n> npm run ${script}: ${mark} in ${result.seconds.toFixed(1)} s\n${output ? `${output}\n` : ""}`);
  }
}
await Promise.all(Array.from({ length: Math.min(slots, scripts.length) }, worker));

const failed = results.filter((result) => result.code !== 0).map((result) => result.script);
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\n${scripts.length} scripts in ${total} s (${slots} at a time)${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
if (live) {
  for (const script of [...scripts.filter((script) => script !== last), ...(last === undefined ? [] : [last])]) {
    const { output } = results.find((result) => result.script === script);
    process.stdout.write(`\n${output.replace(ANSI, "").trimEnd()}\n`);
  }
  const counted = results.filter((result) => result.totals);
  for (const { script } of results.filter((result) => !result.totals)) {
    console.log(`\n(npm run ${script} printed no test counts)`);
  }
  if (counted.length) console.log(`\n${totalsLine(counted.map((result) => result.totals))}`);
}
process.exit(failed.length ? 1 : 0);
