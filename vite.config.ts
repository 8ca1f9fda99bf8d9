import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Browser scripts that are not Remix routes: the progressive enhancement of pages served
 * without React in the browser (see docs/decisions/012-enterprise-pages-without-react.md). Built
 * with the client bundle, so they share its chunks (zod, the schemas); the server finds their
 * hashed file names in the Vite manifest, which Remix keeps outside the public folder
 * (build/.vite/client-manifest.json) when `build.manifest` is on.
 */
export const CLIENT_ENTRIES = ["app/enhance/intake.ts", "app/enhance/uploads-page.ts"];

function clientEntries(): Plugin {
  return {
    name: "rrc-client-entries",
    config(_config, env) {
      if (env.command === "build" && !env.isSsrBuild) return { build: { rollupOptions: { input: CLIENT_ENTRIES } } };
    },
  };
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2020", manifest: true },
  plugins: [
    clientEntries(),
    remix({
      ignoredRouteFiles: ["**/*.test.{ts,tsx}"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
});
