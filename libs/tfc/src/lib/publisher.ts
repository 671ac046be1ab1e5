import {
  addRemoteStateConsumers,
  configurationVersionBody,
  createConfigurationVersion,
  createRun,
  createWorkspace,
  findProjectId,
  getConfigurationVersion,
  getRun,
  getWorkspace,
  paths,
  remoteStateConsumersBody,
  runBody,
  workspaceCreateBody,
  type Run,
  type Workspace,
} from "./api";
import { TfcApiError } from "./api-error";
import { archiveStackDir } from "./archive";
import { TfcClient, type RetryOptions } from "./http-client";
import { mapWithConcurrency } from "./private/pool";
import type { SynthesizedStack } from "./stacks";

/** Which run, if any, follows the upload. */
export type RunMode = "none" | "plan-only" | "normal";

/** Where and how to publish. */
export interface PublishOptions {
  /** Organization that holds the workspaces. */
  readonly organization: string;
  /** Workspaces are named `<workspacePrefix>-<site>-<env>`. */
  readonly workspacePrefix: string;
  /** API token (see `requireToken`). */
  readonly token: string;
  /** Hostname, for messages. @default "app.terraform.io" */
  readonly hostname?: string;
  /** API base address. @default `https://<hostname>` */
  readonly address?: string;
  /** Create missing workspaces (remote execution, no auto-apply, state shared with readers only). @default false */
  readonly create?: boolean;
  /** Version constraint of created workspaces. @default "~> 1.10" */
  readonly terraformVersion?: string;
  /** Project (by name) of created workspaces. @default - the organization's default project */
  readonly project?: string;
  /** `plan-only` is a speculative plan; `normal` plans and waits for confirmation (auto-apply is off). @default "none" */
  readonly run?: RunMode;
  /** Run message. @default "edge-blueprints publish of <stack>" */
  readonly message?: string;
  /** Stacks published at once. @default 3 */
  readonly concurrency?: number;
  /** Every synthesized stack of the environment, to find which sites read whose state. @default - the published stacks */
  readonly allStacks?: readonly SynthesizedStack[];
  /** Interval between `GET /configuration-versions/:id` polls. @default 1000 */
  readonly uploadPollMs?: number;
  /** Longest wait for `status: uploaded`. @default 120000 */
  readonly uploadTimeoutMs?: number;
  /** Interval between `GET /runs/:id` polls. @default 5000 */
  readonly runPollMs?: number;
  /** Longest wait for a run to finish. @default 3600000 */
  readonly runTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Timeout of one HTTP request. @default 60000 */
  readonly requestTimeoutMs?: number;
  /** Receives progress lines. @default - discarded */
  readonly log?: (line: string) => void;
  /** Waits between polls (and between retries unless `retry.sleep` is given). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly fetch?: typeof fetch;
}

/** The outcome for one stack: a row of the final table. */
export interface StackResult {
  readonly stack: string;
  readonly workspace: string;
  readonly workspaceId?: string;
  readonly workspaceCreated?: boolean;
  readonly configurationVersion?: string;
  readonly runId?: string;
  /** `uploaded`, a run status (`planned_and_finished`, `planned (needs confirmation)`, `errored`), or `failed`. */
  readonly status: string;
  readonly ok: boolean;
  /** Why it failed, without the token. */
  readonly error?: string;
}

/** Run states after which polling stops. */
const FINAL_RUN_STATES = new Set([
  "applied",
  "planned_and_finished",
  "planned_and_saved",
  "errored",
  "discarded",
  "canceled",
  "force_canceled",
  "policy_soft_failed",
]);
const FAILED_RUN_STATES = new Set(["errored", "discarded", "canceled", "force_canceled", "policy_soft_failed"]);

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The workspace of `stack`. */
export function workspaceFor(stack: Pick<SynthesizedStack, "site" | "env">, prefix: string): string {
  return `${prefix}-${stack.site}-${stack.env}`;
}

/**
 * Publishes each stack as a configuration version of its workspace, at most `concurrency` at a
 * time and producers before the sites that read them: find (or create) the workspace, create a
 * configuration version, upload the stack directory as `.tar.gz`, wait for `uploaded`, then
 * optionally start a run and poll it to a final state. One stack failing does not stop the
 * others; every outcome is returned, in the order of `stacks`.
 */
export async function publishStacks(stacks: readonly SynthesizedStack[], options: PublishOptions): Promise<StackResult[]> {
  const redact = (line: string): string => (options.token ? line.split(options.token).join("[redacted]") : line);
  const log = (line: string): void => options.log?.(redact(line));
  const results = new Map<SynthesizedStack, StackResult>();
  let done = 0;
  for (const wave of producersFirst(stacks)) {
    await mapWithConcurrency(wave, options.concurrency ?? 3, async (stack) => {
      const workspace = workspaceFor(stack, options.workspacePrefix);
      const state: Mutable<StackResult> = { stack: stack.stack, workspace, status: "failed", ok: false };
      try {
        await publishOne(stack, options, state, (line) => log(`${stack.stack}: ${line}`));
      } catch (err) {
        state.status = "failed";
        state.ok = false;
        state.error = redact(err instanceof Error ? err.message : String(err));
      }
      done++;
      log(`${stack.stack}: ${state.ok ? "done" : "FAILED"} (${done}/${stacks.length}): ${state.error ?? state.status}`);
      results.set(stack, { ...state });
    });
  }
  return stacks.map((s) => results.get(s)!);
}

/**
 * Splits the stacks into waves so that a site is published after the sites of the same batch
 * whose state it reads (the hub before the edge sites): new workspaces can then be linked for
 * remote state, and a reader's run plans against a producer that is already there. A cycle, which
 * sites cannot form through site outputs, would end up in one last wave.
 */
export function producersFirst(stacks: readonly SynthesizedStack[]): SynthesizedStack[][] {
  const inBatch = new Set(stacks.map((s) => s.site));
  const placed = new Set<string>();
  const waves: SynthesizedStack[][] = [];
  let remaining = [...stacks];
  while (remaining.length > 0) {
    const wave = remaining.filter((s) => s.reads.every((site) => !inBatch.has(site) || placed.has(site)));
    if (wave.length === 0) {
      waves.push(remaining);
      break;
    }
    waves.push(wave);
    for (const s of wave) placed.add(s.site);
    remaining = remaining.filter((s) => !wave.includes(s));
  }
  return waves;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

async function publishOne(
  stack: SynthesizedStack,
  options: PublishOptions,
  result: Mutable<StackResult>,
  log: (line: string) => void,
): Promise<void> {
  const sleep = options.sleep ?? sleepFor;
  const client = new TfcClient({
    address: options.address ?? `https://${options.hostname ?? "app.terraform.io"}`,
    token: options.token,
    retry: { sleep, ...options.retry },
    requestTimeoutMs: options.requestTimeoutMs,
    log,
    fetch: options.fetch,
  });
  const org = options.organization;
  const mode = options.run ?? "none";

  // Pack first: a broken stack directory fails before anything is sent.
  const archive = archiveStackDir(stack.dir);

  let ws = await getWorkspace(client, org, result.workspace);
  if (!ws) {
    if (!options.create) {
      throw new Error(
        `workspace ${result.workspace} in organization ${org}: 404 missing or forbidden (it does not exist, or the token cannot see it); create it with --create or grant the token access`,
      );
    }
    ws = await createWorkspaceFor(client, stack, result.workspace, options);
    result.workspaceCreated = true;
    log(`workspace ${result.workspace} created: ${ws.id}`);
    await shareState(client, stack, ws, options, log);
  } else {
    log(`workspace ${result.workspace}: ${ws.id}`);
  }
  result.workspaceId = ws.id;

  const cv = await createConfigurationVersion(client, ws.id, { speculative: mode === "plan-only" });
  result.configurationVersion = cv.id;
  if (!cv.uploadUrl) throw new Error(`configuration version ${cv.id} has no upload-url`);
  await client.upload(cv.uploadUrl, archive.data);
  const uploadPoll = options.uploadPollMs ?? 1000;
  const uploadPolls = Math.ceil((options.uploadTimeoutMs ?? 120_000) / Math.max(1, uploadPoll)) + 1;
  let status = cv.status;
  for (let i = 0; status !== "uploaded"; i++) {
    if (i >= uploadPolls) throw new Error(`configuration version ${cv.id} still ${status} after the upload timeout`);
    if (i > 0) await sleep(uploadPoll);
    const current = await getConfigurationVersion(client, cv.id);
    status = current.status;
    if (status === "errored") {
      throw new Error(`configuration version ${cv.id} errored${current.errorMessage ? `: ${current.errorMessage}` : ""}`);
    }
  }
  log(`configuration version ${cv.id} uploaded (${formatBytes(archive.data.length)}, ${archive.files.length} file${archive.files.length === 1 ? "" : "s"})`);

  if (mode === "none") {
    result.status = "uploaded";
    result.ok = true;
    return;
  }
  let run = await createRun(client, {
    workspaceId: ws.id,
    configurationVersionId: cv.id,
    planOnly: mode === "plan-only",
    message: options.message ?? `edge-blueprints publish of ${stack.stack}`,
  });
  result.runId = run.id;
  log(`run ${run.id} ${run.status}`);
  const runPoll = options.runPollMs ?? 5000;
  const runPolls = Math.ceil((options.runTimeoutMs ?? 3_600_000) / Math.max(1, runPoll));
  let last = run.status;
  for (let i = 0; !runSettled(run); i++) {
    if (i >= runPolls) {
      result.status = `${run.status} (timed out waiting)`;
      throw new Error(`run ${run.id} still ${run.status} after the run timeout`);
    }
    await sleep(runPoll);
    run = await getRun(client, run.id);
    if (run.status !== last) log(`run ${run.id} ${run.status}`);
    last = run.status;
  }
  result.status = run.isConfirmable && !FINAL_RUN_STATES.has(run.status) ? `${run.status} (needs confirmation)` : run.status;
  if (run.status === "policy_override") result.status = "policy_override (needs override)";
  result.ok = !FAILED_RUN_STATES.has(run.status) && run.status !== "policy_override";
  if (!result.ok) result.error = `run ${run.id} ended ${run.status}`;
}

/** A run needs no more polling: finished, or waiting for a person. */
function runSettled(run: Run): boolean {
  return FINAL_RUN_STATES.has(run.status) || run.isConfirmable || run.status === "policy_override";
}

async function createWorkspaceFor(client: TfcClient, stack: SynthesizedStack, name: string, options: PublishOptions): Promise<Workspace> {
  let projectId: string | undefined;
  if (options.project) {
    projectId = await findProjectId(client, options.organization, options.project);
    if (!projectId) throw new Error(`project ${options.project} not found in organization ${options.organization}`);
  }
  try {
    return await createWorkspace(client, options.organization, {
      name,
      terraformVersion: options.terraformVersion,
      projectId,
      description: `edge-blueprints site ${stack.site}, environment ${stack.env}`,
    });
  } catch (err) {
    // Created meanwhile by another publisher: use it.
    if (err instanceof TfcApiError && err.status === 422) {
      const existing = await getWorkspace(client, options.organization, name);
      if (existing) return existing;
    }
    throw err;
  }
}

/**
 * A new workspace shares its state with the sites that read it (their workspaces, where they
 * exist already), and joins the consumers of the sites it reads (the hub first, so normally
 * already there). Sites missing now are linked when they are created.
 */
async function shareState(client: TfcClient, stack: SynthesizedStack, ws: Workspace, options: PublishOptions, log: (line: string) => void): Promise<void> {
  const all = options.allStacks ?? [];
  const readers = [...new Set(all.filter((s) => s.env === stack.env && s.reads.includes(stack.site)).map((s) => s.site))].sort();
  const readerIds: string[] = [];
  for (const site of readers) {
    const other = await getWorkspace(client, options.organization, workspaceFor({ site, env: stack.env }, options.workspacePrefix));
    if (other) readerIds.push(other.id);
  }
  if (readerIds.length > 0) {
    await addRemoteStateConsumers(client, ws.id, readerIds);
    log(`state shared with ${readerIds.length} reader workspace${readerIds.length === 1 ? "" : "s"}`);
  }
  for (const site of stack.reads) {
    const name = workspaceFor({ site, env: stack.env }, options.workspacePrefix);
    const producer = await getWorkspace(client, options.organization, name);
    if (producer) {
      await addRemoteStateConsumers(client, producer.id, [ws.id]);
      log(`reads the state of ${name}`);
    } else {
      log(`reads ${name}, which does not exist yet: publish ${site} first (it links this workspace when it is created)`);
    }
  }
}

/** What {@link publishStacks} would send, without sending anything (no token needed). */
export function describePublish(
  stacks: readonly SynthesizedStack[],
  options: Omit<PublishOptions, "token" | "organization"> & { organization?: string },
): string[] {
  const org = options.organization ?? "<organization>";
  const mode = options.run ?? "none";
  // Placeholders such as <workspace id> are shown as typed, not URL-encoded.
  const api = `${(options.address ?? `https://${options.hostname ?? "app.terraform.io"}`).replace(/\/+$/, "")}/api/v2`;
  const json = (body: unknown): string => JSON.stringify(body);
  const lines: string[] = [];
  for (const stack of stacks) {
    const workspace = workspaceFor(stack, options.workspacePrefix);
    const archive = archiveStackDir(stack.dir);
    lines.push(`${stack.stack} -> workspace ${workspace} (organization ${org})`);
    lines.push(`  GET  ${api}${paths.workspace(org, workspace)}`);
    if (options.create) {
      if (options.project) lines.push(`  GET  ${api}${paths.projects(org, options.project)}   (if the workspace is missing)`);
      lines.push(
        `  POST ${api}${paths.workspaces(org)}   (if the workspace is missing)`,
        `       ${json(workspaceCreateBody({ name: workspace, terraformVersion: options.terraformVersion, projectId: options.project ? "<project id>" : undefined, description: `edge-blueprints site ${stack.site}, environment ${stack.env}` }))}`,
      );
      const readers = (options.allStacks ?? []).filter((s) => s.env === stack.env && s.reads.includes(stack.site)).map((s) => s.site);
      for (const site of [...new Set(readers)].sort()) {
        lines.push(`  POST ${api}${paths.remoteStateConsumers("<workspace id>")}   (if created; lets ${workspaceFor({ site, env: stack.env }, options.workspacePrefix)} read its state)`);
      }
      for (const site of stack.reads) {
        lines.push(`  POST ${api}${paths.remoteStateConsumers(`<id of ${workspaceFor({ site, env: stack.env }, options.workspacePrefix)}>`)}   (if created; ${json(remoteStateConsumersBody(["<workspace id>"]))})`);
      }
    }
    lines.push(
      `  POST ${api}${paths.configurationVersions("<workspace id>")}`,
      `       ${json(configurationVersionBody({ speculative: mode === "plan-only" }))}`,
      `  PUT  <upload-url from that response>   Content-Type: application/octet-stream, no Authorization, ${formatBytes(archive.data.length)} .tar.gz:`,
      ...archive.files.map((f) => `         ${f.path} (${formatBytes(f.bytes)})`),
      `  GET  ${api}${paths.configurationVersion("<configuration version id>")}   until status is uploaded`,
    );
    if (mode !== "none") {
      lines.push(
        `  POST ${api}${paths.runs()}`,
        `       ${json(runBody({ workspaceId: "<workspace id>", configurationVersionId: "<configuration version id>", planOnly: mode === "plan-only", message: options.message ?? `edge-blueprints publish of ${stack.stack}` }))}`,
        `  GET  ${api}${paths.run("<run id>")}   every ${((options.runPollMs ?? 5000) / 1000).toFixed(0)} s until the run finishes or needs confirmation`,
      );
    }
  }
  return lines.map((line) => line.replace(/%3C[^ ]*?%3E|%5B|%5D/g, (m) => decodeURIComponent(m)));
}

/** The final table: stack, workspace, configuration version, run id, status. */
export function formatResults(results: readonly StackResult[]): string {
  const rows = [
    ["stack", "workspace", "configuration version", "run id", "status"],
    ...results.map((r) => [r.stack, r.workspace, r.configurationVersion ?? "-", r.runId ?? "-", r.status]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]): string => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  const failed = results.filter((r) => !r.ok);
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    "",
    failed.length === 0
      ? `published ${results.length} stack${results.length === 1 ? "" : "s"}`
      : `${failed.length} of ${results.length} stack${results.length === 1 ? "" : "s"} failed:\n${failed.map((r) => `  ${r.stack}: ${r.error ?? r.status}`).join("\n")}`,
  ].join("\n");
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}
