import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import {
  argumentsError,
  configErrorsOf,
  EdgeConfigError,
  findRepoRoot,
  refusePlaceholders,
  resolveEnvironment,
  type EnvironmentCatalog,
} from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { findToken, requireToken } from "./credentials";
import { destroyAllWorkspaces } from "./destroy-all";
import { describePublish } from "./dry-run";
import type { RetryOptions } from "./http-client";
import { formatResults, publishStacks, type RunMode } from "./publisher";
import { findStacks, listStacks } from "./stacks";
import { formatSummary, readRecord, writeRecord } from "./summary";
import { waitForRuns } from "./wait";
import { workspaceFor } from "./workspace-setup";

/** Where the CLI reads and writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryOptions;
  /** The environments. @default the repository's catalog (@edge/environments) */
  readonly environments?: EnvironmentCatalog;
  /** Poll intervals in ms (tests make them short). */
  readonly pollMs?: { readonly upload?: number; readonly run?: number };
}

export const TFC_USAGE = `usage: tfc <command> --env <env> [--site <site>[,<site>…]] [options]

Delivers synthesized stacks (cdktf.out/stacks/<site>-<env>) through Terraform Cloud / HCP
Terraform, in the workspaces <prefix>-<site>-<env>, producers before the sites that read them.
Only environments whose backend is tfc (Terraform Cloud owns their state) can be published.

commands:
  publish    upload; --run none (default), plan-only or normal (plan, then wait for confirmation)
  plan       upload and run a speculative plan (what a pull request shows)
  apply      upload, plan, confirm the plan and wait until it is applied
  destroy    queue destroy runs (readers first), confirm them and wait; --delete-workspaces after
  wait       --run <id>[,<id>…]: follow runs until applied or finished; fails on errored/discarded runs
  summary    <record.json>…: Markdown table of plan/apply/destroy records (for a CI job summary)

  --env <name>               environment (staging, prod or an ad-hoc name); required
  --site <names>             sites, comma-separated or repeated (default: every synthesized site)
  --dry-run                  print what would be sent; send nothing (no token needed)
  --create                   create missing workspaces (remote execution, auto-apply off) and connect
                             readers to producers (remote-state sharing, run triggers)
  --discard-pending          discard older runs of a workspace that wait for confirmation or are pending
  --working-directory <dir>  where runs find the stack in the archive (default: the workspace's own)
  --json <file>              write the results as a record for tfc summary
  --organization <org>       default: $TF_CLOUD_ORGANIZATION, else the environment's tfc backend
  --workspace-prefix <p>     default: the environment's tfc backend, else cdktf.json projectId
  --hostname <host>          default: $TF_CLOUD_HOSTNAME, else the tfc backend, else app.terraform.io
  --address <url>            API base address (default https://<hostname>)
  --project <name>           project of created workspaces (default: $TF_CLOUD_PROJECT or the tfc backend's)
  --terraform-version <c>    version constraint of created workspaces (default ~> 1.10)
  --message <text>           run message
  --concurrency <n>          stacks published at once (default 3, at most 10)
  --timeout <duration>       longest wait for a run, e.g. 90s, 30m, 2h (default 60m)
  --request-timeout <d>      longest wait for one API request (default 60s)
  --upload-timeout <d>       longest wait for an upload to be processed (default 2m)
  --delete-workspaces        destroy: safe-delete each workspace once its destroy run applied (a missing
                             workspace counts as deleted)
  --all-workspaces           destroy: every workspace the publisher created for the environment, as
                             Terraform Cloud lists them (<prefix>-*-<env>, in --project when set), not
                             the synthesized stacks; readers first, from their run triggers
  --stacks-dir <dir>         synth output (default $CDKTF_OUTDIR or cdktf.out)

Token: TF_TOKEN_<hostname with . as _ and - as __> (TF_TOKEN_app_terraform_io), else
~/.terraform.d/credentials.tfrc.json (terraform login).

Exit status: 0 when every stack (or run) succeeded; 1 when one failed (its code, such as
EDGE_TFC_API or EDGE_TFC_RUN_FAILED, and its fix are in the table's failure list) or the input was
wrong; 2 on an unexpected error.`;

