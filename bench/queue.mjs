// Queue latency: the coordinators' queue page rendered over HTTP by the production build, on a
// database of 100,000 generated requests, for several sort/filter/search combinations.
// Prints p50/p95 per combination; target p95 < 50 ms. In the same session, the coordinators'
// dashboard (/dashboard: the backlog now, last week's SLA per cluster, twelve weeks of flow) on
// the same requests: the first load after the server started (the finished weeks worked out),
// then p50/p95 of BENCH_DASHBOARD_SAMPLES loads (target p95 < 100 ms), and the longest a
// /healthz request waited while a dashboard was loading.
// BENCH_QUEUE_ENGINE=postgresql measures the same requests on PostgreSQL: run it through
// `node scripts/with-postgres.mjs`, which gives DATABASE_URL; the generated SQLite database is
// copied there (bench/copy-to-postgres.mjs) and the server runs on it.
import Database from "better-sqlite3";
import { generatedOnPostgres } from "./copy-to-postgres.mjs";
import { generatedDatabase, log, percentile, startServer } from "./lib.mjs";

export const TARGETS = { p95Ms: 50, dashboardP95Ms: 100 };
const COUNT = Number(process.env.BENCH_QUEUE_REQUESTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_QUEUE_SAMPLES ?? 40);
const DASHBOARD_SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 40);
const ENGINE = process.env.BENCH_QUEUE_ENGINE ?? "sqlite";

/** The server's settings for the engine measured: on PostgreSQL, a migrated database holding a copy of `file`'s rows. */
async function engineSettings(file) {
  if (ENGINE === "sqlite") return {};
  if (ENGINE !== "postgresql") throw new Error(`queue: unknown BENCH_QUEUE_ENGINE "${ENGINE}"`);
  const { url, seconds, copied } = await generatedOnPostgres(file);
  log(
    `queue: copied ${copied.Request?.toLocaleString("en-US")} requests and ${copied.RequestEvent?.toLocaleString("en-US")} events to PostgreSQL in ${seconds.toFixed(0)} s`,
  );
  return { DATABASE_URL: url };
}

/**
 * A member's portal (/cluster): the requests one of whose lines their cluster holds (decision
 * 055), read from the cluster's lines; the same target.
 */
export const PORTAL_COMBINATIONS = [
  ["member portal: my cluster's requests", ""],
  ["member portal: in progress", "?status=IN_PROGRESS"],
  ["member portal: page 10", "?page=10"],
];

/** The combinations a coordinator's day is made of. */
export const COMBINATIONS = [
  ["default: needs my action (waiting on a coordinator, mine or nobody's)", ""],
  ["everything, waiting on a coordinator first", "?owner=any"],
  ["mine, any status, due first", "?owner=me&sort=due"],
  ["mine, page 10", "?owner=me&page=10"],
  ["nobody's, new + triaged", "?owner=nobody&status=NEW,TRIAGED"],
  ["a colleague's in progress", "?owner={colleague}&status=IN_PROGRESS"],
  ["mine or nobody's, overdue", "?owner=me-or-nobody&overdue=1"],
  ["SLA due first", "?sort=due"],
  ["new + triaged by urgency", "?status=NEW,TRIAGED&sort=urgency"],
  ["category + region", "?category=SUPPLIES&region=UA-63"],
  ["one industry (NACE section), new + triaged", "?sector=A&status=NEW,TRIAGED"],
  ["overdue, oldest first", "?overdue=1&sort=age&dir=desc"],
  ["one cluster's work in progress", "?cluster=kyiv-iam&status=IN_PROGRESS"],
  ["unassigned, by last update", "?unassigned=1&sort=updated&dir=desc"],
  ["possible duplicates", "?duplicates=1"],
  ["search a word (Cyrillic)", `?q=${encodeURIComponent("генератор")}`],
  ["search an EDRPOU", "?q={edrpou}"],
  ["search a reference", "?q={reference}"],
  ["sort by enterprise name", "?sort=enterprise"],
  ["sort by cluster", "?sort=cluster"],
  ["due time, latest first", "?sort=due&dir=desc"],
  ["a common word (ТОВ)", `?q=${encodeURIComponent("тов")}`],
  ["page 200 of 25", "?page=200"],
  ["100 per page", "?size=100&sort=status"],
  ["unread (new from the enterprise)", "?unread=1"],
  ["unread, new + triaged, by last update", "?unread=1&status=NEW,TRIAGED&sort=updated&dir=desc"],
  ["unread + one category, SLA due first", "?unread=1&category=SUPPLIES&sort=due"],
];

