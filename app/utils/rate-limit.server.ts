// Fixed-window counters per key (e.g. "intake:<address>"). Where one server process serves the
// app (SQLite), counted in its memory: a restart forgetting the counts is harmless. Where several
// serve one database (PostgreSQL), counted in the database (RateLimitWindow), so a client gets
// the limit once and not once per process (docs/decisions/051-work-on-two-engines.md).
import { onPostgres } from "~/data/db.server";
import { countAttempt, currentWindow } from "~/data/rate-limits.server";

type Window = { count: number; resetAt: number };

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const secondsUntil = (resetAt: number, now: number) => Math.max(1, Math.ceil((resetAt - now) / 1000));

export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }) {
  const windows = new Map<string, Window>();

  function countInMemory(key: string, now: number): Window {
    let window = windows.get(key);
    if (!window || window.resetAt <= now) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      window = { count: 0, resetAt: now + windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    return window;
  }

  async function count(key: string, now: number): Promise<Window> {
    if (!onPostgres) return countInMemory(key, now);
    const counted = await countAttempt({ key, now: new Date(now), windowMs });
    return { count: counted.count, resetAt: counted.resetAt.getTime() };
  }

  async function current(key: string, now: number): Promise<Window | undefined> {
    if (!onPostgres) {
      const window = windows.get(key);
      return window && window.resetAt > now ? window : undefined;
    }
    const found = await currentWindow({ key, now: new Date(now) });
    return found && { count: found.count, resetAt: found.resetAt.getTime() };
  }

  return {
    /** Counts one attempt; refused when the key is over its limit for the current window. */
    async hit(key: string, now = Date.now()): Promise<LimitVerdict> {
      const window = await count(key, now);
      return window.count <= limit ? { allowed: true } : { allowed: false, retryAfterSeconds: secondsUntil(window.resetAt, now) };
    },
    /** Refused when the key has used up its current window; counts nothing. */
    async check(key: string, now = Date.now()): Promise<LimitVerdict> {
      const window = await current(key, now);
      return window && window.count >= limit ? { allowed: false, retryAfterSeconds: secondsUntil(window.resetAt, now) } : { allowed: true };
    },
  };
}
