// prisma/schema.prisma is the one schema anyone edits; PostgreSQL's (prisma/postgres/schema.prisma)
// is written from it by scripts/postgres-schema.mjs and committed. A change to the first that
// was not carried over to the second fails here (decision 049).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../../scripts/postgres-schema.mjs";

describe("PostgreSQL's schema", () => {
  it("is prisma/schema.prisma's models with PostgreSQL's datasource and its own client folder (`npm run db:schema:postgres` writes it)", () => {
    const sqlite = readFileSync(SQLITE_SCHEMA, "utf8");
    const postgres = readFileSync(POSTGRES_SCHEMA, "utf8");
    expect(postgres, "prisma/postgres/schema.prisma is stale: run `npm run db:schema:postgres`").toBe(postgresSchema(sqlite));
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).toContain('output     = "../../app/generated/postgres"');
    expect(postgres).not.toContain('"sqlite"');
  });

  it("cannot be written from a schema whose datasource it does not recognise", () => {
    expect(() => postgresSchema("model Cluster {\n  id String @id\n}\n")).toThrow(/no `provider` in `datasource db`/);
  });
});
