import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { argumentsError, configErrorsOf, EdgeConfigError, homesOf, isShippedEnvironment, refusePlaceholders, resolveEnvironment } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { describeStack } from "@edge/tfc";

/** The oldest terraform that runs every stack: S3 state locking with `use_lockfile` needs 1.10. */
export const MIN_TERRAFORM = [1, 10] as const;

/** The site commands: `cdktf deploy|diff|destroy <site>-<env>`. */
export type SiteAction = "deploy" | "diff" | "destroy";

/** What the deploy command reads and runs; injectable for tests. */
export interface DeployIo {
  readonly repoRoot: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The installed terraform version (`1.10.5`), or undefined when terraform is not on PATH. */
  readonly terraformVersion?: () => string | undefined;
  /** Runs the command; returns its exit code. */
  readonly run?: (command: string, args: readonly string[], env: Record<string, string>, cwd: string) => number;
}

/** One command of a plan. */
export interface PlannedCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** Variables added to the environment of the command. */
  readonly env: Record<string, string>;
  /** How the command is shown (relative to the repository root). */
  readonly line: string;
}

/**
 * A planned site command: synthesize exactly the site and environment (so an ad-hoc environment
 * is synthesized too, and the deploy-order check reads the fresh stack), then run cdktf on the
 * synthesized stack with `--skip-synth` (the CLI then only reads `cdktf.out/manifest.json`).
 */
export interface DeployPlan {
  readonly action: SiteAction;
  readonly stack: string;
  readonly synth: PlannedCommand;
  readonly cdktf: PlannedCommand;
  readonly notes: readonly string[];
  /** The environment's backend type: the order checks can only see local state. */
  readonly backend: string;
}

/**
 * `nx run <site>:deploy|diff|destroy --env=<env> [--auto-approve] [--dry-run]`: checks the site,
 * the environment and terraform >= 1.10, synthesizes that site and environment, refuses a stack
 * that synth left holding placeholders, checks the deploy order (readers after producers; for
 * destroy, readers first), then runs
 * `cdktf <action> <site>-<env> --skip-synth` from the repository root. Returns the exit code;
 * user mistakes print as configuration errors without a stack trace.
 */
export function deployMain(argv: readonly string[], io: DeployIo, action: SiteAction = "deploy"): number {
  try {
    const args = parse(argv, action);
    const plan = planDeploy(args.site, args.env, {
      repoRoot: io.repoRoot,
      autoApprove: args["auto-approve"] === true,
      action,
      ...(args.region ? { region: args.region } : {}),
    });
    const version = (io.terraformVersion ?? installedTerraform)();
    const stackDir = path.join(io.repoRoot, "cdktf.out", "stacks", plan.stack);
    if (args["dry-run"]) {
      // Nothing is synthesized: the placeholders the last synth listed.
      refusePlaceholders(stackDir, "deploy");
      io.stdout(
        [
          `dry run: would run ${plan.synth.line}`,
          `         then ${plan.cdktf.line}`,
          `terraform: ${version ? `${version}${atLeast(version, MIN_TERRAFORM) ? "" : ` (too old: ${MIN_TERRAFORM.join(".")} or newer is needed)`}` : "not found on PATH (a real run stops here)"}`,
          ...plan.notes,
          "",
        ].join("\n"),
      );
      return 0;
    }
    checkTerraform(version);
    for (const note of plan.notes) io.stderr(`${note}\n`);
    const run = io.run ?? runInherit;
    io.stderr(`${plan.synth.line}\n`);
    const synthCode = run(plan.synth.command, plan.synth.args, plan.synth.env, io.repoRoot);
    if (synthCode !== 0) return synthCode;
    // The placeholders of the stack just synthesized (placeholders.json), never an earlier list.
    refusePlaceholders(stackDir, "deploy");
    if (plan.backend === "local") {
      if (action === "destroy") destroyOrderProblems(io.repoRoot, plan.stack);
      else deployOrderProblems(io.repoRoot, plan.stack);
    }
    io.stderr(`${plan.cdktf.line}\n`);
    return run(plan.cdktf.command, plan.cdktf.args, plan.cdktf.env, io.repoRoot);
  } catch (err) {
    const errors = configErrorsOf(err);
    if (!errors) throw err;
    io.stderr(`${errors.map((e) => e.format(action)).join("\n\n")}\n`);
    return 1;
  }
}

