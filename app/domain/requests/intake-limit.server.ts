// The per-address limit on intake submissions (INTAKE_RATE_LIMIT, default 20 per 10 minutes:
// generous, since many enterprises share one mobile-network address).
import { env } from "~/config/env.server";
import { createRateLimiter } from "~/utils/rate-limit.server";

const limiter = createRateLimiter(env.INTAKE_RATE_LIMIT);

export function allowIntakeFrom(address: string) {
  const allowed = limiter.hit(`intake:${address}`);
  return { allowed, retryAfterSeconds: allowed ? 0 : limiter.retryAfterSeconds(`intake:${address}`) };
}
