// Where the browser finds a client script that is not a Remix route (CLIENT_ENTRIES in
// vite.config.ts): in the built app, its hashed file and the chunks it imports, from the Vite
// manifest Remix keeps in build/.vite; under the Vite dev server and in tests, the source path
// (Vite serves it compiled).
import fs from "node:fs";
import { env } from "~/config/env.server";

type ManifestChunk = { file: string; imports?: string[] };
type Manifest = Record<string, ManifestChunk>;

export type ClientScript = {
  /** The module to load with <script type="module">. */
  src: string;
  /** The chunks it imports, for <link rel="modulepreload"> (saves a round trip each). */
  preload: string[];
};

let manifest: Manifest | null = null;

function readManifest(): Manifest {
  // The server bundle is build/server/index.js; the manifest is build/.vite/client-manifest.json.
  manifest ??= JSON.parse(fs.readFileSync(new URL("../.vite/client-manifest.json", import.meta.url), "utf8")) as Manifest;
  return manifest;
}

const found = new Map<string, ClientScript>();

/** Looked up once per script: the build does not change while the server runs. */
export function clientScript(source: string): ClientScript {
  if (env.NODE_ENV !== "production") return { src: `/${source}`, preload: [] };
  let script = found.get(source);
  if (!script) found.set(source, (script = lookUp(source)));
  return script;
}

function lookUp(source: string): ClientScript {
  const chunks = readManifest();
  const entry = chunks[source];
  if (!entry) throw new Error(`${source} is not in the client build: add it to CLIENT_ENTRIES in vite.config.ts`);
  const preload = new Set<string>();
  const visit = (key: string) => {
    const chunk = chunks[key];
    if (!chunk || preload.has(`/${chunk.file}`)) return;
    preload.add(`/${chunk.file}`);
    chunk.imports?.forEach(visit);
  };
  entry.imports?.forEach(visit);
  return { src: `/${entry.file}`, preload: [...preload] };
}
