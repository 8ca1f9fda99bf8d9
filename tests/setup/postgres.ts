// The test databases on a PostgreSQL server (tests/setup/global-setup.ts, setup-test-env.ts).
import pg from "pg";

/** `url` with its database replaced by `database`. */
export function postgresDatabaseUrl(url: string, database: string) {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

/** Runs `work` on a connection to the server's maintenance database (CREATE and DROP DATABASE run there). */
export async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: postgresDatabaseUrl(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database copied from the migrated `template`; two files starting at once may find the template busy for a moment. */
export async function databaseFromTemplate(url: string, template: string, name: string) {
  await onServer(url, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === "55006";
        if (!busy || attempt === 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return postgresDatabaseUrl(url, name);
}

export async function dropDatabase(url: string, name: string) {
  await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
