import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { configErrorsOf, EdgeConfigError, isShippedEnvironment, refusePlaceholders, resolveEnvironment } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { describeStack } from "@edge/tfc";

/** The oldest terraform that runs every stack: S3 state locking with `use_lockfile` needs 1.10. */
export const MIN_TERRAFORM = [1, 10] as const;

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

/** A planned `cdktf deploy`: the command, its arguments and the variables that narrow the synth. */
export interface DeployPlan {
  readonly stack: string;
  /** The cdktf CLI of this repository. */
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly notes: readonly string[];
}

/**
 * `nx run <site>:deploy --env=<env> [--auto-approve] [--dry-run]`: checks the site, the
 * environment, terraform >= 1.10 and the deploy order, then runs `cdktf deploy <site>-<env>` from
 * the repository root with the root cdktf.json, synthesizing only that site and environment.
 * Returns the exit code; user mistakes print as configuration errors without a stack trace.
 */
export function deployMain(argv: readonly string[], io: DeployIo): number {
  try {
    const args = parse(argv);
    const plan = planDeploy(args.site, args.env, { repoRoot: io.repoRoot, autoApprove: args["auto-approve"] === true });
    const version = (io.terraformVersion ?? installedTerraform)();
    const line = `EDGE_SITES=${plan.env.EDGE_SITES} EDGE_ENVS=${plan.env.EDGE_ENVS} cdktf ${plan.args.join(" ")}`;
    if (args["dry-run"]) {
      io.stdout(
        [
          `dry run: would run ${line}`,
          `terraform: ${version ? `${version}${atLeast(version, MIN_TERRAFORM) ? "" : ` (too old: ${MIN_TERRAFORM.join(".")} or newer is needed)`}` : "not found on PATH (a real deploy stops here)"}`,
          ...plan.notes,
          "",
        ].join("\n"),
      );
      return 0;
    }
    checkTerraform(version);
    for (const note of plan.notes) io.stderr(`${note}\n`);
    io.stderr(`${line}\n`);
    const run = io.run ?? runInherit;
    return run(plan.command, plan.args, plan.env, io.repoRoot);
  } catch (err) {
    const errors = configErrorsOf(err);
    if (!errors) throw err;
    io.stderr(`${errors.map((e) => e.format("deploy")).join("\n\n")}\n`);
    return 1;
  }
}

/** Validates site and environment and says what `cdktf deploy` to run. */
export function planDeploy(
  site: string | undefined,
  envName: string | undefined,
  options: { repoRoot: string; autoApprove?: boolean },
): DeployPlan {
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
  const stack = `${site}-${envName}`;
  refusePlaceholders(path.join(options.repoRoot, "cdktf.out", "stacks", stack), "deploy");
  const notes: string[] = [];
  if (!isShippedEnvironment(envName, environmentCatalog)) notes.push(...(environment.derivation ?? []).map((d) => `note: ${d}`));
  notes.push(...deployOrderProblems(options.repoRoot, stack, environment.backend.type));
  return {
    stack,
    command: path.join(options.repoRoot, "node_modules", ".bin", "cdktf"),
    args: ["deploy", stack, ...(options.autoApprove ? ["--auto-approve"] : [])],
    env: { EDGE_SITES: site, EDGE_ENVS: envName },
    notes,
  };
}

/**
 * With local state, a site that reads another site's outputs needs that site deployed first
 * (the hub before the edge sites): its state file must exist. Read from the synthesized stack
 * (the deploy target depends on synth). Other backends cannot be checked offline.
 */
function deployOrderProblems(repoRoot: string, stack: string, backend: string): string[] {
  const dir = path.join(repoRoot, "cdktf.out", "stacks", stack);
  if (backend !== "local" || !fs.existsSync(path.join(dir, "cdk.tf.json"))) return [];
  const { reads, env } = describeStack(dir, stack);
  const missing = reads.filter((producer) => !fs.existsSync(path.join(repoRoot, "state", producer, `${env}.tfstate`)));
  if (missing.length === 0) return [];
  throw new EdgeConfigError({
    code: "EDGE_DEPLOY_ORDER",
    path: stack,
    value: missing.map((p) => `state/${p}/${env}.tfstate`),
    problem: `${stack} reads the outputs of ${missing.join(", ")}, which ${missing.length === 1 ? "has" : "have"} no state in ${env} yet`,
    fix: `deploy ${missing.map((p) => `${p} first (npx nx run ${p}:deploy --env=${env})`).join(", then ")}`,
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

/** Sites are the apps with a `src/main.ts`. */
function listSites(repoRoot: string): string[] {
  const apps = path.join(repoRoot, "apps");
  return fs.existsSync(apps) ? fs.readdirSync(apps).filter((a) => fs.existsSync(path.join(apps, a, "src", "main.ts"))).sort() : [];
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: {
        site: { type: "string" },
        env: { type: "string" },
        "auto-approve": { type: "boolean" },
        "dry-run": { type: "boolean" },
      },
    }).values;
  } catch (err) {
    const message = String((err as { message?: unknown })?.message ?? err).split("\n")[0].split(". ")[0];
    throw new EdgeConfigError({
      code: "EDGE_DEPLOY_ARGS",
      path: "arguments",
      value: argv.join(" "),
      problem: message.replace(/^./, (c) => c.toLowerCase()),
      fix: "use --env=<env> and optionally --auto-approve or --dry-run",
    });
  }
}
