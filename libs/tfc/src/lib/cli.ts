import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { configErrorsOf, EdgeConfigError, findRepoRoot, resolveEnvironment, type EnvironmentInput } from "@edge/core";
import { findToken, requireToken } from "./credentials";
import type { RetryOptions } from "./http-client";
import { describePublish, formatResults, publishStacks, workspaceFor, type RunMode } from "./publisher";
import { findStacks, listStacks } from "./stacks";

/** Where the CLI reads and writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryOptions;
  /** Environments by name. @default the shipped environments of @edge/core */
  readonly environments?: Readonly<Record<string, EnvironmentInput>>;
  /** Poll intervals in ms (tests make them short). */
  readonly pollMs?: { readonly upload?: number; readonly run?: number };
}

export const TFC_USAGE = `usage: tfc publish --env <env> [--site <site>[,<site>…]] [options]

Uploads synthesized stacks (cdktf.out/stacks/<site>-<env>) to Terraform Cloud / HCP Terraform
as configuration versions of the workspaces <prefix>-<site>-<env>.

  --env <name>               environment (dev, staging, prod or an ad-hoc name); required
  --site <names>             sites to publish, comma-separated or repeated (default: every synthesized site)
  --dry-run                  print what would be sent; send nothing (no token needed)
  --run <mode>               none (default), plan-only (speculative plan) or normal (plan, then wait for confirmation)
  --create                   create missing workspaces (remote execution, auto-apply off)
  --organization <org>       default: $TF_CLOUD_ORGANIZATION, else the environment's tfc backend
  --workspace-prefix <p>     default: the environment's tfc backend, else cdktf.json projectId
  --hostname <host>          default: $TF_CLOUD_HOSTNAME, else the tfc backend, else app.terraform.io
  --address <url>            API base address (default https://<hostname>)
  --project <name>           project of created workspaces (default: $TF_CLOUD_PROJECT or the tfc backend's)
  --terraform-version <c>    version constraint of created workspaces (default ~> 1.10)
  --message <text>           run message
  --concurrency <n>          stacks published at once (default 3, at most 10)
  --timeout <duration>       longest wait for a run, e.g. 90s, 30m, 2h (default 60m)
  --stacks-dir <dir>         synth output (default $CDKTF_OUTDIR or cdktf.out)

Token: TF_TOKEN_<hostname with . as _ and - as __> (TF_TOKEN_app_terraform_io), else
~/.terraform.d/credentials.tfrc.json (terraform login).`;

/** Runs the CLI; returns the exit code. User mistakes print as configuration errors, without a stack trace. */
export async function runTfcCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await publishCommand(argv, io);
  } catch (err) {
    const errors = configErrorsOf(err);
    if (!errors) throw err;
    io.stderr(`${errors.map((e) => e.format("tfc")).join("\n\n")}\n`);
    return 1;
  }
}

