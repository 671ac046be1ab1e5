import { contains, overlaps, parseCidr, type Ipv4Block } from "./cidr";
import type { EdgeStack } from "./edge-stack";
import type { ConfigCheck } from "./errors";

/** Where a CIDR check reports, and how it words the fix. */
export interface CidrCheckAt {
  /** Config path of the checked block. */
  readonly path: string;
  /** @default - a fix derived from the blocks */
  readonly fix?: string;
}

/**
 * The one inside check: records `EDGE_CIDR_OUTSIDE_VPC` on `check` unless `inner` lies entirely
 * inside the VPC's block. Returns whether it does.
 */
export function expectInsideVpc(
  check: ConfigCheck,
  vpc: Ipv4Block,
  inner: Ipv4Block,
  at: CidrCheckAt,
): boolean {
  if (contains(vpc, inner)) return true;
  check.fail({
    code: "EDGE_CIDR_OUTSIDE_VPC",
    path: at.path,
    value: inner.cidr,
    problem: `${inner.cidr} is not inside the VPC CIDR ${vpc.cidr}`,
    fix: at.fix ?? `choose a block inside ${vpc.cidr}`,
  });
  return false;
}

/**
 * The one overlap check: records `EDGE_CIDR_OVERLAP` on `check` when `block` shares an address
 * with `other`, worded by `problem` (why the overlap matters). Returns whether they are disjoint.
 */
export function expectDisjoint(
  check: ConfigCheck,
  block: Ipv4Block,
  other: Ipv4Block,
  at: CidrCheckAt & {
    readonly problem: string;
    /** @default block.cidr */
    readonly value?: string;
    /** A more specific code. @default "EDGE_CIDR_OVERLAP" */
    readonly code?: string;
  },
): boolean {
  if (!overlaps(block, other)) return true;
  check.fail({
    code: at.code ?? "EDGE_CIDR_OVERLAP",
    path: at.path,
    value: at.value ?? block.cidr,
    problem: at.problem,
    fix: at.fix ?? `give it a block outside ${other.cidr}`,
  });
  return false;
}

/**
 * The stack's site block against every other site's block in the environment's address plan
 * (`network.sites`): one `EDGE_CIDR_OVERLAP` per site it overlaps. Returns whether it is clear.
 */
export function expectClearOfOtherSites(
  check: ConfigCheck,
  stack: EdgeStack,
  block: Ipv4Block,
  path: string,
): boolean {
  let clear = true;
  for (const [site, cidr] of Object.entries(stack.environment.network.sites)) {
    if (site === stack.site) continue;
    const other = parseCidr(cidr, `environments.${stack.environment.name}.network.sites.${site}`);
    clear =
      expectDisjoint(check, block, other, {
        path,
        problem: `${block.cidr} overlaps the block of site ${site} (${cidr}), so subnets could collide`,
        fix: "use this site's own block from network.sites, or another block outside every other site's",
      }) && clear;
  }
  return clear;
}
