import * as fs from "node:fs";
import * as path from "node:path";
import { EdgeConfigError, isKnownRegion, isShippedEnvironment } from "@edge/core";
import { environmentCatalog } from "@edge/environments";

/** A synthesized stack of one site in one environment. */
export interface SynthesizedStack {
  /** `<site>-<env>` */
  readonly stack: string;
  readonly site: string;
  readonly env: string;
  /** Absolute path of `cdktf.out/stacks/<stack>`. */
  readonly dir: string;
  /** Sites whose state this stack reads (`terraform_remote_state`), in the same environment. */
  readonly reads: readonly string[];
}

interface StackJson {
  provider?: { aws?: { default_tags?: { tags?: Record<string, string> }[] }[] };
  data?: { terraform_remote_state?: Record<string, { backend?: string; config?: Record<string, unknown> }> };
}

/**
 * Every synthesized stack of `env` in `outdir` (none when nothing was synthesized): each folder
 * `stacks/<stack>` holding a `cdk.tf.json`, the file cdktf's manifest names for the stack
 * (`Manifest.forStack`). The folders are read, not `manifest.json`: the synth runner keeps the
 * manifest naming exactly those folders, but a cached `nx run <site>:synth` restores the folders'
 * files without the manifest (tools/nx-plugin/targets.js).
 */
export function listStacks(outdir: string, env: string, options: { workspacePrefix?: string } = {}): SynthesizedStack[] {
  const stacksDir = path.join(outdir, "stacks");
  const names = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
  return names
    .sort()
    .filter((name) => fs.existsSync(path.join(stacksDir, name, "cdk.tf.json")))
    .map((name) => describeStack(path.join(outdir, "stacks", name), name, options))
    .filter((s) => s.env === env);
}

/**
 * The synthesized stacks of `env` in `outdir` (a cdktf output directory),
 * optionally only those of `sites` (each with its stacks in every home Region). A named site
 * without a synthesized stack is a configuration error that says how to synthesize it.
 */
export function findStacks(
  outdir: string,
  env: string,
  sites?: readonly string[],
  options: { workspacePrefix?: string } = {},
): SynthesizedStack[] {
  const all = listStacks(outdir, env, options);
  if (!sites) {
    if (all.length === 0) {
      throw new EdgeConfigError({
        code: "EDGE_TFC_STACK",
        path: shown(path.join(outdir, "stacks")),
        value: env,
        problem: `no synthesized stacks of environment ${env}`,
        fix: isShippedEnvironment(env, environmentCatalog) ? "run npm run synth first" : `run EDGE_ENVS=${env} npm run synth first`,
      });
    }
    return all;
  }
  return sites.flatMap((site) => {
    // A site homed in several Regions has a stack per home: `<site>-<env>` and, in its other
    // Regions, `<site>-<region>-<env>` (its stacks' `site` tag is the instance name).
    const found = all.filter((s) => s.site === site || isKnownRegion(s.site.startsWith(`${site}-`) ? s.site.slice(site.length + 1) : ""));
    if (found.length > 0) return found;
    throw new EdgeConfigError({
      code: "EDGE_TFC_STACK",
      path: shown(path.join(outdir, "stacks", `${site}-${env}`)),
      value: `${site}-${env}`,
      problem: `no synthesized stack ${site}-${env}`,
      fix: isShippedEnvironment(env, environmentCatalog)
        ? `check the site name, or run npx nx run ${site}:synth first`
        : `run EDGE_ENVS=${env} npx nx run ${site}:synth --skip-nx-cache first (ad-hoc environments are not in the cached synth)`,
    });
  });
}

/** A path as the user would type it: relative to the working directory when inside it. */
function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

/**
 * Reads site, environment and remote-state reads from a stack's `cdk.tf.json`. Reads through
 * Terraform Cloud name a workspace; `workspacePrefix` turns it back into a site.
 */
export function describeStack(
  dir: string,
  name: string = path.basename(dir),
  options: { workspacePrefix?: string } = {},
): SynthesizedStack {
  const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as StackJson;
  // Every stack carries its site and environment as provider default tags (@edge/core).
  const tags = json.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {};
  const env = tags.environment ?? name.slice(name.lastIndexOf("-") + 1);
  const site = tags.site ?? name.slice(0, name.length - env.length - 1);
  const reads = new Set<string>();
  for (const source of Object.values(json.data?.terraform_remote_state ?? {})) {
    const producer = producerSite(source.backend, source.config ?? {}, env, options.workspacePrefix);
    if (producer && producer !== site) reads.add(producer);
  }
  return { stack: name, site, env, dir: path.resolve(dir), reads: [...reads].sort() };
}

/**
 * The site a `terraform_remote_state` source reads, from the locations `@edge/core` writes
 * state to: `state/<site>/<env>.tfstate` (local), `[…/]<site>/<env>/terraform.tfstate` (S3),
 * workspace `<prefix>-<site>-<env>` (Terraform Cloud).
 */
function producerSite(
  backend: string | undefined,
  config: Record<string, unknown>,
  env: string,
  workspacePrefix: string | undefined,
): string | undefined {
  switch (backend) {
    case "local": {
      const m = /(?:^|\/)state\/([^/]+)\/([^/]+)\.tfstate$/.exec(String(config.path ?? ""));
      return m && m[2] === env ? m[1] : undefined;
    }
    case "s3": {
      const m = /(?:^|\/)([^/]+)\/([^/]+)\/terraform\.tfstate$/.exec(String(config.key ?? ""));
      return m && m[2] === env ? m[1] : undefined;
    }
    case "remote": {
      const name = (config.workspaces as { name?: unknown } | undefined)?.name;
      if (typeof name !== "string" || !workspacePrefix) return undefined;
      const head = `${workspacePrefix}-`;
      const tail = `-${env}`;
      return name.startsWith(head) && name.endsWith(tail) && name.length > head.length + tail.length
        ? name.slice(head.length, name.length - tail.length)
        : undefined;
    }
    default:
      return undefined;
  }
}
