// Named queue views: a user's own list of query strings.
import { db } from "~/utils/db.server";

export function listSavedViews(userId: string) {
  return db.savedView.findMany({ where: { userId }, orderBy: { name: "asc" }, select: { id: true, name: true, query: true } });
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
