// The route modules in app/routes, for the tests that check every route is covered. A route in a
// folder (`requests.$reference/route.tsx`, its parts beside it) is named like the flat file it
// stands for (`requests.$reference.tsx`); the folder's other modules are not routes.
import fs from "node:fs";
import path from "node:path";

export type RouteModule = { name: string; file: string };

export function routeModules(dir = path.resolve("app/routes")): RouteModule[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isFile() && /\.(tsx?|jsx?)$/.test(entry.name)) return [{ name: entry.name, file: path.join(dir, entry.name) }];
      if (!entry.isDirectory()) return [];
      const route = fs.readdirSync(path.join(dir, entry.name)).find((f) => /^route\.(tsx?|jsx?)$/.test(f));
      return route ? [{ name: entry.name + path.extname(route), file: path.join(dir, entry.name, route) }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
