// The industries generated enterprises come from: the test factories' intakes (in turn) and the
// benchmark's generated requests. No imports but the taxonomy's type: the generator loads it.
import type { Sector } from "../app/domain/taxonomy.ts";

/** The industries intakes come from, in turn (not drawn from `random`, so adding them moved no other value). */
export const INDUSTRIES: readonly { sector: Sector; naceClass?: string }[] = [
  { sector: "C", naceClass: "25.62" },
  { sector: "C", naceClass: "31.01" },
  { sector: "C", naceClass: "29.32" },
  { sector: "C", naceClass: "14.13" },
  { sector: "A", naceClass: "01.11" },
  { sector: "C", naceClass: "10.71" },
  { sector: "I", naceClass: "55.10" },
  { sector: "H", naceClass: "49.41" },
  { sector: "C" },
  { sector: "G" },
];
