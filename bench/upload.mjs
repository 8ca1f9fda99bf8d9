// Document uploads through the production server (node server.mjs): the time one 10 MB file
// takes to upload, and the server's peak resident memory while 5 clients upload at once, with
// 1 MB files, 10 MB files and full 24 MB submissions (10 + 10 + 4 MB). Streaming means the peak
// must not grow with the file size (decision 030). Each round runs on a server started afresh,
// so its peak (VmHWM) is that round's alone. Files are PDFs (checked, hashed and stored; no
// re-encoding); a last round uploads 5 photos at once (each re-encoded by sharp, one at a time;
// decision 031).
// Env: BENCH_UPLOAD_RUNS (sequential 10 MB uploads timed, default 5), BENCH_UPLOAD_CLIENTS (5).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { intakeBodies } from "./intake.mjs";
import { TMP_DIR, freshDb, log, median, sleep, startServer } from "./lib.mjs";

/** One 10 MB upload within 5 s on loopback; the peak with 10 MB files within 25 MB of the peak with 1 MB files. */
export const TARGETS = { tenMbSeconds: 5, rssGrowthMb: 25 };

const MB = 1024 * 1024;

/** A server on a fresh database with an empty document store of its own (removed by `stop`). */
async function uploadServer(label) {
  const filesDir = path.join(TMP_DIR, `upload-${label}-files`);
  fs.rmSync(filesDir, { recursive: true, force: true });
  const server = await startServer({ dbFile: freshDb(`upload-${label}`), env: { FILES_DIR: filesDir } });
  return {
    ...server,
    async stop() {
      await server.stop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

function procStatus(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

/** A PDF of `bytes` bytes whose content is its own (random), as a client would send it. */
function pdfOf(bytes) {
  return Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(bytes - 9)]);
}

/** Files a request through the intake form and returns its private token. */
async function fileRequest(url, body) {
  const response = await fetch(`${url}/requests/new`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body,
  });
  await response.arrayBuffer();
  const token = /^\/s\/([^/]+)\/submitted$/.exec(response.headers.get("Location") ?? "")?.[1];
  if (!token) throw new Error(`intake answered ${response.status} without a status link`);
  return token;
}

/** One multipart upload to the status page (one file, or several in one submission); resolves with the time it took (ms). */
async function upload(url, token, { name, content, more = [] }) {
  const form = new FormData();
  form.append("file", new File([content], name));
  for (const extra of more) form.append("file", new File([extra.content], extra.name));
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/s/${token}/files`, { method: "POST", redirect: "manual", headers: { Origin: url }, body: form });
  await response.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const location = response.headers.get("Location") ?? "";
  if (response.status !== 303 || !location.includes("files=added")) throw new Error(`upload of ${name} answered ${response.status} ${location}`);
  return ms;
}

/**
 * A fresh server; `clients` uploads at once (one request each), the server's resident memory
 * sampled every 10 ms meanwhile and its peak (VmHWM) read at the end.
 */
async function concurrentRound({ files, bodies, label }) {
  const server = await uploadServer(label);
  try {
    const tokens = [];
    for (let i = 0; i < files.length; i++) tokens.push(await fileRequest(server.url, bodies[i]));
    // Warm: one small upload, so the first-use costs (module loading, sharp) are not the round's.
    await upload(server.url, await fileRequest(server.url, bodies[files.length]), { name: "warm.pdf", content: pdfOf(64 * 1024) });
    await sleep(200);
    const before = procStatus(server.pid);
    let sampledPeak = before.rssMb;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, procStatus(server.pid).rssMb);
    }, 10);
    const started = process.hrtime.bigint();
    const times = await Promise.all(files.map((file, i) => upload(server.url, tokens[i], file)));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    const after = procStatus(server.pid);
    log(`upload ${label}: ${files.length} at once in ${wallMs.toFixed(0)} ms; RSS ${before.rssMb.toFixed(0)} → peak ${after.hwmMb.toFixed(0)} MB`);
    return { clients: files.length, wallMs, slowestMs: Math.max(...times), rssBeforeMb: before.rssMb, peakRssMb: after.hwmMb, sampledPeakMb: sampledPeak };
  } finally {
    await server.stop();
  }
}

/** A photo of about `bytes` bytes: noise compresses badly, so a 3,000 × 2,000 JPEG at quality 100 is ~10 MB. */
async function photoOf(seed) {
  const width = 3000;
  const height = 2000;
  const noise = randomBytes(width * height * 3);
  noise[0] = seed;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();
}

export async function runUpload({ runs = Number(process.env.BENCH_UPLOAD_RUNS ?? 5), clients = Number(process.env.BENCH_UPLOAD_CLIENTS ?? 5) } = {}) {
  const bodies = intakeBodies();

  // One 10 MB upload at a time: how long a client waits for it (on loopback: the server's work).
  const server = await uploadServer("single");
  const singleMs = [];
  try {
    for (let i = 0; i < runs; i++) {
      const token = await fileRequest(server.url, bodies[100 + i]);
      singleMs.push(await upload(server.url, token, { name: `кошторис-${i}.pdf`, content: pdfOf(10 * MB) }));
    }
  } finally {
    await server.stop();
  }
  log(`upload: one 10 MB file, ${singleMs.map((ms) => ms.toFixed(0)).join(", ")} ms`);

  const small = await concurrentRound({
    label: "1mb",
    bodies,
    files: Array.from({ length: clients }, (_, i) => ({ name: `акт-${i}.pdf`, content: pdfOf(1 * MB) })),
  });
  const large = await concurrentRound({
    label: "10mb",
    bodies,
    files: Array.from({ length: clients }, (_, i) => ({ name: `креслення-${i}.pdf`, content: pdfOf(10 * MB) })),
  });
  const full = await concurrentRound({
    label: "25mb",
    bodies,
    files: Array.from({ length: clients }, (_, i) => ({
      name: `план-${i}-1.pdf`,
      content: pdfOf(10 * MB),
      more: [
        { name: `план-${i}-2.pdf`, content: pdfOf(10 * MB) },
        { name: `план-${i}-3.pdf`, content: pdfOf(4 * MB) },
      ],
    })),
  });
  const photos = await Promise.all(Array.from({ length: clients }, (_, i) => photoOf(i)));
  const photoRound = await concurrentRound({ label: "photos", bodies, files: photos.map((content, i) => ({ name: `цех-${i}.jpg`, content })) });

  const single = { medianMs: median(singleMs), minMs: Math.min(...singleMs), maxMs: Math.max(...singleMs), runs: singleMs.length };
  const growthMb = large.peakRssMb - small.peakRssMb;
  return {
    single,
    small,
    large,
    full,
    photos: { ...photoRound, megabytes: photos.reduce((sum, p) => sum + p.length, 0) / photos.length / MB },
    growthMb,
    ok: { single: single.medianMs < TARGETS.tenMbSeconds * 1000, flat: growthMb < TARGETS.rssGrowthMb },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuild } = await import("./lib.mjs");
  ensureBuild();
  console.log(JSON.stringify(await runUpload(), null, 2));
}