const COMMANDS = ["publish", "plan", "apply", "destroy", "wait", "summary"] as const;
type Command = (typeof COMMANDS)[number];

/** Runs the CLI; returns the exit code. User mistakes print as configuration errors, without a stack trace. */
export async function runTfcCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(`${TFC_USAGE}\n`);
      return 0;
    }
    if (command === "summary") return summaryCommand(positionals, io);
    if (command === "wait") return await waitCommand(values, io);
    return await publishCommand(command, values, io);
  } catch (err) {
    const errors = configErrorsOf(err);
    if (!errors) throw err;
    io.stderr(`${errors.map((e) => e.format("tfc")).join("\n\n")}\n`);
    return 1;
  }
}

type Values = ReturnType<typeof parse>["values"];

async function publishCommand(command: Exclude<Command, "summary" | "wait">, args: Values, io: CliIo): Promise<number> {
  const envName = nonEmpty(args.env);
  if (!envName) throw argError("--env", undefined, "no environment given", "pass --env, e.g. --env=staging");
  const environment = resolveEnvironment(envName, io.environments ?? environmentCatalog);
  if (environment.backend.type !== "tfc") {
    throw new EdgeConfigError({
      code: "EDGE_TFC_DELIVERY",
      path: `environments.${envName}.backend`,
      value: environment.backend.type,
      problem: `environment ${envName} is delivered with cdktf deploy (its state is in the ${environment.backend.type} backend), not by Terraform Cloud; a workspace run could neither read nor write that state`,
      fix: `deploy it with npx cdktf deploy <site>-${envName}, or give environments.${envName} a tfc backend (and move its state) so that Terraform Cloud owns it`,
    });
  }
  const tfcBackend = environment.backend;
  const repoRoot = findRepoRoot(io.cwd);

  const hostname = nonEmpty(args.hostname) ?? nonEmpty(io.env.TF_CLOUD_HOSTNAME) ?? tfcBackend.hostname;
  const organization = nonEmpty(args.organization) ?? nonEmpty(io.env.TF_CLOUD_ORGANIZATION) ?? tfcBackend.organization;
  const workspacePrefix = nonEmpty(args["workspace-prefix"]) ?? tfcBackend.workspacePrefix ?? projectId(repoRoot);
  // workspaces API, create-a-workspace: "Workspace names can only include letters, numbers, `-`, and `_`."
  if (!/^[A-Za-z0-9_-]+$/.test(workspacePrefix)) {
    throw argError(
      "--workspace-prefix",
      workspacePrefix,
      `workspace names can only include letters, numbers, - and _ (workspaces API), so ${workspacePrefix}-<site>-${envName} names no workspace`,
      "use letters, numbers, - and _ only, e.g. --workspace-prefix=edge",
    );
  }
  const project = nonEmpty(args.project) ?? nonEmpty(io.env.TF_CLOUD_PROJECT) ?? tfcBackend.project;
  const address = nonEmpty(args.address) ?? `https://${hostname}`;
  const run: RunMode = command === "plan" ? "plan-only" : command === "apply" ? "apply" : command === "destroy" ? "destroy" : runMode(nonEmpty(args.run));
  if (command !== "publish" && args.run !== undefined) throw argError("--run", args.run, `tfc ${command} chooses its own run`, "drop --run, or use tfc publish --run");
  if (args["delete-workspaces"] && command !== "destroy") throw argError("--delete-workspaces", true, "only destroy deletes workspaces", "use tfc destroy --delete-workspaces");
  const allWorkspaces = args["all-workspaces"] === true;
  if (allWorkspaces && command !== "destroy") throw argError("--all-workspaces", true, "only destroy takes the workspaces Terraform Cloud lists", "use tfc destroy --all-workspaces");
  const concurrency = intFlag("--concurrency", nonEmpty(args.concurrency), 3, 1, 10);
  const timeouts = {
    runTimeoutMs: duration("--timeout", nonEmpty(args.timeout)),
    requestTimeoutMs: duration("--request-timeout", nonEmpty(args["request-timeout"])),
    uploadTimeoutMs: duration("--upload-timeout", nonEmpty(args["upload-timeout"])),
  };
  const outdir = path.resolve(io.cwd, nonEmpty(args["stacks-dir"]) ?? nonEmpty(io.env.CDKTF_OUTDIR) ?? path.join(repoRoot, "cdktf.out"));
  const sites = args.site?.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);

  if (allWorkspaces && sites && sites.length > 0) {
    throw argError("--site", sites.join(","), "--all-workspaces destroys every workspace of the environment", "drop --site, or drop --all-workspaces to destroy the synthesized stacks of those sites");
  }
  const allStacks = allWorkspaces ? [] : listStacks(outdir, envName, { workspacePrefix });
  const stacks = allWorkspaces ? [] : findStacks(outdir, envName, sites && sites.length > 0 ? sites : undefined, { workspacePrefix });
  // Placeholders never reach Terraform Cloud; a dry run still shows the plan, then the refusal.
  let refused: readonly EdgeConfigError[] = [];
  try {
    refusePlaceholders(stacks.map((s) => s.dir), "publish");
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found || !args["dry-run"]) throw err;
    refused = found;
  }

  const notes: string[] = [];
  const elsewhere = tfcBackend.organization !== organization || tfcBackend.workspacePrefix !== workspacePrefix || tfcBackend.hostname !== hostname;
  if (stacks.length > 0 && elsewhere) {
    notes.push(
      `note: the stacks' cloud block names ${tfcBackend.hostname}/${tfcBackend.organization}/${workspaceFor(stacks[0], tfcBackend.workspacePrefix)}; publishing to ${hostname}/${organization}/${workspaceFor(stacks[0], workspacePrefix)} instead`,
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
    autoApply: tfcBackend.autoApply === true,
    workingDirectory: args["working-directory"],
    discardPending: args["discard-pending"] === true,
    deleteWorkspaces: args["delete-workspaces"] === true,
    message: nonEmpty(args.message),
    concurrency,
    allStacks,
    ...timeouts,
    runPollMs: io.pollMs?.run,
    uploadPollMs: io.pollMs?.upload,
  };

  if (allWorkspaces) {
    const { create: _create, run: _run, allStacks: _all, ...rest } = settings;
    return destroyAllWorkspaces(envName, { ...rest, sleep: io.sleep, retry: io.retry, fetch: io.fetch }, io, {
      dryRun: args["dry-run"] === true,
      jsonFile: nonEmpty(args.json) === undefined ? undefined : path.resolve(io.cwd, nonEmpty(args.json)!),
    });
  }

  if (args["dry-run"]) {
    const token = findToken({ hostname, env: io.env });
    io.stdout(
      [
        `dry run of tfc ${command}: nothing is sent (${stacks.length} stack${stacks.length === 1 ? "" : "s"} of ${envName}, ${hostname}, run: ${run}, auto-apply: ${settings.autoApply})`,
        `token: ${token ? `found in ${token.source}` : "none found (a real publish stops here)"}`,
        ...notes,
        ...describePublish(stacks, settings),
        "",
      ].join("\n"),
    );
    if (refused.length === 0) return 0;
    io.stderr(
      `${refused.map((e) => e.format("tfc")).join("\n\n")}\n\na real tfc ${command} refuses ${refused.length === 1 ? "this placeholder" : `these ${refused.length} placeholders`} and sends nothing\n`,
    );
    return 1;
  }

  const { token, source } = requireToken({ hostname, env: io.env });
  for (const note of notes) io.stderr(`${note}\n`);
  io.stderr(`tfc ${command}: ${stacks.length} stack${stacks.length === 1 ? "" : "s"} to ${hostname}/${organization} (token from ${source}, run: ${run}, ${concurrency} at a time)\n`);
  const results = await publishStacks(stacks, {
    ...settings,
    token,
    log: (line) => io.stderr(`${line}\n`),
    sleep: io.sleep,
    retry: io.retry,
    fetch: io.fetch,
  });
  io.stdout(`${formatResults(results)}\n`);
  const jsonFile = nonEmpty(args.json);
  if (jsonFile) writeRecord(path.resolve(io.cwd, jsonFile), { env: envName, run, organization, results });
  return results.every((r) => r.ok) ? 0 : 1;
}

