// What /healthz tells monitors: the database takes a write (one row rewritten, a few
// milliseconds) and its disk has room. A full disk used to leave /healthz at 200 while every
// form was refused; reads alone do not notice it.
import { statfs } from "node:fs/promises";
import path from "node:path";
import { writeTransaction } from "~/data/db.server";
import { env } from "~/config/env.server";
import { writeHealthProbe } from "~/data/health-probe.server";
import { StorageFullError } from "./errors";

/** Below this much free space the next writes may fail (a full WAL is 1,000 pages of 4 KiB). */
const MIN_FREE_BYTES = 4 * 1024 * 1024;

export type Health = { status: "ok" | "storage full" | "database unavailable"; freeBytes: number | null };

/** Free space beside the SQLite file; a PostgreSQL server's disk is its own monitoring's to watch. */
async function freeBytes(): Promise<number | null> {
  if (env.database.engine !== "sqlite") return null;
  try {
    const stats = await statfs(path.dirname(env.database.path));
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export async function checkHealth(now = new Date()): Promise<Health> {
  const free = await freeBytes();
  try {
    await writeTransaction(() => writeHealthProbe(now));
  } catch (error) {
    if (error instanceof StorageFullError) return { status: "storage full", freeBytes: free };
    console.error("healthz: database check failed", error);
    return { status: "database unavailable", freeBytes: free };
  }
  return { status: free !== null && free < MIN_FREE_BYTES ? "storage full" : "ok", freeBytes: free };
}
