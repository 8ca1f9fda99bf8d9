// Fixed-window counters per key (e.g. "intake:<address>"), kept in this process's memory:
// one server process serves the app, and a restart forgetting the counts is harmless.
type Window = { count: number; resetAt: number };

export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }) {
  const windows = new Map<string, Window>();
  return {
    /** Counts one hit; false when the key is over its limit for the current window. */
    hit(key: string, now = Date.now()): boolean {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count <= limit;
    },
    /** True when the key has used up its current window (counts nothing). */
    isOver(key: string, now = Date.now()) {
      const window = windows.get(key);
      return window !== undefined && window.resetAt > now && window.count >= limit;
    },
    retryAfterSeconds(key: string, now = Date.now()) {
      const window = windows.get(key);
      return window ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
    },
  };
}
