/** Edits of config entries by path, as a user makes them in the files. */
export interface ConfigEdits {
  /** Environment name to `{ path: value }`. */
  readonly environments?: Record<string, Record<string, unknown>>;
  /** Site name to environment name to `{ path: value }`. */
  readonly sites?: Record<string, Record<string, Record<string, unknown>>>;
}

/** The value that deletes a key. */
export const DELETE = { $delete: true } as const;

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
  const parts = pathText.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  if (entries[entry] === undefined) entries[entry] = {};
  let cur = entries[entry] as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    if (cur[p] === undefined || cur[p] === null || typeof cur[p] !== "object") cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (remove) delete cur[last];
  else cur[last] = structuredClone(value);
}

/** Applies `edits` to the environment catalog and to each site's per-environment config. */
export function applyEdits(
  edits: ConfigEdits,
  environments: Record<string, unknown>,
  siteEnvironments: (site: string) => Record<string, unknown>,
): void {
  for (const [env, changes] of Object.entries(edits.environments ?? {})) {
    for (const [p, v] of Object.entries(changes)) setPath(environments, env, p, v);
  }
  for (const [site, byEnv] of Object.entries(edits.sites ?? {})) {
    const entries = siteEnvironments(site);
    for (const [env, changes] of Object.entries(byEnv)) {
      for (const [p, v] of Object.entries(changes)) setPath(entries, env, p, v);
    }
  }
}
