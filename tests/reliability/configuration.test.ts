// Where the links in messages point: `npm start` on a machine points them at the local address
// it serves; a production server without PUBLIC_URL does not start at all, with a message that
// says what to set. (Links never come from a request's Host: tests/integration/intake.test.ts.)
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import { ROOT, cleanUp, ensureBuild, formBody, freePort, freshDatabase, openReadOnly, sleep } from "./server";

/** Runs a script of the project with the given environment (PUBLIC_URL and NODE_ENV unset unless given). */
function run(script: string, env: Record<string, string>) {
  const inherited: Record<string, string | undefined> = { ...process.env };
  delete inherited.PUBLIC_URL;
  delete inherited.NODE_ENV;
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...inherited, HOST: "127.0.0.1", SCHEDULER_INTERVAL_SECONDS: "0", SHOW_DEMO_LOGINS: "false", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

afterAll(() => cleanUp());

describe("the public address of links", () => {
  it("a production server without PUBLIC_URL stops at start and says what to set", { timeout: 60_000 }, async () => {
    await ensureBuild();
    const dbFile = await freshDatabase("no-public-url");
    const server = run("server.mjs", { NODE_ENV: "production", PORT: String(await freePort()), DATABASE_URL: `file:${dbFile}` });
    const code = await Promise.race([server.exited, sleep(20_000).then(() => "still running")]);
    if (code === "still running") server.child.kill("SIGKILL");
    expect(code).toBe(1);
    expect(server.output()).toContain("PUBLIC_URL is not set");
    expect(server.output()).toMatch(/PUBLIC_URL=https:\/\/rrc\.example\.org/);
    // The message, not a stack trace.
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it("`npm start` without PUBLIC_URL uses and prints the local address it serves", { timeout: 60_000 }, async () => {
    await ensureBuild();
    const dbFile = await freshDatabase("npm-start");
    const listen = await freePort();
    const start = run("scripts/start.mjs", { PORT: String(listen), DATABASE_URL: `file:${dbFile}`, INTAKE_RATE_LIMIT: "1000/60" });
    try {
      let status = 0;
      for (let i = 0; i < 200 && status !== 200; i++) {
        status = await fetch(`http://127.0.0.1:${listen}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await sleep(100);
      }
      expect(status, start.output()).toBe(200);
      expect(start.output()).toContain(`http://localhost:${listen}`);

      // Filed through another name of the machine: the e-mail still links to the address above.
      const response = await fetch(`http://127.0.0.1:${listen}/requests/new`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: formBody(intakeFormFields(buildIntake(seededRandom(3)))),
      });
      await response.arrayBuffer();
      expect(response.status).toBe(303);
      const sqlite = openReadOnly(dbFile);
      try {
        const body = sqlite.prepare(`SELECT body FROM Notification WHERE kind = 'requestReceived'`).pluck().get() as string;
        expect(body).toContain(`http://localhost:${listen}/s/`);
        expect(body).not.toContain("127.0.0.1");
      } finally {
        sqlite.close();
      }
    } finally {
      start.child.kill("SIGTERM");
      await start.exited;
    }
  });
});

describe("a DATABASE_URL the app cannot serve", () => {
  /** Runs `script` from an empty folder with DATABASE_URL=`url`; its exit code, what it printed, and what it left in the folder. */
  async function runFromEmptyFolder(script: string, url: string, env: Record<string, string> = {}) {
    const { mkdtemp, readdir, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    // The scripts resolve a relative path from the working directory: run them from an empty
    // one, which must stay empty (once, a folder named "postgresql:" held a new SQLite file).
    const cwd = await mkdtemp(path.join(tmpdir(), "rrc-dburl-"));
    const args = script.endsWith("backup.mjs") ? ["--out", "backup.db"] : script.endsWith("restore.mjs") ? ["--from", "backup.db"] : [];
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], {
      cwd,
      env: { ...process.env, SCHEDULER_INTERVAL_SECONDS: "0", SHOW_DEMO_LOGINS: "false", ...env, DATABASE_URL: url } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const code = await Promise.race([new Promise((resolve) => child.once("exit", resolve)), sleep(30_000).then(() => "still running")]);
    if (code === "still running") child.kill("SIGKILL");
    const left = await readdir(cwd);
    await rm(cwd, { recursive: true, force: true });
    return { code, output, left };
  }

  it("stops `npm start`'s preparation, the server and the backup at start, names the accepted forms, and creates nothing", { timeout: 120_000 }, async () => {
    await ensureBuild();
    for (const [script, env] of [
      ["scripts/prepare.mjs", {}],
      ["server.mjs", { NODE_ENV: "production", PUBLIC_URL: "https://rrc.example.org", PORT: String(await freePort()) }],
      ["scripts/db-backup.mjs", {}],
    ] as const) {
      for (const url of ["mysql://root:s3cret-pass@localhost/rrc", "postgresql://rrc:s3cret-pass@db.example.org:5432"]) {
        const { code, output, left } = await runFromEmptyFolder(script, url, env);
        expect(code, `${script} with ${url}: ${output}`).toBe(1);
        expect(output).toContain("cannot be served");
        expect(output).toContain("DATABASE_URL=file:<path>");
        expect(output).toContain("DATABASE_URL=postgresql://<user>:<password>@<host>:<port>/<database>");
        // The message, not a stack trace, and never the password.
        expect(output).not.toMatch(/\n\s+at /);
        expect(output).not.toContain("s3cret-pass");
        expect(output).toMatch(/DATABASE_URL=(mysql:\/\/root|postgresql:\/\/rrc):\*\*\*@/);
        expect(left).toEqual([]);
      }
    }
  });

  it("the backup and the restore, which copy SQLite files, say so for a PostgreSQL database and create nothing", { timeout: 60_000 }, async () => {
    for (const script of ["scripts/db-backup.mjs", "scripts/db-restore.mjs"]) {
      const { code, output, left } = await runFromEmptyFolder(script, "postgresql://rrc:s3cret-pass@db.example.org:5432/rrc");
      expect(code, `${script}: ${output}`).toBe(1);
      expect(output).toContain("DATABASE_URL=postgresql://rrc:***@db.example.org:5432/rrc is a PostgreSQL database");
      expect(output).toContain("works on SQLite files (DATABASE_URL=file:<path>) only");
      expect(output).not.toMatch(/\n\s+at /);
      expect(left).toEqual([]);
    }
  });
});

describe("the server's own settings (PORT, HOST, TRUST_PROXY) are the app's configuration", () => {
  it("an unreadable PORT or TRUST_PROXY stops the server at start and names the setting", { timeout: 120_000 }, async () => {
    await ensureBuild();
    const dbFile = await freshDatabase("bad-settings");
    const settings = { NODE_ENV: "production", PUBLIC_URL: "https://rrc.example.org", DATABASE_URL: `file:${dbFile}` };
    for (const [name, value] of [
      ["PORT", "eighty"],
      ["PORT", "70000"],
      ["TRUST_PROXY", "yes"],
    ] as const) {
      const server = run("server.mjs", { ...settings, PORT: String(await freePort()), [name]: value });
      const code = await Promise.race([server.exited, sleep(20_000).then(() => "still running")]);
      if (code === "still running") server.child.kill("SIGKILL");
      expect(code, `${name}=${value}: ${server.output()}`).toBe(1);
      expect(server.output()).toContain("Rapid Response Centre tracker did not start.");
      expect(server.output()).toContain(name);
      expect(server.output()).not.toMatch(/\n\s+at /);
    }
  });

  it("with TRUST_PROXY a proxy's X-Forwarded-For and X-Forwarded-Host count; without it they do not", { timeout: 120_000 }, async () => {
    await ensureBuild();
    /** Files a request as if through a proxy for `client`; the answer's status. */
    async function fileThroughProxy(listen: number, client: string, seed: number, headers: Record<string, string> = {}) {
      const response = await fetch(`http://127.0.0.1:${listen}/requests/new`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": client, ...headers },
        body: formBody(intakeFormFields(buildIntake(seededRandom(seed)))),
      });
      await response.arrayBuffer();
      return response.status;
    }
    const proxied = { "X-Forwarded-Host": "rrc.example.org", Origin: "https://rrc.example.org" };
    for (const trusted of [true, false]) {
      const dbFile = await freshDatabase(`trust-proxy-${trusted}`);
      const listen = await freePort();
      const server = run("server.mjs", {
        NODE_ENV: "production",
        PUBLIC_URL: "https://rrc.example.org",
        PORT: String(listen),
        DATABASE_URL: `file:${dbFile}`,
        OUTBOX_DIR: `${dbFile}-outbox`,
        // One filing per address: two enterprises behind one proxy need it to tell them apart.
        INTAKE_RATE_LIMIT: "1/600",
        ...(trusted ? { TRUST_PROXY: "true" } : {}),
      });
      try {
        let status = 0;
        for (let i = 0; i < 200 && status !== 200; i++) {
          status = await fetch(`http://127.0.0.1:${listen}/healthz`).then(
            (r) => r.status,
            () => 0,
          );
          if (status !== 200) await sleep(100);
        }
        expect(status, server.output()).toBe(200);
        const viaProxy = [await fileThroughProxy(listen, "203.0.113.7", 11, proxied), await fileThroughProxy(listen, "198.51.100.9", 12, proxied)];
        if (trusted) {
          // The browser's host is the proxy's X-Forwarded-Host, and each enterprise has its own limit.
          expect(viaProxy, server.output()).toEqual([303, 303]);
        } else {
          // The forwarded host does not count: the post's Origin is another site's.
          expect(viaProxy, server.output()).toEqual([403, 403]);
          // Nor does the forwarded address: both share the one address's limit.
          expect([await fileThroughProxy(listen, "203.0.113.7", 21), await fileThroughProxy(listen, "198.51.100.9", 22)]).toEqual([303, 429]);
        }
      } finally {
        server.child.kill("SIGTERM");
        await server.exited;
      }
    }
  });
});
