// Named queue views: a user's own query strings, and the ones their authors share with every
// coordinator. Only the author, or an admin, deletes or stops sharing a shared view.
import { db } from "~/data/db.server";
import { savedViewsSeenBy } from "~/data/saved-views.server";

export type SavedViewItem = {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  /** The viewer's own view. */
  mine: boolean;
  /** Who saved it. */
  author: string;
  /** The viewer may delete it (and stop sharing it): its author, or an admin for a shared one. */
  manageable: boolean;
};

type Viewer = { id: string; role: "ADMIN" | "COORDINATOR" | "CLUSTER_MEMBER" };

/** On every queue page, the viewer's own views first, then those shared with them, by name. */
export async function listSavedViews(viewer: Viewer): Promise<SavedViewItem[]> {
  return (await savedViewsSeenBy(viewer.id)).map((row) => ({
    id: row.id,
    name: row.name,
    query: row.query,
    shared: row.shared,
    mine: row.mine,
    author: row.author,
    manageable: row.mine || viewer.role === "ADMIN",
  }));
}

/** Saves (or replaces, by name) the user's view, shared with every coordinator or not. */
export function saveView({ userId, name, query, shared = false }: { userId: string; name: string; query: string; shared?: boolean }) {
  return db.$transaction((tx) =>
    tx.savedView.upsert({
      where: { userId_name: { userId, name } },
      create: { userId, name, query, shared },
      update: { query, shared },
      select: { id: true },
    }),
  );
}

/** The views a viewer may change: their own, and, for an admin, anyone's shared ones. */
function manageableBy(viewer: Viewer) {
  return viewer.role === "ADMIN" ? { OR: [{ userId: viewer.id }, { shared: true }] } : { userId: viewer.id };
}

export function deleteView({ viewer, id }: { viewer: Viewer; id: string }) {
  return db.$transaction((tx) => tx.savedView.deleteMany({ where: { id, ...manageableBy(viewer) } }));
}

/** Stops showing a view to everyone (it stays its author's own). */
export function unshareView({ viewer, id }: { viewer: Viewer; id: string }) {
  return db.$transaction((tx) => tx.savedView.updateMany({ where: { id, ...manageableBy(viewer) }, data: { shared: false } }));
}
