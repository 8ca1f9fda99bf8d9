// One store per HTTP request, opened by server.mjs around the Remix handler. Every loader of a
// page runs in it, so what they all need (the signed-in user) is worked out once per page rather
// than once per loader. Outside a request (tests calling loaders, the CLI) nothing is kept.
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("rrc.requestScope");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<Map<unknown, unknown>> };

/** Shared with server.mjs through the global symbol registry (whichever loads first creates it). */
const requestScope: AsyncLocalStorage<Map<unknown, unknown>> = (holder[KEY] ??= new AsyncLocalStorage());

/** `compute()` once per HTTP request and key. */
export function memoForRequest<T>(key: string, compute: () => T): T {
  const store = requestScope.getStore();
  if (!store) return compute();
  if (store.has(key)) return store.get(key) as T;
  const value = compute();
  store.set(key, value);
  return value;
}

/** Forgets what this request worked out (after its session changed). */
export function forgetForRequest() {
  requestScope.getStore()?.clear();
}
