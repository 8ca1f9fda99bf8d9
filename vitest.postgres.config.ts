// The integration tests on PostgreSQL: `npm run test:postgres` runs them through
// scripts/with-postgres.mjs, which starts a throw-away server and sets DATABASE_URL to it. The
// files that do not run there yet are listed, with the reason for each, in tests/not-yet-on-postgres.ts.
import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config";
import { NOT_YET_ON_POSTGRES } from "./tests/not-yet-on-postgres";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // The integration files, two production servers on one database (issue #15), and what only
    // PostgreSQL has (tests/postgres).
    include: ["tests/integration/**/*.test.ts", "tests/reliability/two-processes.test.ts", "tests/postgres/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...Object.keys(NOT_YET_ON_POSTGRES)],
  },
});