async function signIn(url, email = "coordinator@rrc.example") {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "demo-password-2026" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 303 || !cookie) throw new Error(`queue: sign-in failed (${response.status})`);
  return cookie.split(";")[0];
}

export async function runQueue() {
  const file = generatedDatabase(COUNT, "queue");
  const sample = new Database(file, { readonly: true })
    .prepare(`SELECT r."reference", e."edrpou" FROM "Request" r JOIN "Enterprise" e ON e."id" = r."enterpriseId" LIMIT 1 OFFSET 4321`)
    .get();
  // Another coordinator of the demo data, whose requests "a colleague's" filters by.
  const colleague = new Database(file, { readonly: true }).prepare(`SELECT "id" FROM "User" WHERE "email" = 'coordinator2@rrc.example'`).pluck().get();
  const server = await startServer({ dbFile: file, env: { SCHEDULER_INTERVAL_SECONDS: "0", ...(await engineSettings(file)) } });
  try {
    const coordinator = await signIn(server.url);
    const results = [];
    /** p50 and p95 of `samples` loads of a signed-in page, after `warmUp` loads. */
    const timePage = async (name, path, marker, { warmUp, samples, cookie = coordinator }) => {
      const get = async () => {
        const started = performance.now();
        const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
        const body = await response.text();
        if (response.status !== 200 || !body.includes(marker)) throw new Error(`queue: ${name} answered ${response.status}`);
        return performance.now() - started;
      };
      for (let i = 0; i < warmUp; i++) await get();
      const times = [];
      for (let i = 0; i < samples; i++) times.push(await get());
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    // The dashboard's first load, before any other page: what it costs to work out the finished
    // weeks it keeps between loads (after a start, a new week, or a change that alters them).
    const firstDashboard = await timePage("dashboard", "/dashboard", '<table class="bars', { warmUp: 0, samples: 1 });
    for (const [name, rawQuery] of COMBINATIONS) {
      const query = rawQuery.replace("{edrpou}", sample.edrpou).replace("{reference}", sample.reference).replace("{colleague}", colleague);
      const { p50, p95 } = await timePage(name, `/queue${query}`, "<table", { warmUp: 5, samples: SAMPLES });
      results.push({ name, query, p50, p95, ok: p95 < TARGETS.p95Ms });
      log(`queue: ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }
    const member = await signIn(server.url, "member.kyiv-iam@rrc.example");
    for (const [name, query] of PORTAL_COMBINATIONS) {
      const { p50, p95 } = await timePage(name, `/cluster${query}`, "<table", { warmUp: 5, samples: SAMPLES, cookie: member });
      results.push({ name, query: `/cluster${query}`, p50, p95, ok: p95 < TARGETS.p95Ms });
      log(`queue: ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }
    const dashboard = await timePage("dashboard", "/dashboard", '<table class="bars', { warmUp: 2, samples: DASHBOARD_SAMPLES });
    // Whether a dashboard load holds up the rest of the server: /healthz asked again and again
    // while the dashboard loads (three loads), the longest any of them waited.
    let healthWaitMs = 0;
    for (let i = 0; i < 3; i++) {
      let loaded = false;
      const load = fetch(`${server.url}/dashboard`, { headers: { Cookie: coordinator } })
        .then((response) => response.text())
        .finally(() => (loaded = true));
      while (!loaded) {
        const started = performance.now();
        await (await fetch(`${server.url}/healthz`)).text();
        healthWaitMs = Math.max(healthWaitMs, performance.now() - started);
      }
      await load;
    }
    dashboard.healthWaitMs = healthWaitMs;
    dashboard.firstMs = firstDashboard.p50;
    dashboard.ok = dashboard.p95 < TARGETS.dashboardP95Ms;
    log(
      `queue: dashboard: first ${dashboard.firstMs.toFixed(0)} ms, p50 ${dashboard.p50.toFixed(0)} ms, p95 ${dashboard.p95.toFixed(0)} ms, /healthz waited ≤ ${healthWaitMs.toFixed(0)} ms`,
    );
    return { engine: ENGINE, requests: COUNT, samples: SAMPLES, results, dashboard: { ...dashboard, samples: DASHBOARD_SAMPLES } };
  } finally {
    await server.stop();
  }
}
