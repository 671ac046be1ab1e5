import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { argumentsError, configErrorsOf, EdgeConfigError, EdgeStack, resolveEnvironment, type Environment, type StackPolicy } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { commitOutput } from "@edge/synth";
import { App } from "cdktf";
import { StateBucket } from "./state-bucket";

/** The bootstrap stack of an environment: `state-bootstrap-<env>`. */
export const BOOTSTRAP_SITE = "state-bootstrap";

/** Where bootstrap stacks are synthesized: apart from the sites' `cdktf.out`, with a manifest of its own. */
export const BOOTSTRAP_OUTDIR = path.join("cdktf.out", "bootstrap");

/** What the bootstrap command reads and runs; injectable for tests. */
export interface BootstrapIo {
  readonly repoRoot: string;
  readonly policy: StackPolicy;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Runs the command; returns its exit code. */
  readonly run: (command: string, args: readonly string[], cwd: string) => number;
  /** Resolves an environment name. @default resolveEnvironment */
  readonly resolve?: (name: string) => Environment;
}

/**
 * `npm run bootstrap -- --env=<env> [--dry-run] [--auto-approve]`: once per environment whose
 * backend is S3, creates the state bucket (`StateBucket`) with a stack of its own,
 * `state-bootstrap-<env>`, whose state is local (`state/state-bootstrap/<env>.tfstate`: the
 * bucket cannot hold the state that creates it). Synthesizes it into `cdktf.out/bootstrap`
 * (checked by the policy pack) and runs `cdktf deploy` on it; `--dry-run` stops after the synth.
 */
export function bootstrapMain(argv: readonly string[], io: BootstrapIo): number {
  try {
    const args = parse(argv);
    const envName = args.env;
    if (!envName) {
      throw new EdgeConfigError({ code: "EDGE_BOOTSTRAP_ARGS", path: "--env", value: undefined, problem: "no environment given", fix: "pass --env, e.g. --env=prod" });
    }
    const stack = synthesizeBootstrap((io.resolve ?? ((name: string) => resolveEnvironment(name, environmentCatalog)))(envName), io.repoRoot, io.policy);
    const outdir = path.join(io.repoRoot, BOOTSTRAP_OUTDIR);
    const cdktf = path.join(io.repoRoot, "node_modules", ".bin", "cdktf");
    // --skip-synth: the CLI reads cdktf.out/bootstrap/manifest.json; --app is required by its
    // option parser but not run.
    const cdktfArgs = ["deploy", stack, "--skip-synth", "--output", BOOTSTRAP_OUTDIR, "--app", "true", ...(args["auto-approve"] ? ["--auto-approve"] : [])];
    io.stdout(`synthesized ${path.relative(io.repoRoot, path.join(outdir, "stacks", stack, "cdk.tf.json"))} (state: state/${BOOTSTRAP_SITE}/${envName}.tfstate)\n`);
    if (args["dry-run"]) {
      io.stdout(`dry run: would run cdktf ${cdktfArgs.join(" ")}\n`);
      return 0;
    }
    io.stderr(`cdktf ${cdktfArgs.join(" ")}\n`);
    return io.run(cdktf, cdktfArgs, io.repoRoot);
  } catch (err) {
    const errors = configErrorsOf(err);
    if (!errors) throw err;
    io.stderr(`${errors.map((e) => e.format("bootstrap")).join("\n\n")}\n`);
    return 1;
  }
}

/** Builds, checks and writes the bootstrap stack of `env`; returns the stack name. */
export function synthesizeBootstrap(env: Environment, repoRoot: string, policy: StackPolicy): string {
  const envName = env.name;
  if (env.backend.type !== "s3") {
    throw new EdgeConfigError({
      code: "EDGE_BOOTSTRAP_BACKEND",
      path: `environments.${envName}.backend`,
      value: env.backend.type,
      problem:
        env.backend.type === "local"
          ? `${envName} keeps local state (state/<site>/${envName}.tfstate): there is no bucket to create`
          : `${envName} keeps state in Terraform Cloud: its workspaces are created by publish --create`,
      fix: "bootstrap an environment whose backend is s3",
    });
  }
  const outdir = path.join(repoRoot, BOOTSTRAP_OUTDIR);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(path.dirname(outdir), ".bootstrap.tmp-"));
  try {
    const app = new App({ outdir: tmp, stackTraces: false });
    // The bucket's own state cannot live in the bucket: this one stack keeps local state, in the
    // Region of the bucket.
    const environment = { ...env, region: env.backend.region ?? env.region, backend: { type: "local" as const } };
    const stack = new EdgeStack(app, { site: BOOTSTRAP_SITE, environment, layout: { repoRoot, outdir } });
    policy.attach(stack);
    new StateBucket(stack, "state", { bucket: env.backend.bucket, ...(env.backend.kmsKeyId ? { kmsKeyId: env.backend.kmsKeyId } : {}) });
    app.synth();
    const name = stack.node.id;
    const outcome = policy.outcomeOf(stack);
    const failures = outcome ? outcome.failures : [`${policy.name} did not check ${name}`];
    if (failures.length > 0) throw new Error(`${name}: the state bucket fails the policy pack:\n${failures.join("\n")}`);
    fs.writeFileSync(path.join(tmp, "stacks", name, policy.reportFile), `${JSON.stringify(outcome!.report, null, 2)}\n`);
    commitOutput(tmp, outdir, [name], "merge");
    return name;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: { env: { type: "string" }, "dry-run": { type: "boolean" }, "auto-approve": { type: "boolean" }, help: { type: "boolean" } },
    }).values;
  } catch (err) {
    throw argumentsError(err, argv, "EDGE_BOOTSTRAP_ARGS", "use --env=<env> and optionally --dry-run or --auto-approve");
  }
}

/** The text `--help` prints. */
export const BOOTSTRAP_USAGE = [
  "Usage: npm run bootstrap -- --env=<env> [--dry-run] [--auto-approve]",
  "",
  "Creates the S3 state bucket of an environment whose backend is s3, once, before its first deploy:",
  "versioning, default encryption, Block Public Access, TLS-only bucket policy, prevent_destroy.",
  `The bucket's own stack keeps local state in state/${BOOTSTRAP_SITE}/<env>.tfstate (keep that file).`,
  "",
  "  --env=<env>      the environment (its backend must be s3)",
  "  --dry-run        synthesize into cdktf.out/bootstrap and print the cdktf command; run nothing",
  "  --auto-approve   pass --auto-approve to cdktf deploy",
].join("\n");
