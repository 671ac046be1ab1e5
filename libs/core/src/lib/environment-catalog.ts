import { matchAdHocRule, type AdHocDerivation, type AdHocRule } from "./ad-hoc-rule";
import { workspaceName } from "./backend";
import { parseCidr } from "./cidr";
import { defineEnvironment, type Environment, type EnvironmentInput } from "./environment";
import { EdgeConfigError } from "./errors";

const ENV_NAME = /^[a-z][a-z0-9-]{0,23}$/;

/** How names that are not shipped environments become ad-hoc ones (a branch, a sandbox). */
export interface AdHocPolicy {
  /** The shipped environment an ad-hoc one copies (account, Region, backend, site config). */
  readonly from: string;
  /**
   * Where ad-hoc address plans live: each ad-hoc environment gets `from`'s plan moved into a
   * slot of this block chosen from its name, so it shares no address with `from`.
   */
  readonly addressPool: string;
  /**
   * Names that follow a pattern and derive otherwise (another backend, such as the Terraform
   * Cloud workspaces of pull request previews), first match first; they share `addressPool`.
   * @default [] (every ad-hoc name derives from `from` as it is)
   */
  readonly rules?: readonly AdHocRule[];
}

/** The environments of a repository: data, all of them first-class. */
export interface EnvironmentCatalog {
  /** The shipped (permanent) environments, by name, in promotion order. */
  readonly environments: Readonly<Record<string, EnvironmentInput>>;
  /** How ad-hoc environments are derived. @default - none: unknown names are refused */
  readonly adHoc?: AdHocPolicy;
}

/** Names of the shipped environments, in the catalog's order: the default synth list. */
export function shippedEnvironmentNames(catalog: EnvironmentCatalog): string[] {
  return Object.keys(catalog.environments);
}

/** True when `name` is one of the catalog's shipped environments rather than an ad-hoc one. */
export function isShippedEnvironment(name: string, catalog: EnvironmentCatalog): boolean {
  return Object.prototype.hasOwnProperty.call(catalog.environments, name);
}

/**
 * Returns the environment called `name`: a shipped one, or an ad-hoc one derived from the
 * catalog's `adHoc.from` (or the `from` and backend of the first of `adHoc.rules` that takes the
 * name) under its own name, state and address plan. A name one edit away from a
 * shipped one (`prd`) is refused with a did-you-mean rather than derived.
 */
export function resolveEnvironment(name: string, catalog: EnvironmentCatalog): Environment {
  if (typeof name !== "string" || !ENV_NAME.test(name)) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_NAME",
      path: "EDGE_ENVS",
      value: name,
      problem: "not a valid environment name",
      fix: "use lowercase letters, digits and dashes, starting with a letter, at most 24 characters",
    });
  }
  const shipped = shippedEnvironmentNames(catalog);
  if (isShippedEnvironment(name, catalog)) return defineEnvironment(catalog.environments[name], name);
  const near = shipped.find((s) => editDistanceIsOne(s, name));
  if (near !== undefined) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_NEAR_MISS",
      path: "EDGE_ENVS",
      value: name,
      problem: `no shipped environment "${name}", and it is one edit from "${near}": did you mean "${near}"?`,
      fix: `use ${near}, or give the ad-hoc environment a name further from ${shipped.join(", ")} (such as feature-42)`,
    });
  }
  const policy = catalog.adHoc;
  const how = policy ? adHocDerivationOf(name, catalog) : undefined;
  const base = how ? catalog.environments[how.from] : undefined;
  if (!policy || !how || !base) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_UNKNOWN",
      path: "EDGE_ENVS",
      value: name,
      problem: `no environment "${name}", and the catalog derives no ad-hoc environments`,
      fix: `use one of ${shipped.join(", ")}`,
    });
  }
  const from = defineEnvironment(base, how.from);
  const moved = moveAddressPlan(from, name, policy.addressPool);
  const env = defineEnvironment(
    { ...base, name, network: moved.network, ...(how.backend !== undefined ? { backend: how.backend } : {}) },
    name,
  );
  const copied = `its account ${env.account}, Region ${env.region}, profile ${env.profile}`;
  return {
    ...env,
    derivedFrom: how.from,
    derivation: [
      how.rule === undefined
        ? `${name} is ${how.kind} derived from ${how.from}: ${copied} and ${env.backend.type} backend, with a state, names and tags of its own`
        : `${name} is ${how.kind}, derived from ${how.from} (adHoc.rules[${how.rule}]): ${copied}, with a state, names and tags of its own; ${deliveredBy(env, from)}`,
      `${name}'s address plan is ${how.from}'s moved from ${moved.from} to ${moved.to} (slot ${moved.slot} of the ad-hoc pool ${policy.addressPool}, chosen from the name; two ad-hoc environments can share a slot)`,
    ],
  };
}

