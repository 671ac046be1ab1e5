/** Edits of config entries by path, as a user makes them in the files. */
export interface ConfigEdits {
  /** Environment name to `{ path: value }`. */
  readonly environments?: Record<string, Record<string, unknown>>;
  /**
   * Site name to entry to `{ path: value }`. The entry is an environment name (the entry the site
   * uses for it: its own, or for a site homed in other Regions only, that of its first home
   * Region) or an entry's config path as errors print it
   * (`environments.dev`, `regions.us-west-2.dev`).
   */
  readonly sites?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Where a site keeps its config: per environment, and per further home Region and environment. */
export interface SiteEntries {
  readonly environments: Readonly<Record<string, unknown>>;
  readonly regions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One config entry of a site: its environment, home Region (undefined: the environment's own) and config path. */
export interface SiteEntry {
  readonly env: string;
  readonly region?: string;
  /** As errors print it: `environments.dev`, `regions.us-west-2.dev`. */
  readonly configPath: string;
  readonly config: unknown;
}

const has = (o: object | undefined, key: string) =>
  o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

/** Every config entry of `site`, whatever its shape: `environments.<env>`, then `regions.<region>.<env>`. */
export function entriesOf(site: SiteEntries): SiteEntry[] {
  const own = Object.entries(site.environments).map(([env, config]) => ({
    env,
    configPath: `environments.${env}`,
    config,
  }));
  const elsewhere = Object.entries(site.regions ?? {}).flatMap(([region, byEnv]) =>
    Object.entries(byEnv).map(([env, config]) => ({
      env,
      region,
      configPath: `regions.${region}.${env}`,
      config,
    })),
  );
  return [...own, ...elsewhere];
}

/**
 * The entry `key` names in `site` (see {@link ConfigEdits.sites}): the record holding it and its
 * key there. An environment the site has no entry for addresses its own entries (a new entry).
 */
export function entryOf(
  site: SiteEntries,
  key: string,
): { readonly record: Record<string, unknown>; readonly entry: string; readonly configPath: string } {
  const regional = /^regions\.([^.]+)\.([^.]+)$/.exec(key);
  if (regional) {
    const [, region, env] = regional;
    const regions = site.regions as Record<string, Record<string, unknown>> | undefined;
    if (!regions || !has(regions, region)) throw new Error(`the site has no entries for Region ${region}`);
    return { record: regions[region], entry: env, configPath: key };
  }
  const env = key.replace(/^environments\./, "");
  const own = site.environments as Record<string, unknown>;
  if (has(own, env) || key.startsWith("environments.")) {
    return { record: own, entry: env, configPath: `environments.${env}` };
  }
  const home = entriesOf(site).find((e) => e.env === env && e.region !== undefined);
  if (home?.region !== undefined) {
    const regions = site.regions as Record<string, Record<string, unknown>>;
    return { record: regions[home.region], entry: env, configPath: home.configPath };
  }
  return { record: own, entry: env, configPath: `environments.${env}` };
}

/** The value that deletes a key. */
export const DELETE = { $delete: true } as const;

/** The parts of a path such as `vpc.availabilityZones[1]` or `tags["aws:team"]`. */
export function pathParts(pathText: string): string[] {
  const parts: string[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g;
  for (const m of pathText.matchAll(re)) parts.push(m[1] ?? (m[2] !== undefined ? JSON.parse(`"${m[2]}"`) : m[3]));
  return parts;
}

/** Sets (or with {@link DELETE}, removes) `value` at a path such as `vpc.availabilityZones[1]`; `""` is the whole entry. */
export function setPath(
  entries: Record<string, unknown>,
  entry: string,
  pathText: string,
  value: unknown,
): void {
  const remove =
    typeof value === "object" &&
    value !== null &&
    (value as { $delete?: boolean }).$delete === true;
  if (pathText === "") {
    if (remove) delete entries[entry];
    else entries[entry] = structuredClone(value);
    return;
  }
  const parts = pathParts(pathText);
  if (entries[entry] === undefined) entries[entry] = {};
  let cur = entries[entry] as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    if (cur[p] === undefined || cur[p] === null || typeof cur[p] !== "object") cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  // Removing a list item removes it from the list, as a user deletes the line.
  if (remove && Array.isArray(cur)) cur.splice(Number(last), 1);
  else if (remove) delete cur[last];
  else cur[last] = structuredClone(value);
}

/** Applies `edits` to the environment catalog and to each site's config entries. */
export function applyEdits(
  edits: ConfigEdits,
  environments: Record<string, unknown>,
  siteOf: (site: string) => SiteEntries,
): void {
  for (const [env, changes] of Object.entries(edits.environments ?? {})) {
    for (const [p, v] of Object.entries(changes)) setPath(environments, env, p, v);
  }
  for (const [site, byEntry] of Object.entries(edits.sites ?? {})) {
    const entries = siteOf(site);
    for (const [key, changes] of Object.entries(byEntry)) {
      const { record, entry } = entryOf(entries, key);
      for (const [p, v] of Object.entries(changes)) setPath(record, entry, p, v);
    }
  }
}
