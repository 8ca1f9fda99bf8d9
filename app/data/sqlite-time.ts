// How the Prisma SQLite adapter stores a DateTime: ISO 8601 with "+00:00". SQL written by hand
// (the read connection's queries, the intake and outbox inserts) compares and writes the same
// text, so Prisma reads those rows back exactly like its own.
export function sqliteTimestamp(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}