async function publishCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    io.stdout(`${TFC_USAGE}\n`);
    return 0;
  }
  const envName = nonEmpty(args.env);
  if (!envName) throw argError("--env", undefined, "no environment given", "pass --env, e.g. --env=dev");
  const environment = resolveEnvironment(envName, io.environments);
  const tfcBackend = environment.backend.type === "tfc" ? environment.backend : undefined;
  const repoRoot = findRepoRoot(io.cwd);

  const hostname = nonEmpty(args.hostname) ?? nonEmpty(io.env.TF_CLOUD_HOSTNAME) ?? tfcBackend?.hostname ?? "app.terraform.io";
  const organization = nonEmpty(args.organization) ?? nonEmpty(io.env.TF_CLOUD_ORGANIZATION) ?? tfcBackend?.organization;
  const workspacePrefix = nonEmpty(args["workspace-prefix"]) ?? tfcBackend?.workspacePrefix ?? projectId(repoRoot);
  const project = nonEmpty(args.project) ?? nonEmpty(io.env.TF_CLOUD_PROJECT) ?? tfcBackend?.project;
  const address = nonEmpty(args.address) ?? `https://${hostname}`;
  const run = runMode(nonEmpty(args.run));
  const concurrency = intFlag("--concurrency", nonEmpty(args.concurrency), 3, 1, 10);
  const runTimeoutMs = duration(nonEmpty(args.timeout));
  const outdir = path.resolve(io.cwd, nonEmpty(args["stacks-dir"]) ?? nonEmpty(io.env.CDKTF_OUTDIR) ?? path.join(repoRoot, "cdktf.out"));
  const sites = args.site?.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);

  const allStacks = listStacks(outdir, envName, { workspacePrefix });
  const stacks = findStacks(outdir, envName, sites && sites.length > 0 ? sites : undefined, { workspacePrefix });

  const notes: string[] = [];
  if (!tfcBackend) {
    notes.push(
      `note: environment ${envName} keeps its state in the ${environment.backend.type} backend; a Terraform Cloud workspace keeps a state of its own, so give environments.${envName} a tfc backend if Terraform Cloud should own it`,
    );
  } else if (tfcBackend.organization !== organization || tfcBackend.workspacePrefix !== workspacePrefix || tfcBackend.hostname !== hostname) {
    notes.push(
      `note: the stacks' cloud block names ${tfcBackend.hostname}/${tfcBackend.organization}/${workspaceFor(stacks[0], tfcBackend.workspacePrefix)}; publishing to ${hostname}/${organization ?? "?"}/${workspaceFor(stacks[0], workspacePrefix)} instead`,
    );
  }

  const settings = {
    organization,
    workspacePrefix,
    hostname,
    address,
    project,
    create: args.create === true,
    terraformVersion: nonEmpty(args["terraform-version"]),
    run,
    message: nonEmpty(args.message),
    concurrency,
    allStacks,
    runTimeoutMs,
    runPollMs: io.pollMs?.run,
    uploadPollMs: io.pollMs?.upload,
  };

  if (args["dry-run"]) {
    const token = findToken({ hostname, env: io.env });
    io.stdout(
      [
        `dry run: nothing is sent (${stacks.length} stack${stacks.length === 1 ? "" : "s"}, ${hostname}, run: ${run})`,
        `token: ${token ? `found in ${token.source}` : "none found (a real publish stops here)"}`,
        ...(organization ? [] : ["organization: not set (pass --organization or set TF_CLOUD_ORGANIZATION; a real publish stops here)"]),
        ...notes,
        ...describePublish(stacks, settings),
        "",
      ].join("\n"),
    );
    return 0;
  }

  if (!organization) {
    throw new EdgeConfigError({
      code: "EDGE_TFC_ORGANIZATION",
      path: "--organization",
      value: undefined,
      problem: "no terraform cloud organization",
      fix: `pass --organization, set TF_CLOUD_ORGANIZATION, or give environments.${envName} a tfc backend`,
    });
  }
  const { token, source } = requireToken({ hostname, env: io.env });
  for (const note of notes) io.stderr(`${note}\n`);
  io.stderr(`publishing ${stacks.length} stack${stacks.length === 1 ? "" : "s"} to ${hostname}/${organization} (token from ${source}, run: ${run}, ${concurrency} at a time)\n`);
  const results = await publishStacks(stacks, {
    ...settings,
    organization,
    token,
    log: (line) => io.stderr(`${line}\n`),
    sleep: io.sleep,
    retry: io.retry,
    fetch: io.fetch,
  });
  io.stdout(`${formatResults(results)}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}

function parse(argv: readonly string[]) {
  const rest = argv[0] === "publish" ? argv.slice(1) : [...argv];
  if (rest.length > 0 && !rest[0].startsWith("-")) {
    throw argError("command", rest[0], `unknown command ${rest[0]}`, "use tfc publish (see tfc --help)");
  }
  try {
    return parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        env: { type: "string" },
        site: { type: "string", multiple: true },
        "dry-run": { type: "boolean" },
        run: { type: "string" },
        create: { type: "boolean" },
        organization: { type: "string" },
        "workspace-prefix": { type: "string" },
        hostname: { type: "string" },
        address: { type: "string" },
        project: { type: "string" },
        "terraform-version": { type: "string" },
        message: { type: "string" },
        concurrency: { type: "string" },
        timeout: { type: "string" },
        "stacks-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (err) {
    // Not `instanceof Error`: under a test VM the error may come from another realm.
    const message = String((err as { message?: unknown })?.message ?? err).split("\n")[0].split(". ")[0];
    throw argError("arguments", argv.join(" "), message.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()), "see tfc publish --help");
  }
}

function runMode(value: string | undefined): RunMode {
  if (value === undefined) return "none";
  if (value === "none" || value === "plan-only" || value === "normal") return value;
  throw argError("--run", value, "not a run mode", "use none, plan-only or normal");
}

function intFlag(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw argError(flag, value, `not a whole number from ${min} to ${max}`, `pass e.g. ${flag}=${fallback}`);
  return n;
}

/** `90s`, `30m`, `2h` or milliseconds; undefined keeps the default. */
function duration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
  if (!m) throw argError("--timeout", value, "not a duration", "use e.g. 90s, 30m or 2h");
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? "ms") as "ms" | "s" | "m" | "h"];
  return Math.round(Number(m[1]) * unit);
}

function projectId(repoRoot: string): string {
  try {
    const id = (JSON.parse(fs.readFileSync(path.join(repoRoot, "cdktf.json"), "utf8")) as { projectId?: unknown }).projectId;
    if (typeof id === "string" && /^[\w-]+$/.test(id)) return id;
  } catch {
    // fall through to the repository's name
  }
  return "edge-blueprints";
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function argError(flag: string, value: unknown, problem: string, fix: string): EdgeConfigError {
  return new EdgeConfigError({ code: "EDGE_TFC_ARGS", path: flag, value, problem, fix });
}