/** Validates site and environment and says what to run. */
export function planDeploy(
  site: string | undefined,
  envName: string | undefined,
  options: { repoRoot: string; autoApprove?: boolean; action?: SiteAction; region?: string },
): DeployPlan {
  const action = options.action ?? "deploy";
  if (!envName) {
    throw new EdgeConfigError({ code: "EDGE_DEPLOY_ARGS", path: "--env", value: undefined, problem: "no environment given", fix: "pass --env, e.g. --env=dev" });
  }
  const environment = resolveEnvironment(envName, environmentCatalog);
  const sites = listSites(options.repoRoot);
  if (!site || !sites.includes(site)) {
    throw new EdgeConfigError({
      code: "EDGE_DEPLOY_SITE",
      path: "--site",
      value: site,
      problem: site ? `no site named ${site}` : "no site given",
      fix: `use one of ${sites.join(", ")}`,
    });
  }
  // A site homed in several Regions has one stack per Region: `<site>-<env>` in the first,
  // `<site>-<region>-<env>` in the others (homesOf in @edge/core); --region picks one.
  const homes = homesOf(site, environment);
  const home = options.region === undefined ? homes[0] : homes.find((h) => h.region === options.region);
  if (!home) {
    throw new EdgeConfigError({
      code: "EDGE_DEPLOY_REGION",
      path: "--region",
      value: options.region,
      problem: `${site} has no home in ${options.region} in environment ${envName}`,
      fix: `use --region=${homes.map((h) => h.region).join(" or --region=")}, or add ${site} to that Region's plan in the environment catalog`,
    });
  }
  const stack = `${home.name}-${envName}`;
  const notes: string[] = [];
  if (options.region === undefined && homes.length > 1) {
    const others = homes.slice(1).map((h) => `${h.name}-${envName} (--region=${h.region})`);
    notes.push(`note: ${site} has ${homes.length} stacks in ${envName}; this runs ${stack} (${home.region}); the others: ${others.join(", ")}`);
  }
  if (!isShippedEnvironment(envName, environmentCatalog)) notes.push(...(environment.derivation ?? []).map((d) => `note: ${d}`));
  const env = { EDGE_SITES: site, EDGE_ENVS: envName };
  const vars = `EDGE_SITES=${site} EDGE_ENVS=${envName}`;
  const cdktfArgs = [action, stack, "--skip-synth", ...(options.autoApprove && action !== "diff" ? ["--auto-approve"] : [])];
  return {
    action,
    stack,
    synth: {
      command: process.execPath,
      // The compiled synth, as `npm run synth` and the cdktf.json app run it.
      args: [path.join(options.repoRoot, "tools", "bin", "synth.js")],
      env,
      line: `${vars} node tools/bin/synth.js`,
    },
    cdktf: {
      command: path.join(options.repoRoot, "node_modules", ".bin", "cdktf"),
      args: cdktfArgs,
      env,
      line: `${vars} cdktf ${cdktfArgs.join(" ")}`,
    },
    notes,
    backend: environment.backend.type,
  };
}

/**
 * With local state, a site that reads another site's outputs needs that site deployed first
 * (the hub before the edge sites): its state file must exist. Read from the stack just
 * synthesized. Other backends cannot be checked offline.
 */
function deployOrderProblems(repoRoot: string, stack: string): void {
  const dir = path.join(repoRoot, "cdktf.out", "stacks", stack);
  if (!fs.existsSync(path.join(dir, "cdk.tf.json"))) return;
  const { reads, env } = describeStack(dir, stack);
  const missing = reads.filter((producer) => !fs.existsSync(path.join(repoRoot, "state", producer, `${env}.tfstate`)));
  if (missing.length === 0) return;
  throw new EdgeConfigError({
    code: "EDGE_DEPLOY_ORDER",
    path: stack,
    value: missing.map((p) => `state/${p}/${env}.tfstate`),
    problem: `${stack} reads the outputs of ${missing.join(", ")}, which ${missing.length === 1 ? "has" : "have"} no state in ${env} yet`,
    fix: `deploy ${missing.map((p) => `${p} first (${siteCommand(repoRoot, p, "deploy", env)})`).join(", then ")}`,
  });
}

/**
 * Destroy goes the other way: with local state, a site whose outputs another deployed site of the
 * same environment still reads is destroyed after that reader. Checked against the synthesized
 * stacks of that environment in `cdktf.out` (a full `npm run synth` has them all).
 */
