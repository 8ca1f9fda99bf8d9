// The app's own pure domain code that the floor server (bench/floor-server.mjs) needs: the
// intake schema and the helpers createRequest uses. bench/intake.mjs bundles this file with
// esbuild (tsconfig paths resolve "~/") into bench/.tmp/floor-domain.bundle.mjs; zod stays
// an external import, as in the app's server build. Namespace imports keep the floor working
// while helpers are added to the domain (e.g. nextDueAt, statusRank, URGENCY_RANK): what a
// module does not export yet is simply undefined here.
import * as intake from "../app/schemas/intake.ts";
import * as search from "../app/domain/search.ts";
import * as sla from "../app/domain/sla.ts";
import * as stateMachine from "../app/domain/state-machine.ts";
import * as taxonomy from "../app/domain/taxonomy.ts";
import * as tokens from "../app/domain/tokens.server.ts";

export const domain = { ...intake, ...search, ...sla, ...stateMachine, ...taxonomy, ...tokens };
