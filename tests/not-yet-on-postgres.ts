// The integration test files that do not run on PostgreSQL yet, each with the reason, in this one
// place (decision 049). `npm run test:postgres` runs every other file in tests/integration on a
// throw-away PostgreSQL server; a file comes off this list when the code it tests runs there.
export const NOT_YET_ON_POSTGRES: Record<string, string> = {};
