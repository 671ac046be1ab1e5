import type { EdgeConfigError } from "../errors";
import type { EdgeStack } from "../edge-stack";
import type { ErrorSource } from "./deferred-errors";

/**
 * Repository files config is written in, as printed in errors. The environment catalog holds
 * every environment (account, Region, tags, backend, address plan); each site keeps its
 * per-environment config in its app.
 */
export const ENVIRONMENT_CATALOG_FILE = "libs/environments/src/lib/shipped-environments.ts";

/** The file holding the per-environment config of `site`. */
export function siteConfigFile(site: string): string {
  return `apps/${site}/src/site.ts`;
}

/** True when `path` is `prefix` or lies under it (`prefix.x`, `prefix[0]`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * Re-points errors at `from` (and under it) to `to`, in `file` when given: a construct prop the
 * site filled from somewhere else, such as the VPC CIDR from the environment's network plan.
 */
export function movedTo(from: string, to: string, file?: string): ErrorSource {
  return (e: EdgeConfigError) =>
    isUnder(e.path, from)
      ? e.with({ path: to + e.path.slice(from.length), ...(file ? { file } : {}) })
      : e;
}

/**
 * Re-points errors about the VPC CIDR and the site's address block, props a site fills from the
 * environment's network plan, to where they are written: the plan of the stack's home Region in
 * the environment catalog (`network.vpcCidr`, `network.sites.<site>`, or under
 * `network.regions.<region>` for a further home Region).
 */
export function fromNetworkPlan(
  stack: EdgeStack,
  props: { readonly vpcCidr: string; readonly siteBlock: string },
): ErrorSource[] {
  const env = stack.environment;
  const plan = `environments.${env.name}.network${env.home ? `.regions.${env.region}` : ""}`;
  return [
    movedTo(props.vpcCidr, `${plan}.vpcCidr`, ENVIRONMENT_CATALOG_FILE),
    movedTo(props.siteBlock, `${plan}.sites.${stack.definition}`, ENVIRONMENT_CATALOG_FILE),
  ];
}

/**
 * Re-points errors whose path matches `pattern` (anchored at the start) to `replacement`, which may
 * use `$1`...: a list the site built from one field of each entry, such as `zones[i]` from
 * `zones[i].name`.
 */
export function rewritten(pattern: string, replacement: string, file?: string): ErrorSource {
  const re = new RegExp(`^${pattern}`);
  return (e: EdgeConfigError) =>
    re.test(e.path)
      ? e.with({ path: e.path.replace(re, replacement), ...(file ? { file } : {}) })
      : e;
}

/** `text` with regular-expression characters escaped, for {@link rewritten} patterns. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Re-points errors of a list the site built as `[...prepended, ...userList]`: index `i` of the
 * construct's list is `userList[i - prepended]`, and the prepended entries map to `own` paths.
 */
export function shiftedList(
  listPath: string,
  userPath: string,
  own: readonly string[],
): ErrorSource {
  const re = new RegExp(`^${escape(listPath)}\\[(\\d+)\\](.*)$`);
  return (e: EdgeConfigError) => {
    const m = re.exec(e.path);
    if (!m) return e;
    const index = Number(m[1]);
    if (index < own.length) return e.with({ path: own[index] + stripField(m[2]) });
    return e.with({ path: `${userPath}[${index - own.length}]${m[2]}` });
  };
}

// A prepended entry given as a bare value (a group address) has no fields of its own in the file.
function stripField(rest: string): string {
  return rest.replace(/^\.(address)$/, "");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