function destroyOrderProblems(repoRoot: string, stack: string): void {
  const stacksDir = path.join(repoRoot, "cdktf.out", "stacks");
  const dir = path.join(stacksDir, stack);
  if (!fs.existsSync(path.join(dir, "cdk.tf.json"))) return;
  const { site, env } = describeStack(dir, stack);
  const readers = fs
    .readdirSync(stacksDir)
    .filter((name) => name !== stack && name.endsWith(`-${env}`) && fs.existsSync(path.join(stacksDir, name, "cdk.tf.json")))
    .map((name) => describeStack(path.join(stacksDir, name), name))
    .filter((other) => other.env === env && other.reads.includes(site))
    .filter((other) => fs.existsSync(path.join(repoRoot, "state", other.site, `${env}.tfstate`)))
    .map((other) => other.site)
    .sort();
  if (readers.length === 0) return;
  throw new EdgeConfigError({
    code: "EDGE_DESTROY_ORDER",
    path: stack,
    value: readers.map((r) => `state/${r}/${env}.tfstate`),
    problem: `${readers.join(", ")} still ${readers.length === 1 ? "reads" : "read"} the outputs of ${stack}`,
    fix: `destroy ${readers.map((r) => `${r} first (${siteCommand(repoRoot, r, "destroy", env)})`).join(", then ")}`,
  });
}


function checkTerraform(version: string | undefined): void {
  if (!version) {
    throw new EdgeConfigError({
      code: "EDGE_DEPLOY_TERRAFORM",
      path: "PATH",
      value: undefined,
      problem: "terraform is not installed or not on PATH",
      fix: `install terraform ${MIN_TERRAFORM.join(".")} or newer`,
    });
  }
  if (!atLeast(version, MIN_TERRAFORM)) {
    throw new EdgeConfigError({
      code: "EDGE_DEPLOY_TERRAFORM",
      path: "terraform",
      value: version,
      problem: `terraform ${version} is too old`,
      fix: `install terraform ${MIN_TERRAFORM.join(".")} or newer (S3 state locking with use_lockfile needs it)`,
    });
  }
}

/** True when `version` (`1.10.5`, `v1.11.0-beta1`) is at least `min` (major, minor). */
export function atLeast(version: string, min: readonly [number, number]): boolean {
  const m = /(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

function installedTerraform(): string | undefined {
  const res = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (res.status !== 0 || !res.stdout) return undefined;
  try {
    return (JSON.parse(res.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

function runInherit(command: string, args: readonly string[], env: Record<string, string>, cwd: string): number {
  const res = spawnSync(command, args, { stdio: "inherit", cwd, env: { ...process.env, ...env } });
  return res.status ?? 1;
}

/**
 * The Nx command that acts on a site instance: `region-hub` is `npx nx run region-hub:<action>`,
 * its instance homed in another Region, `region-hub-us-west-2`, adds `--region=us-west-2`.
 */
export function siteCommand(repoRoot: string, instance: string, action: SiteAction, env: string): string {
  const site = listSites(repoRoot)
    .filter((s) => instance === s || instance.startsWith(`${s}-`))
    .sort((a, b) => b.length - a.length)[0];
  const region = site && instance !== site ? instance.slice(site.length + 1) : undefined;
  return `npx nx run ${site ?? instance}:${action} --env=${env}${region ? ` --region=${region}` : ""}`;
}

/** Sites are the apps with a `src/main.ts`. */
function listSites(repoRoot: string): string[] {
  const apps = path.join(repoRoot, "apps");
  return fs.existsSync(apps) ? fs.readdirSync(apps).filter((a) => fs.existsSync(path.join(apps, a, "src", "main.ts"))).sort() : [];
}

function parse(argv: readonly string[], action: SiteAction) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: {
        site: { type: "string" },
        env: { type: "string" },
        region: { type: "string" },
        ...(action === "diff" ? {} : { "auto-approve": { type: "boolean" as const } }),
        "dry-run": { type: "boolean" },
      },
    }).values;
  } catch (err) {
    throw argumentsError(err, argv, "EDGE_DEPLOY_ARGS", `use --env=<env> and optionally --region=<region>, ${action === "diff" ? "" : "--auto-approve, "}--dry-run`);
  }
}
