// Ids for rows written with SQL rather than through a Prisma model call (the intake path): the
// same shape as Prisma's cuid() — "c", the time in ms, a counter, a process fingerprint and
// randomness, 25 base-36 characters — so they sort by time like the rest (the weekly report
// pages through requests relying on that).
import { randomInt } from "node:crypto";
import os from "node:os";

const BASE = 36;
const BLOCK = BASE ** 4;
const block = (n: number) => n.toString(BASE).padStart(4, "0").slice(-4);

let counter = randomInt(BLOCK);
const fingerprint = block((process.pid + [...os.hostname()].reduce((sum, c) => sum + c.charCodeAt(0), 0)) % BLOCK);

export function newId(now: number = Date.now()): string {
  counter = (counter + 1) % BLOCK;
  return `c${now.toString(BASE).padStart(8, "0")}${block(counter)}${fingerprint}${block(randomInt(BLOCK))}${block(randomInt(BLOCK))}`;
}
