// A closed week's report as issued (decision 042), over HTTP from the production build, on a copy
// of the database of 100,000 generated requests: the last complete week's XLSX and CSV of every
// request ("all", with sensitive details, Ukrainian), signed in as the demo coordinator. For each
// format: the first download (which writes the file from the data and stores it, then serves it),
// then BENCH_ISSUED_SAMPLES downloads of the stored file over one keep-alive connection, timed
// from sending the request to the last byte, each compared byte for byte with the first (whose
// SHA-256 is its ETag). Target: p95 < 100 ms. The client asks as a browser does (Accept-Encoding:
// gzip, deflate, br), so the CSV comes as its stored gzip copy (decision 056), unpacked once to
// check it against its ETag; the CSV is also timed for a client that takes no gzip, as before 056.
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import Database from "better-sqlite3";
import { formatIsoWeek, lastCompleteIsoWeek } from "../app/domain/sla/iso-week.ts";
import { TMP_DIR, generatedDatabase, log, percentile, removeDb, startServer } from "./lib.mjs";

export const TARGETS = { p95Ms: 100 };
const COUNT = Number(process.env.BENCH_EXPORT_REQUESTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_ISSUED_SAMPLES ?? 40);
const WARM_UP = 3;

async function signIn(url) {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "coordinator@rrc.example", password: "demo-password-2026" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 303 || !cookie) throw new Error(`issued report: sign-in failed (${response.status})`);
  return cookie.split(";")[0];
}

export async function runIssuedReport() {
  const source = generatedDatabase(COUNT, "issued report");
  // A copy: the server writes issued rows and the export log, and its stored files are removed afterwards.
  const file = path.join(TMP_DIR, "issued-report.db");
  const filesDir = path.join(TMP_DIR, "issued-report-files");
  removeDb(file);
  fs.rmSync(filesDir, { recursive: true, force: true });
  const original = new Database(source, { readonly: true });
  await original.backup(file);
  original.close();
  const requests = new Database(file, { readonly: true }).prepare(`SELECT COUNT(*) FROM "Request"`).pluck().get();
  const week = formatIsoWeek(lastCompleteIsoWeek(new Date()));
  const server = await startServer({ dbFile: file, env: { SCHEDULER_INTERVAL_SECONDS: "0", FILES_DIR: filesDir } });
  try {
    const cookie = await signIn(server.url);
    const results = [];
    const BROWSER = "gzip, deflate, br";
    for (const [format, acceptEncoding] of [
      ["xlsx", BROWSER],
      ["csv", BROWSER],
      ["csv", null],
    ]) {
      const url = `${server.url}/reports/download?week=${week}&format=${format}&scope=all&lang=uk`;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      // node:http, not fetch: the client's own work per byte would otherwise weigh in the figure.
      // Each download after the first is compared with the first chunk by chunk as it arrives.
      const get = (expected = null) =>
        new Promise((resolve, reject) => {
          const started = performance.now();
          const request = http.get(
            url,
            { agent, headers: { Cookie: cookie, ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}) } },
            (response) => {
              const headersMs = performance.now() - started;
              const chunks = [];
              let offset = 0;
              let same = true;
              response.on("data", (chunk) => {
                if (expected) {
                  same &&= offset + chunk.length <= expected.length && chunk.equals(expected.subarray(offset, offset + chunk.length));
                  offset += chunk.length;
                } else chunks.push(chunk);
              });
              response.on("end", () => {
                const ms = performance.now() - started;
                if (response.statusCode !== 200) return reject(new Error(`issued report: ${format} answered ${response.statusCode}`));
                const bytes = expected ? null : Buffer.concat(chunks);
                if (expected && (!same || offset !== expected.length)) return reject(new Error(`issued report: a ${format} download differs from the first`));
                resolve({ ms, headersMs, bytes, etag: response.headers.etag, encoding: response.headers["content-encoding"] ?? null });
              });
              response.on("error", reject);
            },
          );
          request.on("error", reject);
        });
      log(
        `issued report: ${week} ${format.toUpperCase()}${acceptEncoding ? "" : " to a client taking no gzip"}, first download${results.some((r) => r.format === format) ? "" : " (writes and stores it)"}…`,
      );
      const first = await get();
      const gzip = first.encoding === "gzip";
      const file = gzip ? gunzipSync(first.bytes) : first.bytes;
      const sha256 = createHash("sha256").update(file).digest("hex");
      if (first.etag !== `"${sha256}${gzip ? ".gz" : ""}"`) throw new Error(`issued report: ${format} ETag ${first.etag} is not the SHA-256 of its file`);
      for (let i = 0; i < WARM_UP; i++) await get(first.bytes);
      const times = [];
      const headerTimes = [];
      for (let i = 0; i < SAMPLES; i++) {
        const { ms, headersMs } = await get(first.bytes);
        times.push(ms);
        headerTimes.push(headersMs);
      }
      times.sort((a, b) => a - b);
      headerTimes.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      agent.destroy();
      results.push({
        format,
        acceptEncoding,
        bytes: file.length,
        wireBytes: first.bytes.length,
        firstMs: first.ms,
        p50: percentile(times, 50),
        p95,
        max: times.at(-1),
        headersP50: percentile(headerTimes, 50),
        headersP95: percentile(headerTimes, 95),
        encoding: first.encoding,
        ok: p95 < TARGETS.p95Ms,
      });
      log(
        `issued report: ${format.toUpperCase()} ${(file.length / 2 ** 20).toFixed(1)} MB (${(first.bytes.length / 2 ** 20).toFixed(1)} MB sent${gzip ? ", gzip" : ""}), first ${(first.ms / 1000).toFixed(2)} s, stored p95 ${p95.toFixed(1)} ms`,
      );
    }
    return { week, requests, samples: SAMPLES, results, ok: results.every((r) => r.ok) };
  } finally {
    await server.stop();
    removeDb(file);
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runIssuedReport(), null, 2));
}
