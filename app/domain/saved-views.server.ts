// Named queue views: a user's own list of query strings.
import { db } from "~/utils/db.server";
import { readStatement } from "~/utils/read-db.server";

/** On every queue page: read on the read-only connection, like the queue itself. */
export async function listSavedViews(userId: string): Promise<Array<{ id: string; name: string; query: string }>> {
  return readStatement(`SELECT "id", "name", "query" FROM "SavedView" WHERE "userId" = ? ORDER BY "name"`).all(userId) as Array<{ id: string; name: string; query: string }>;
}

/** Saves (or replaces, by name) the user's view. */
export function saveView({ userId, name, query }: { userId: string; name: string; query: string }) {
  return db.$transaction((tx) =>
    tx.savedView.upsert({
      where: { userId_name: { userId, name } },
      create: { userId, name, query },
      update: { query },
      select: { id: true },
    }),
  );
}

export function deleteView({ userId, id }: { userId: string; id: string }) {
  return db.$transaction((tx) => tx.savedView.deleteMany({ where: { id, userId } }));
}
