import type { EdgeConfigError } from "../errors";
import type { SiteDefinition } from "../site";
import { relativeParts } from "./placeholders";

const REGIONAL = /^regions\.([^.]+)\.environments\.([^.]+)$/;

/**
 * The path where the value at `path` is written when the site's entry for a further home Region
 * (`regions.<region>.environments.<env>`) shares it with the environment's own entry
 * (`{ ...environments.dev, vpc: {...} }` in site.ts): the part of the regional entry that is the
 * very object of `environments.<env>` is written there, so errors about it name that path.
 * Returns `path` unchanged when nothing is shared.
 */
export function writtenPath(site: SiteDefinition, configPath: string, path: string): string {
  const m = REGIONAL.exec(configPath);
  if (!m) return path;
  const [, region, env] = m;
  const parts = relativeParts(path, configPath);
  if (parts === undefined) return path;
  let regional: unknown = site.regions?.[region]?.[env];
  let own: unknown = Object.prototype.hasOwnProperty.call(site.environments, env) ? site.environments[env] : undefined;
  for (let depth = 0; depth <= parts.length; depth++) {
    if (regional === null || typeof regional !== "object") return path;
    if (regional === own) return `environments.${env}${path.slice(configPath.length)}`;
    if (depth === parts.length) return path;
    const key = parts[depth];
    regional = (regional as Record<string | number, unknown>)[key];
    own = own !== null && typeof own === "object" ? (own as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

/** `error` naming the path its value is written at (see {@link writtenPath}). */
export function atWrittenPath(site: SiteDefinition, configPath: string, error: EdgeConfigError): EdgeConfigError {
  const path = writtenPath(site, configPath, error.path);
  return path === error.path ? error : error.with({ path });
}
