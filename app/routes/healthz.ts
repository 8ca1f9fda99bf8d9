import { checkHealth } from "~/domain/health.server";

/** For monitors: 200 when the database takes a write and its disk has room, 503 otherwise. */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
