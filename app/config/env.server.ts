// Configuration, validated once. A fresh clone runs with no .env: every value has a safe
// local default. Nothing here reaches the browser. The production server (server.mjs) takes
// its own settings from here too, through the build (`listenSettings`, exported by
// app/entry.server.tsx), so every variable is read and checked in this one file.
import { randomBytes } from "node:crypto";
import { z } from "zod";
// Where the database and the documents live is decided in plain JavaScript beside this file,
// which the scripts that run without a build (setup, backup, restore) import too.
import { parseDatabaseUrl } from "./database-url.mjs";
import { DEFAULT_FILES_DIR } from "./files-dir.mjs";

const rate = z
  .string()
  .regex(/^\d+\/\d+$/, "expected COUNT/SECONDS, e.g. 20/600")
  .transform((v) => {
    const [limit, seconds] = v.split("/").map(Number) as [number, number];
    return { limit, windowMs: seconds * 1000 };
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().positive().max(65535).default(3000),
  /** The address the server listens on. */
  HOST: z.string().default("0.0.0.0"),
  /** Signs the session and language cookies. Generated per process when unset (local use only). */
  SESSION_SECRET: z.string().min(16).optional(),
  /** Intake submissions per client address: COUNT/SECONDS. */
  INTAKE_RATE_LIMIT: rate.prefault("20/600"),
  /** Trust X-Forwarded-For and X-Forwarded-Host (set when behind a reverse proxy). */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Mark cookies Secure. Defaults to on in production. */
  COOKIE_SECURE: z.enum(["true", "false", "1", "0"]).optional(),
  /** Timed rules (app/domain/scheduler.server.ts). */
  AUTO_CLOSE_DAYS: z.coerce.number().positive().default(14),
  STALE_AFTER_DAYS: z.coerce.number().positive().default(30),
  STALE_CLOSE_DAYS: z.coerce.number().positive().default(7),
  /** How often the server runs the timed rules; 0 leaves them to `npm run jobs:run` (cron). */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Overrides of the SLA targets per urgency (JSON, see app/domain/sla/sla-config.server.ts). */
  SLA_TARGETS: z.string().optional(),
  /**
   * The site's public address, the base of every link the app writes into messages and pages
   * (e.g. https://rrc.example.org). Required in production; never taken from a request's Host.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "expected the site's address, e.g. https://rrc.example.org" }).optional(),
  /** Outgoing mail server, e.g. smtps://user:password@mail.example.org:465. Unset: messages go to OUTBOX_DIR as .eml files. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, "expected smtp://… or smtps://…")
    .optional(),
  /** The From of every message the Centre sends. */
  MAIL_FROM: z.string().min(3).default("Центр швидкого реагування <rrc@localhost>"),
  /** Where .eml files are written when SMTP_URL is unset (relative to the working directory). */
  OUTBOX_DIR: z.string().min(1).default("data/outbox"),
  /** Where documents attached to requests are stored (relative to the working directory); outside the web root. */
  FILES_DIR: z.string().min(1).default(DEFAULT_FILES_DIR),
});

/** A setting that stops the process at start; server.mjs prints only its message. */
class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

function loadEnv() {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new ConfigurationError(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
    throw new ConfigurationError(
      "PUBLIC_URL is not set. In production the links sent to enterprises and staff are built from it, never from " +
        "the address a visitor's browser sent. Set it to the site's public address, e.g. PUBLIC_URL=https://rrc.example.org " +
        "(`npm start` sets it to http://localhost:PORT when it is unset).",
    );
  }
  const database = parseDatabaseUrl(env.DATABASE_URL);
  return {
    ...env,
    /** The base of links: PUBLIC_URL, or this machine's address outside production. */
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    /** The engine that serves DATABASE_URL and the URL for its adapter (database-url.mjs). */
    database,
    databaseUrl: database.url,
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    cookieSecure: env.COOKIE_SECURE !== undefined ? env.COOKIE_SECURE === "true" || env.COOKIE_SECURE === "1" : env.NODE_ENV === "production",
  };
}

export const env = loadEnv();

/** What server.mjs needs before it serves: where to listen, and whether a proxy's headers count. */
export const listenSettings = { port: env.PORT, host: env.HOST, trustProxy: env.TRUST_PROXY };
