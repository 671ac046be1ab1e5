import type { EdgeConfigError } from "../errors";
import type { SiteDefinition } from "../site";
import { relativeParts, valueAt } from "./placeholders";

const REGIONAL = /^regions\.([^.]+)\.([^.]+)$/;

/**
 * The path where the value at `path` is written when the site's entry for a further home Region
 * (`regions.<region>.<env>`) shares it with the environment's own entry
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

/**
 * `error` re-pointed from an object of the config as written to the one key of it that holds the
 * value the error names: a site that passes a construct `zones.map((z) => z.name)` gets errors
 * at `zones[0]`, and the value is written at `zones[0].name`. Unchanged when the path names the
 * value itself, or when no single key of the object holds it.
 */
export function atValueKey(error: EdgeConfigError, configPath: string, input: unknown): EdgeConfigError {
  const value = error.value;
  if (value === null || typeof value === "object" || value === undefined) return error;
  const parts = relativeParts(error.path, configPath);
  if (parts === undefined) return error;
  const written = valueAt(input, parts);
  if (written === null || typeof written !== "object" || Array.isArray(written)) return error;
  const keys = Object.keys(written).filter((k) => (written as Record<string, unknown>)[k] === value);
  if (keys.length !== 1) return error;
  const key = keys[0];
  return error.with({ path: `${error.path}${/^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}` });
}
