import type { KnipConfig } from "knip";

// Knip finds unused files, dependencies and exports (decision 040). Its Remix, Vite, Vitest,
// Playwright, Prisma and ESLint plugins add those tools' own entry points (app/root.tsx,
// app/entry.*, app/routes/*, the configs, the seed); the rest are listed here. Tests are entry
// points: an export that only a test uses is used.
const config: KnipConfig = {
  entry: [
    "server.mjs",
    "scripts/*.{mjs,ts}",
    "bench/*.{mjs,ts}",
    "tests/**/*.{ts,mjs}",
    // The integration tests' second run, on PostgreSQL (npm run test:postgres).
    "vitest.postgres.config.ts",
    // Built as browser entries beside the Remix client bundle (CLIENT_ENTRIES in vite.config.ts).
    "app/enhance/intake.ts",
    "app/enhance/uploads-page.ts",
  ],
  project: ["app/**/*.{ts,tsx}", "scripts/**/*.{mjs,ts}", "bench/**/*.{mjs,ts}", "tests/**/*.{ts,mjs}", "*.{ts,js,mjs}"],
  ignoreDependencies: [
    // Imported by the generated client in app/generated/prisma, which knip does not read.
    "@prisma/client",
    // Its path is resolved with createRequire (tests/e2e/visited-pages.check.ts), not imported.
    "axe-core",
  ],
  ignoreBinaries: [
    // Debian's poppler-utils, for the print test's PDFs.
    "pdftotext",
    "pdfinfo",
    // The full-disk test mounts a small tmpfs.
    "mount",
    "umount",
    // Debian's postgresql-common: a throw-away server for the PostgreSQL test run.
    "pg_virtualenv",
  ],
};

export default config;
