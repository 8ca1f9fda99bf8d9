// The waits after failed sign-ins (decision 015), as numbers: what a guesser gets out of a day.
import { describe, expect, it } from "vitest";
import { FIRST_WAIT_MS, FREE_FAILURES, MAX_WAIT_MS, type SignInBucket, waitBeforeNextAttempt } from "~/domain/auth/sign-in-throttle";

const DAY = 24 * 60 * 60 * 1000;
const at = new Date("2026-12-01T10:00:00Z");

describe("waitBeforeNextAttempt", () => {
  it("asks for nothing within the free failures, then 30 s doubling per failure up to 15 min", () => {
    const wait = (count: number) => waitBeforeNextAttempt("account", { count, latest: at }, at) / 1000;
    expect([0, 1, 4].map(wait)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map(wait)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(waitBeforeNextAttempt("address", { count: 19, latest: at }, at)).toBe(0);
    expect(waitBeforeNextAttempt("address", { count: 20, latest: at }, at)).toBe(FIRST_WAIT_MS);
  });

  it("counts the wait from the latest failure", () => {
    const later = (ms: number) => new Date(at.getTime() + ms);
    expect(waitBeforeNextAttempt("device", { count: 6, latest: at }, later(45_000))).toBe(15_000);
    expect(waitBeforeNextAttempt("device", { count: 6, latest: at }, later(60_000))).toBe(0);
    expect(waitBeforeNextAttempt("device", { count: 60, latest: at }, later(MAX_WAIT_MS))).toBe(0);
  });

  it.each([
    ["account", 110],
    ["device", 110],
    ["address", 125],
  ] as [SignInBucket, number][])("keeps one %s bucket to about a hundred guesses a day, as fast as allowed", (bucket, most) => {
    let now = at.getTime();
    let latest: Date | null = null;
    let count = 0;
    for (;;) {
      now += waitBeforeNextAttempt(bucket, { count, latest }, new Date(now));
      if (now >= at.getTime() + DAY) break;
      latest = new Date(now);
      count++;
    }
    expect(count).toBeGreaterThan(FREE_FAILURES[bucket]);
    expect(count).toBeLessThanOrEqual(most);
  });
});
