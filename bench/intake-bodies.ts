// Writes N distinct, valid intake forms as application/x-www-form-urlencoded bodies (a JSON
// array of strings), built by the test factories so they are what the browser would post.
// Run with tsx: node_modules/.bin/tsx bench/intake-bodies.ts <out.json> [count] [seed]
import fs from "node:fs";
import { buildIntake, intakeFormFields, seededRandom } from "../tests/factories";

const [out, countArg = "2000", seedArg = "20260301"] = process.argv.slice(2);
if (!out) throw new Error("usage: tsx bench/intake-bodies.ts <out.json> [count] [seed]");

const random = seededRandom(Number(seedArg));
const bodies: string[] = [];
for (let i = 0; i < Number(countArg); i++) {
  const fields = intakeFormFields(buildIntake(random));
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  params.append("website", ""); // the honeypot, empty as a person leaves it
  bodies.push(params.toString());
}
fs.writeFileSync(out, JSON.stringify(bodies));
// The factories import the Prisma client; nothing was connected, but do not wait for it.
process.exit(0);