/**
 * How the ad-hoc `name` derives: through the first of `adHoc.rules` whose pattern takes it, else
 * from `adHoc.from` as it is; undefined when the catalog derives no ad-hoc environments.
 */
export function adHocDerivationOf(name: string, catalog: EnvironmentCatalog): AdHocDerivation | undefined {
  const policy = catalog.adHoc;
  if (!policy) return undefined;
  return (
    matchAdHocRule(name, policy.rules ?? [], shippedEnvironmentNames(catalog)) ?? { from: policy.from, kind: "an ad-hoc environment" }
  );
}

/** Who delivers `env`, said against the environment it derives from. */
function deliveredBy(env: Environment, from: Environment): string {
  const b = env.backend;
  const instead = b.type === from.backend.type ? "" : ` instead of ${from.name}'s ${from.backend.type} backend`;
  switch (b.type) {
    case "tfc":
      return `delivered by Terraform Cloud${instead}: organization ${b.organization}${b.project ? `, project ${b.project}` : ""}, workspaces ${workspaceName(b, "<site>", env.name)}`;
    case "s3":
      return `delivered with cdktf deploy${instead}: state in s3://${b.bucket}`;
    case "local":
      return `delivered with cdktf deploy${instead}: local state`;
  }
}

/** True when `a` and `b` differ by one insertion, deletion or substitution. */
function editDistanceIsOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * `env`'s address plan shifted into a slot of `pool`: the smallest aligned block that holds
 * every block of the plan, moved as a whole, so each block keeps its alignment and the blocks
 * their relations (inside the hub VPC or beside it).
 */
function moveAddressPlan(
  env: Environment,
  name: string,
  pool: string,
): { network: EnvironmentInput["network"]; from: string; to: string; slot: number } {
  const all = [
    env.network.vpcCidr,
    ...Object.values(env.network.sites),
    ...Object.values(env.network.regions).flatMap((r) => [r.vpcCidr, ...Object.values(r.sites)]),
  ].map((c) => parseCidr(c, "network"));
  const start = Math.min(...all.map((b) => b.start));
  const end = Math.max(...all.map((b) => b.start + b.size));
  let size = 1;
  while (Math.floor(start / size) * size + size < end || size < end - start) size *= 2;
  const spanStart = Math.floor(start / size) * size;
  const poolBlock = parseCidr(pool, "adHoc.addressPool");
  if (poolBlock.size < size) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_ADHOC_POOL",
      path: "adHoc.addressPool",
      value: pool,
      problem: `the pool is smaller than ${env.name}'s address plan (${toCidr(spanStart, size)})`,
      fix: `give a pool of at least /${32 - Math.log2(size)}`,
    });
  }
  const slots = poolBlock.size / size;
  const slot = hash(name) % slots;
  const offset = poolBlock.start + slot * size - spanStart;
  const shift = (cidr: string) => {
    const b = parseCidr(cidr, "network");
    return toCidr(b.start + offset, b.size);
  };
  const mapSites = (sites: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(sites).map(([site, cidr]) => [site, shift(cidr)]));
  return {
    network: {
      vpcCidr: shift(env.network.vpcCidr),
      sites: mapSites(env.network.sites),
      regions: Object.fromEntries(
        Object.entries(env.network.regions).map(([region, plan]) => [region, { vpcCidr: shift(plan.vpcCidr), sites: mapSites(plan.sites) }]),
      ),
    },
    from: toCidr(spanStart, size),
    to: toCidr(spanStart + offset, size),
    slot,
  };
}

function toCidr(start: number, size: number): string {
  const ip = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join(".");
  return `${ip}/${32 - Math.log2(size)}`;
}

/** FNV-1a of the name: a stable slot per name on every machine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
