// Writes prisma/postgres/schema.prisma from prisma/schema.prisma, the one schema anyone edits:
// the same models with PostgreSQL as the datasource and the client generated into its own
// folder (one generated client cannot take the other engine's adapter; decision 049).
//   node scripts/postgres-schema.mjs           writes the file
//   node scripts/postgres-schema.mjs --check   exits 1 when the file is not what it would write
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgres", "schema.prisma");

/** Replaces the one line of `block` (e.g. `datasource db`) that sets `key`, and fails loudly when it is not there. */
function setInBlock(schema, block, key, value) {
  const start = schema.indexOf(`${block} {`);
  const end = schema.indexOf("\n}", start);
  const line = new RegExp(`^(\\s*${key}\\s*=\\s*).*$`, "m");
  const body = schema.slice(start, end);
  if (start < 0 || !line.test(body)) throw new Error(`prisma/schema.prisma: no \`${key}\` in \`${block}\``);
  return schema.slice(0, start) + body.replace(line, `$1${value}`) + schema.slice(end);
}

/** The PostgreSQL schema for the SQLite schema's text. */
export function postgresSchema(sqliteSchema) {
  let schema = setInBlock(sqliteSchema, "datasource db", "provider", '"postgresql"');
  // Prisma 6 needs a literal URL to parse the schema offline; the adapter gets DATABASE_URL.
  schema = setInBlock(schema, "datasource db", "url", '"postgresql://localhost/unused"');
  schema = setInBlock(schema, "generator client", "output", '"../../app/generated/postgres"');
  return (
    "// Written by scripts/postgres-schema.mjs from prisma/schema.prisma: edit that file, then run\n" +
    "// `node scripts/postgres-schema.mjs` and add a migration for each engine (decision 049).\n\n" +
    schema
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const expected = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  if (process.argv.includes("--check")) {
    if (current !== expected) {
      console.error("prisma/postgres/schema.prisma is not prisma/schema.prisma's PostgreSQL form: run `node scripts/postgres-schema.mjs`.");
      process.exit(1);
    }
  } else if (current !== expected) {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, expected);
    console.log("Wrote prisma/postgres/schema.prisma");
  }
}
