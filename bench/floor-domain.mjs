// The app's own pure domain code the benchmarks need instead of copies of its rules: the intake
// schema and what createRequest derives (the floor server, bench/floor-server.mjs), and the
// state machine, SLA targets, sort keys, search text and code checks (the data generator,
// bench/generate-requests.mjs). bench/domain.mjs bundles this file with esbuild (tsconfig paths
// resolve "~/") into bench/.tmp/floor-domain.bundle.mjs; zod stays an external import, as in
// the app's server build.
import * as intake from "../app/schemas/intake.ts";
import * as categoryDetails from "../app/domain/category-details.ts";
import * as identifiers from "../app/domain/identifiers.ts";
import * as requestKeys from "../app/domain/request-keys.ts";
import * as search from "../app/domain/search.ts";
import * as sla from "../app/domain/sla.ts";
import * as stateMachine from "../app/domain/state-machine.ts";
import * as taxonomy from "../app/domain/taxonomy.ts";
import * as tokens from "../app/domain/tokens.server.ts";

export const domain = { ...intake, ...categoryDetails, ...identifiers, ...requestKeys, ...search, ...sla, ...stateMachine, ...taxonomy, ...tokens };
