/**
 * What the generator tests need to know about the workspace they copy, computed from it rather
 * than assumed, so that they keep passing after a user adds sites: a site name nothing uses yet,
 * and the first free /20 of an environment's hub VPC (the block the generator reserves: the
 * lowest /20 of `network.vpcCidr` that overlaps no site's block).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
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

/** What is not copied: installed and generated state (node_modules is linked instead). */
const SKIP = new Set(["node_modules", ".git", ".nx", "dist", "cdktf.out", "state"]);

/** The environment of the commands run in the copy; Nx sets FORCE_COLOR for its tasks, read here as plain text. */
const { FORCE_COLOR: _color, ...parentEnv } = process.env;
export const COMMAND_ENV = { ...parentEnv, NX_DAEMON: "false", NX_NO_CLOUD: "true", CHECKPOINT_DISABLE: "1", NO_COLOR: "1" };

/** `text` without terminal colour codes. */
export const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

/**
 * A temporary copy of the workspace at `root` (node_modules linked, not copied) in which
 * `nx g @edge/nx:site <args>` has run as a user runs it; returns the copy and the generator's output.
 */
export function generateInCopy(
  root: string,
  prefix: string,
  args: readonly string[],
): { copy: string; output: string; stderr: string } {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(root, copy, { recursive: true, filter: (src) => !SKIP.has(path.basename(src)) || path.dirname(src) !== root });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
  const run = spawnSync(path.join(copy, "node_modules", ".bin", "nx"), ["g", "@edge/nx:site", ...args, "--skipDiagram", "--no-interactive"], {
    cwd: copy,
    env: COMMAND_ENV,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (run.status !== 0) throw new Error(`nx g @edge/nx:site ${args.join(" ")} failed (${run.status}):\n${run.stdout}${run.stderr}`);
  return { copy, output: run.stdout, stderr: run.stderr };
}

/**
 * Runs a generated site's own entry (`apps/<site>/src/main.ts`, as `nx run <site>:synth` would
 * before its bundle exists) in the copy, and returns the synth table it printed and the Terraform
 * JSON of its dev, staging and prod stacks.
 */
export function synthGeneratedSite(
  copy: string,
  site: string,
  env: NodeJS.ProcessEnv,
): { table: string; stacks: Record<string, any> } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const table = execFileSync(process.execPath, ["--import", "tsx", `apps/${site}/src/main.ts`], {
    cwd: copy,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stacks = Object.fromEntries(
    ["dev", "staging", "prod"].map((e) => [
      e,
      JSON.parse(fs.readFileSync(path.join(copy, `cdktf.out/stacks/${site}-${e}/cdk.tf.json`), "utf8")),
    ]),
  );
  return { table, stacks };
}
