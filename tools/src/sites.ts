import * as fs from "node:fs";
import * as path from "node:path";
import type { SiteDefinition } from "@edge/core";

/**
 * The compiled synth entry (dist/tools/synth.js, built by tools/nx-plugin/build.js) bundles every
 * app and registers its module here by folder name; from source, each app is required by path.
 */
declare global {
  var __edgeSiteModules: Record<string, () => Record<string, unknown>> | undefined;
}

/** Names of the sites under `apps/` (each folder with a `src/main.ts`), sorted; nothing loaded. */
export function siteNames(repoRoot: string): string[] {
  const appsDir = path.join(repoRoot, "apps");
  return fs
    .readdirSync(appsDir)
    .sort()
    .filter((app) => fs.existsSync(path.join(appsDir, app, "src", "main.ts")));
}

/**
 * The sites under `apps/`: each app's `src/main.ts` exports its `SiteDefinition`. With `only`,
 * just those sites are loaded (a one-site synth does not load the other sites' code).
 * @default every site
 */
export function loadSites(repoRoot: string, only?: readonly string[]): SiteDefinition[] {
  const appsDir = path.join(repoRoot, "apps");
  const sites: SiteDefinition[] = [];
  for (const app of siteNames(repoRoot)) {
    if (only && !only.includes(app)) continue;
    const main = path.join(appsDir, app, "src", "main.ts");
    const bundled = globalThis.__edgeSiteModules?.[app];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(bundled ? bundled() : (require(main) as Record<string, unknown>)).filter(isSite);
    if (exported.length !== 1) {
      throw new Error(`${path.relative(repoRoot, main)} must export exactly one site definition, found ${exported.length}`);
    }
    if (exported[0].name !== app) {
      throw new Error(`apps/${app} defines site "${exported[0].name}"; the site name must match its folder`);
    }
    sites.push(exported[0]);
  }
  return sites;
}

function isSite(value: unknown): value is SiteDefinition {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as SiteDefinition).name === "string" &&
    typeof (value as SiteDefinition).build === "function" &&
    typeof (value as SiteDefinition).environments === "object"
  );
}
