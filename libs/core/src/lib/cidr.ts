import * as ipaddr from "ipaddr.js";
import { EdgeConfigError } from "./errors";

/** An IPv4 block as integers, for ordering and overlap checks. */
export interface Ipv4Block {
  readonly cidr: string;
  readonly prefixLength: number;
  /** First address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

/** A subnet the planner has to place. */
export interface SubnetRequest {
  /** Unique name, used in errors (e.g. `private/us-east-1a`). */
  readonly name: string;
  /** Prefix length of the subnet, e.g. 24. */
  readonly prefixLength: number;
  /** Config path of the prefix length, for errors. @default the block's path */
  readonly prefixPath?: string;
}

/** A placed subnet. */
export interface PlannedSubnet extends SubnetRequest {
  readonly cidr: string;
}

/** A named block, for overlap checks. */
export interface NamedCidr {
  readonly name: string;
  readonly cidr: string;
  /** Config path, for errors. @default name */
  readonly path?: string;
}

// Decimal octets without leading zeros: ipaddr.js would read "010" as octal.
const DOTTED_CIDR = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}\/(?:\d|[12]\d|3[0-2])$/;

const toInt = (addr: ipaddr.IPv4): number => addr.octets.reduce((acc, o) => acc * 256 + o, 0);
const fromInt = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");

/**
 * Parses `a.b.c.d/n`. Throws `EDGE_CIDR_INVALID` for anything else, including a block whose host
 * bits are set (`10.0.1.0/16`), naming the block the user probably meant.
 */
export function parseCidr(cidr: string, path: string, limits: { min?: number; max?: number } = {}): Ipv4Block {
  let parsed: [ipaddr.IPv4, number] | undefined;
  if (typeof cidr === "string" && DOTTED_CIDR.test(cidr)) {
    try {
      const p = ipaddr.parseCIDR(cidr);
      if (p[0].kind() === "ipv4") parsed = p as [ipaddr.IPv4, number];
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed) {
    throw new EdgeConfigError({
      code: "EDGE_CIDR_INVALID",
      path,
      value: cidr,
      problem: "not an IPv4 CIDR block",
      fix: 'write it as address/prefix, for example "10.10.0.0/16"',
    });
  }
  const [addr, prefixLength] = parsed;
  const size = 2 ** (32 - prefixLength);
  const start = toInt(addr);
  if (start % size !== 0) {
    const network = `${fromInt(start - (start % size))}/${prefixLength}`;
    throw new EdgeConfigError({
      code: "EDGE_CIDR_INVALID",
      path,
      value: cidr,
      problem: "host bits are set, so this is an address, not a network block",
      fix: `use "${network}"`,
    });
  }
  const { min = 0, max = 32 } = limits;
  if (prefixLength < min || prefixLength > max) {
    throw new EdgeConfigError({
      code: "EDGE_CIDR_SIZE",
      path,
      value: cidr,
      problem: `prefix length /${prefixLength} is outside the allowed /${min} to /${max}`,
      fix: `use a block between /${min} and /${max}`,
    });
  }
  return { cidr, prefixLength, start, size };
}

/** True when two blocks share any address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;
}

/**
 * Places subnets in `block` deterministically: largest first (ties in request order), each at the
 * lowest free aligned address. Aligned placement of blocks sorted by decreasing size never
 * leaves gaps, so the plan fits exactly when the total size fits. Throws `EDGE_CIDR_TOO_SMALL`
 * with the smallest block that would hold the request.
 */
export function planSubnets(block: Ipv4Block, requests: readonly SubnetRequest[], path: string): PlannedSubnet[] {
  for (const r of requests) {
    // Amazon VPC: "The allowed block size is between a /28 netmask and /16 netmask" for subnets too.
    if (!Number.isInteger(r.prefixLength) || r.prefixLength < 16 || r.prefixLength > 28) {
      throw new EdgeConfigError({
        code: "EDGE_CIDR_SUBNET_PREFIX",
        path: r.prefixPath ?? path,
        value: r.prefixLength,
        problem: `subnet ${r.name} asks for /${r.prefixLength}, but AWS subnets are /16 to /28`,
        fix: "use a prefix length from 16 to 28, such as 24 (256 addresses) or 22 (1024)",
      });
    }
  }
  // A subnet larger than the whole block is about its own prefix key, when the caller names it.
  for (const r of requests) {
    if (r.prefixPath !== undefined && r.prefixLength < block.prefixLength) {
      throw new EdgeConfigError({
        code: "EDGE_CIDR_SUBNET_PREFIX",
        path: r.prefixPath,
        value: r.prefixLength,
        problem: `subnet ${r.name} asks for /${r.prefixLength}, larger than the whole /${block.prefixLength} block ${block.cidr}`,
        fix: `use a prefix length from ${Math.max(16, block.prefixLength + 1)} to 28, so that every subnet fits in ${block.cidr}`,
      });
    }
  }
  const order = requests
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.prefixLength - b.r.prefixLength || a.i - b.i);
  const total = requests.reduce((sum, r) => sum + 2 ** (32 - r.prefixLength), 0);
  if (total > block.size) {
    const needed = 32 - Math.ceil(Math.log2(total));
    throw new EdgeConfigError({
      code: "EDGE_CIDR_TOO_SMALL",
      path,
      value: block.cidr,
      problem: `${block.cidr} has ${block.size} addresses but ${describeRequests(requests)} need ${total}`,
      fix: `use a /${needed} or larger block, or smaller subnets`,
    });
  }
  const placed: PlannedSubnet[] = new Array(requests.length);
  let cursor = block.start;
  for (const { r, i } of order) {
    const size = 2 ** (32 - r.prefixLength);
    // cursor is always aligned: every earlier block is at least as large as this one.
    placed[i] = { ...r, cidr: `${fromInt(cursor)}/${r.prefixLength}` };
    cursor += size;
  }
  return placed;
}

function describeRequests(requests: readonly SubnetRequest[]): string {
  const counts = new Map<number, number>();
  for (const r of requests) counts.set(r.prefixLength, (counts.get(r.prefixLength) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([p, n]) => `${n} x /${p}`)
    .join(" + ");
}

/**
 * Finds every pair of overlapping blocks and reports each with `EDGE_CIDR_OVERLAP`, naming both.
 * Returns the errors so callers can aggregate them.
 */
export function findOverlaps(blocks: readonly NamedCidr[]): EdgeConfigError[] {
  const parsed = blocks.map((b) => ({ ...b, block: parseCidr(b.cidr, b.path ?? b.name) }));
  const errors: EdgeConfigError[] = [];
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i];
      const b = parsed[j];
      if (overlaps(a.block, b.block)) {
        errors.push(
          new EdgeConfigError({
            code: "EDGE_CIDR_OVERLAP",
            path: b.path ?? b.name,
            value: b.cidr,
            problem: `${b.name} (${b.cidr}) overlaps ${a.name} (${a.cidr})`,
            fix: `give ${b.name} a block outside ${a.cidr}`,
          }),
        );
      }
    }
  }
  return errors;
}
