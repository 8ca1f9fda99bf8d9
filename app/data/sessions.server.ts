// Typed SQL on sessions: the look-up every signed-in page starts with, on the read connection (a
// committed sign-in or revocation is seen by the next read).
import { readFirst } from "./read-db.server";
import { toBoolean, toDate } from "./schema";
import { builder } from "./sql";

/** The session and its user, if the session exists. */
export async function sessionWithUser(sessionId: string) {
  const row = await readFirst(
    builder
      .selectFrom("Session as s")
      .innerJoin("User as u", "u.id", "s.userId")
      .select(["s.expiresAt", "u.id", "u.email", "u.name", "u.role", "u.clusterId", "u.active"])
      .where("s.id", "=", sessionId),
  );
  return row && { ...row, expiresAt: toDate(row.expiresAt), active: toBoolean(row.active) };
}
