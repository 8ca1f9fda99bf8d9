// The SLA targets in force: the defaults of sla.ts, overridden per urgency by SLA_TARGETS,
// e.g. SLA_TARGETS='{"CRITICAL":{"triage":"2h","resolve":"2d","accept":"8h"}}'.
import { z } from "zod";
import { env } from "~/config/env.server";
import { DEFAULT_SLA_TARGETS, type SlaTargets } from "./sla";
import { URGENCIES } from "../taxonomy";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?[mhd]$/, "a duration like 30m, 4h or 3d")
  .transform((v) => Number(v.slice(0, -1)) * UNIT_MS[v.slice(-1) as keyof typeof UNIT_MS]);
const Override = z.partialRecord(
  z.enum(URGENCIES),
  z.object({ triage: Duration.optional(), resolve: Duration.optional(), accept: Duration.optional() }).strict(),
);

function parseSlaTargets(json: string | undefined): SlaTargets {
  if (!json) return DEFAULT_SLA_TARGETS;
  const override = Override.parse(JSON.parse(json));
  const targets = structuredClone(DEFAULT_SLA_TARGETS);
  for (const urgency of URGENCIES) {
    const o = override[urgency];
    if (!o) continue;
    if (o.triage) targets[urgency].triageMs = o.triage;
    if (o.resolve) targets[urgency].resolveMs = o.resolve;
    if (o.accept) targets[urgency].acceptMs = o.accept;
  }
  return targets;
}

export const slaTargets: SlaTargets = parseSlaTargets(env.SLA_TARGETS);
