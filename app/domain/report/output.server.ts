// Writing a report file to its output at the pace the output takes it.
import { once } from "node:events";
import type { Writable } from "node:stream";

/** Waits until the output has taken what it was given (or fails if it was closed meanwhile). */
export async function drained(output: Writable) {
  if (output.destroyed) throw new Error("The report's output was closed before the report was complete.");
  if (!output.writableNeedDrain) return;
  const ac = new AbortController();
  try {
    await Promise.race([
      once(output, "drain", { signal: ac.signal }),
      once(output, "close", { signal: ac.signal }).then(() => {
        throw new Error("The report's output was closed before the report was complete.");
      }),
    ]);
  } finally {
    ac.abort();
  }
}