async function waitCommand(args: Values, io: CliIo): Promise<number> {
  const ids = (args.run ? [args.run] : []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw argError("--run", args.run, "no run given", "pass --run=<run id>[,<run id>…]");
  const hostname = nonEmpty(args.hostname) ?? nonEmpty(io.env.TF_CLOUD_HOSTNAME) ?? "app.terraform.io";
  const organization = nonEmpty(args.organization) ?? nonEmpty(io.env.TF_CLOUD_ORGANIZATION);
  const { token } = requireToken({ hostname, env: io.env });
  const results = await waitForRuns(ids, {
    token,
    hostname,
    organization,
    address: nonEmpty(args.address) ?? `https://${hostname}`,
    runTimeoutMs: duration("--timeout", nonEmpty(args.timeout)),
    requestTimeoutMs: duration("--request-timeout", nonEmpty(args["request-timeout"])),
    runPollMs: io.pollMs?.run,
    log: (line) => io.stderr(`${line}\n`),
    sleep: io.sleep,
    retry: io.retry,
    fetch: io.fetch,
  });
  io.stdout(`${formatResults(results)}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}

function summaryCommand(files: readonly string[], io: CliIo): number {
  if (files.length === 0) throw argError("files", undefined, "no record given", "pass the files written by --json, e.g. tfc summary plan-staging.json");
  io.stdout(formatSummary(files.map((f) => readRecord(path.resolve(io.cwd, f)))));
  return 0;
}

function parse(argv: readonly string[]) {
  const first = argv[0];
  let command: Command = "publish";
  let rest = [...argv];
  if (first !== undefined && !first.startsWith("-")) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw argError("command", first, `unknown command ${first}`, `use one of ${COMMANDS.join(", ")} (see tfc --help)`);
    }
    command = first as Command;
    rest = rest.slice(1);
  }
  try {
    const parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: command === "summary",
      options: {
        env: { type: "string" },
        site: { type: "string", multiple: true },
        "dry-run": { type: "boolean" },
        run: { type: "string" },
        create: { type: "boolean" },
        "discard-pending": { type: "boolean" },
        "delete-workspaces": { type: "boolean" },
        "all-workspaces": { type: "boolean" },
        "working-directory": { type: "string" },
        json: { type: "string" },
        organization: { type: "string" },
        "workspace-prefix": { type: "string" },
        hostname: { type: "string" },
        address: { type: "string" },
        project: { type: "string" },
        "terraform-version": { type: "string" },
        message: { type: "string" },
        concurrency: { type: "string" },
        timeout: { type: "string" },
        "request-timeout": { type: "string" },
        "upload-timeout": { type: "string" },
        "stacks-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    return { command, values: parsed.values, positionals: parsed.positionals };
  } catch (err) {
    throw argumentsError(err, argv, "EDGE_TFC_ARGS", `see tfc ${command} --help`);
  }
}

function runMode(value: string | undefined): RunMode {
  if (value === undefined) return "none";
  if (value === "none" || value === "plan-only" || value === "normal") return value;
  throw argError("--run", value, "not a run mode of tfc publish", "use none, plan-only or normal (tfc apply and tfc destroy apply runs)");
}

function intFlag(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw argError(flag, value, `not a whole number from ${min} to ${max}`, `pass e.g. ${flag}=${fallback}`);
  return n;
}

/** `90s`, `30m`, `2h` or milliseconds; undefined keeps the default. */
function duration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
  if (!m || Number(m[1]) <= 0) throw argError(flag, value, "not a duration", "use e.g. 90s, 30m or 2h");
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
