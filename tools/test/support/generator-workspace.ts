/**
 * What the generator tests need to know about the workspace they copy, computed from it rather
 * than assumed, so that they keep passing after a user adds sites: a site name nothing uses yet,
 * and the first free /20 of an environment's hub VPC (the block the generator reserves: the
 * lowest /20 of `network.vpcCidr` that overlaps no site's block).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SHIPPED_ENVIRONMENTS } from "@edge/environments";

/** `base`, or `base-2`, `base-3`… : the first name with no app, no contract library and no block in any plan. */
export function unusedSiteName(root: string, base: string): string {
  const taken = (name: string) =>
    fs.existsSync(path.join(root, "apps", name)) ||
    fs.existsSync(path.join(root, "libs", `${name}-contract`)) ||
    Object.values(SHIPPED_ENVIRONMENTS).some(
      (env) => name in env.network.sites || Object.values(env.network.regions ?? {}).some((plan) => name in plan.sites),
    );
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!taken(name)) return name;
  }
}

const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
const range = (cidr: string): [number, number] => {
  const [ip, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  return [toInt(ip), toInt(ip) + size];
};

/** The first free /`prefix` of `env`'s hub VPC in its own Region, e.g. `10.10.96.0` for dev. */
export function firstFreeBlock(env: string, prefix = 20): string {
  const network = SHIPPED_ENVIRONMENTS[env].network;
  const [start, end] = range(network.vpcCidr);
  const used = Object.values(network.sites).map(range);
  const size = 2 ** (32 - prefix);
  for (let at = start; at + size <= end; at += size) {
    if (!used.some(([a, b]) => at < b && a < at + size)) return toIp(at);
  }
  throw new Error(`no free /${prefix} in ${env}'s ${network.vpcCidr}`);
}

/** `block` moved on by `offset` addresses (`offsetIp("10.10.96.0", 1024)` is `10.10.100.0`). */
export function offsetIp(block: string, offset: number): string {
  return toIp(toInt(block) + offset);
}
