// Answers whose timing must not tell what the server found (a matching reference and e-mail, an
// existing account): the work runs, then the answer waits until a fixed time has passed since
// it started. The floor sits well above the work's own time, so both outcomes take the floor.
import { setTimeout as sleep } from "node:timers/promises";

export async function takingAtLeast<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = ms - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
