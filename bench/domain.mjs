// The app's pure domain code for the benchmarks (bench/floor-domain.mjs lists the modules),
// bundled by esbuild (tsconfig paths resolve "~/"; zod stays external) into
// bench/.tmp/floor-domain.bundle.mjs, which the floor server imports too. Benchmarks call the
// app's rules instead of keeping copies of them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DOMAIN_BUNDLE = path.join(ROOT, "bench", ".tmp", "floor-domain.bundle.mjs");

/** Writes the bundle (about a second). */
export async function bundleDomain() {
  fs.mkdirSync(path.dirname(DOMAIN_BUNDLE), { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(ROOT, "bench", "floor-domain.mjs")],
    outfile: DOMAIN_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["zod"],
    absWorkingDir: ROOT,
    logLevel: "error",
  });
}

/** The app's domain functions and constants, bundled freshly once per process. */
export const domain = await bundleDomain().then(async () => (await import(pathToFileURL(DOMAIN_BUNDLE).href)).domain);
