// The per-address limit on intake submissions (INTAKE_RATE_LIMIT, default 20 per 10 minutes:
// generous, since many enterprises share one mobile-network address).
import { env } from "~/config/env.server";
import { createRateLimiter } from "~/utils/rate-limit.server";

const limiter = createRateLimiter(env.INTAKE_RATE_LIMIT);

export function allowIntakeFrom(address: string) {
  return limiter.hit(`intake:${address}`);
}
