import { getConfigurationVersion, getWorkspace, safeDeleteWorkspace, type PlanCounts, type Workspace } from "./api";
import { TfcApiError } from "./api-error";
import { explainApiFailure } from "./api-failure";
import { archiveStackDir } from "./archive";
import { TfcClient, type RetryOptions } from "./http-client";
import { mapWithConcurrency } from "./private/pool";
import { TfcPublishError } from "./publish-error";
import { createConfigurationVersionOnce, createRunOnce } from "./recover";
import { FAILED_RUN_STATES, watchRun, type RunGoal } from "./run-watch";
import type { SynthesizedStack } from "./stacks";
import { ensureWorkspace, workspaceFor } from "./workspace-setup";

/**
 * Which run, if any, follows the upload: `plan-only` a speculative plan; `normal` a plan that
 * waits for confirmation; `apply` a plan that the publisher confirms and follows until applied;
 * `destroy` a destroy run on the workspace's current configuration, confirmed and applied.
 */
export type RunMode = "none" | "plan-only" | "normal" | "apply" | "destroy";

/** Where and how to publish. */
export interface PublishOptions {
  /** Organization that holds the workspaces. */
  readonly organization: string;
  /** Workspaces are named `<workspacePrefix>-<site>-<env>`. */
  readonly workspacePrefix: string;
  /** API token (see `requireToken`). */
  readonly token: string;
  /** Hostname, for messages and run addresses. @default "app.terraform.io" */
  readonly hostname?: string;
  /** API base address. @default `https://<hostname>` */
  readonly address?: string;
  /** Create missing workspaces and connect consumers to producers (state sharing, run triggers). @default false */
  readonly create?: boolean;
  /** Version constraint of created workspaces. @default "~> 1.10" */
  readonly terraformVersion?: string;
  /** Project (by name, any case) of created workspaces. @default - the organization's default project */
  readonly project?: string;
  /** @default "none" */
  readonly run?: RunMode;
  /** `auto-apply` of every run that is not plan-only: the environment's opt-in. @default false */
  readonly autoApply?: boolean;
  /**
   * Working directory of the workspaces: where the archive puts the stack, set on created
   * workspaces, and required of existing ones. @default - each workspace's own ("" for created ones)
   */
  readonly workingDirectory?: string;
  /** Discard older runs of the same workspace that wait for confirmation or are still pending. @default false */
  readonly discardPending?: boolean;
  /**
   * Safe-delete each workspace after its destroy run applied (run mode `destroy`). A workspace
   * that does not exist then counts as done: deleted by an earlier destroy, or never created.
   * @default false
   */
  readonly deleteWorkspaces?: boolean;
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
  /** Timeout of one HTTP request (the upload included). @default 60000 */
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
  readonly site?: string;
  readonly env?: string;
  readonly workspace: string;
  readonly workspaceId?: string;
  readonly workspaceCreated?: boolean;
  readonly configurationVersion?: string;
  readonly runId?: string;
  /** The run in the Terraform Cloud UI. */
  readonly runUrl?: string;
  /** `uploaded`, a run status (`planned_and_finished`, `planned (needs confirmation)`, `applied`, `errored`), or `failed`. */
  readonly status: string;
  /** What the plan adds, changes and destroys, when known. */
  readonly plan?: PlanCounts;
  readonly ok: boolean;
  /** Stable code of a failure the user can act on (`EDGE_TFC_RUN_QUEUED`, …). */
  readonly code?: string;
  /** Why it failed, without the token. */
  readonly error?: string;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The address of a run in the UI: `https://<host>/app/<org>/workspaces/<ws>/runs/<id>`. */
export function runUrl(hostname: string, organization: string, workspace: string, runId: string): string {
  return `https://${hostname}/app/${encodeURIComponent(organization)}/workspaces/${encodeURIComponent(workspace)}/runs/${encodeURIComponent(runId)}`;
}

/**
 * Publishes each stack as a configuration version of its workspace, at most `concurrency` at a
 * time and producers before the sites that read them (consumers first for `destroy`): find (or
 * create) the workspace, create a configuration version, upload the stack as `.tar.gz`, wait for
 * `uploaded`, then optionally start a run and follow it. One stack failing does not stop the
 * others; every outcome is returned, in the order of `stacks`.
 */
export async function publishStacks(stacks: readonly SynthesizedStack[], options: PublishOptions): Promise<StackResult[]> {
  const redact = (line: string): string => (options.token ? line.split(options.token).join("[redacted]") : line);
  const log = (line: string): void => options.log?.(redact(line));
  const results = new Map<SynthesizedStack, StackResult>();
  let done = 0;
  const waves = producersFirst(stacks);
  if (options.run === "destroy") waves.reverse();
  const failed = new Set<string>();
  // Applying a reader after its producer failed, or destroying a producer whose reader is still
  // there, would build on a broken state: such stacks are skipped.
  const blockedBy = (stack: SynthesizedStack): string | undefined =>
    options.run === "apply"
      ? stack.reads.find((site) => failed.has(site))
      : options.run === "destroy"
        ? stacks.find((s) => failed.has(s.site) && s.reads.includes(stack.site))?.site
        : undefined;
  for (const wave of waves) {
    await mapWithConcurrency(wave, options.concurrency ?? 3, async (stack) => {
      const workspace = workspaceFor(stack, options.workspacePrefix);
      const state: Mutable<StackResult> = { stack: stack.stack, site: stack.site, env: stack.env, workspace, status: "failed", ok: false };
      try {
        const blocker = blockedBy(stack);
        if (blocker) {
          throw new TfcPublishError(
            "EDGE_TFC_SKIPPED",
            `not ${options.run === "destroy" ? "destroyed" : "applied"}: ${blocker} failed`,
            `fix ${blocker}-${stack.env} first, then run again`,
            "skipped",
          );
        }
        await publishOne(stack, options, state, (line) => log(`${stack.stack}: ${line}`));
      } catch (caught) {
        const hostname = options.hostname ?? "app.terraform.io";
        const err = explainApiFailure(caught, {
          subject: `workspace ${workspace} in organization ${options.organization}`,
          workspace,
          organization: options.organization,
          hostname,
          address: options.address ?? `https://${hostname}`,
          again: options.run === "destroy" ? "destroy" : "publish",
        });
        state.ok = false;
        if (err instanceof TfcPublishError) {
          state.status = err.status;
          state.code = err.code;
        } else {
          state.status = "failed";
        }
        state.error = redact(err instanceof Error ? err.message : String(err));
      }
      if (!state.ok) failed.add(stack.site);
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

/** The run goal of a mode. */
function goalOf(mode: RunMode): RunGoal {
  return mode === "plan-only" ? "plan" : mode === "normal" ? "confirmation" : "applied";
}

async function publishOne(stack: SynthesizedStack, options: PublishOptions, result: Mutable<StackResult>, log: (line: string) => void): Promise<void> {
  const sleep = options.sleep ?? sleepFor;
  const hostname = options.hostname ?? "app.terraform.io";
  const client = new TfcClient({
    address: options.address ?? `https://${hostname}`,
    token: options.token,
    retry: { sleep, ...options.retry },
    requestTimeoutMs: options.requestTimeoutMs,
    log,
    fetch: options.fetch,
  });
  const org = options.organization;
  const mode = options.run ?? "none";
  const message = options.message ?? `edge-blueprints ${mode === "destroy" ? "destroy" : "publish"} of ${stack.stack}`;

  // Pack first: a broken stack directory fails before anything is sent.
  const packed = mode === "destroy" ? undefined : archiveStackDir(stack.dir, { workingDirectory: options.workingDirectory ?? "" });

  if (mode === "destroy" && options.deleteWorkspaces && !options.create) {
    const name = workspaceFor(stack, options.workspacePrefix);
    if (!(await getWorkspace(client, org, name))) {
      log(`workspace ${name} not found (deleted before, never created, or not visible to the token): nothing to destroy`);
      result.status = "no workspace";
      result.ok = true;
      return;
    }
  }
  const { workspace: ws, created } = await ensureWorkspace(client, stack, options, log);
  result.workspaceId = ws.id;
  if (created) result.workspaceCreated = true;
  if (mode === "destroy" && ws.currentConfigurationVersionId === null && ws.resourceCount !== undefined) {
    // Nothing a destroy run could use: a run without a configuration version takes the
    // workspace's current one (runs API, create-a-run), and this workspace has none.
    if (ws.resourceCount > 0) {
      throw new TfcPublishError(
        "EDGE_TFC_NO_CONFIGURATION",
        `workspace ${ws.name} manages ${ws.resourceCount} resource${ws.resourceCount === 1 ? "" : "s"} but never received a configuration a destroy run could use`,
        `publish the stack to it once (tfc publish --env=${stack.env} --site=${stack.site}), then destroy again`,
      );
    }
    log(`workspace ${ws.name} never received a configuration to apply (speculative plans at most) and manages no resources: no destroy run is needed`);
    result.status = "nothing to destroy";
    result.ok = true;
    if (options.deleteWorkspaces) {
      await deleteWorkspace(client, ws, options, log);
      result.status = "nothing to destroy, workspace deleted";
    }
    return;
  }

  let configurationVersionId: string | undefined;
  if (packed) {
    // The working directory asked for (checked against the workspace above), else the workspace's own.
    const dir = options.workingDirectory ?? ws.workingDirectory;
    const archive = dir === (options.workingDirectory ?? "") ? packed : archiveStackDir(stack.dir, { workingDirectory: dir });
    const cv = await createConfigurationVersionOnce(client, ws.id, { speculative: mode === "plan-only" }, log);
    result.configurationVersion = configurationVersionId = cv.id;
    if (!cv.uploadUrl) throw new Error(`configuration version ${cv.id} has no upload-url`);
    await client.upload(cv.uploadUrl, archive.data);
    const uploadPoll = options.uploadPollMs ?? 1000;
    const uploadPolls = Math.ceil((options.uploadTimeoutMs ?? 120_000) / Math.max(1, uploadPoll)) + 1;
    let status = cv.status;
    for (let i = 0; status !== "uploaded"; i++) {
      if (i >= uploadPolls) {
        throw new TfcPublishError(
          "EDGE_TFC_UPLOAD_TIMEOUT",
          `configuration version ${cv.id} of workspace ${ws.name} still ${status} after the upload timeout`,
          "publish again, with a longer --upload-timeout (default 2m)",
        );
      }
      if (i > 0) await sleep(uploadPoll);
      const current = await getConfigurationVersion(client, cv.id);
      status = current.status;
      if (status === "errored") {
        // "HCP Terraform could not process this configuration version ... You can try again by ...
        // creating a new configuration version" (configuration-versions API, states).
        throw new TfcPublishError(
          "EDGE_TFC_UPLOAD",
          `configuration version ${cv.id} of workspace ${ws.name} errored${current.errorMessage ? `: ${current.errorMessage}` : ""}`,
          "synthesize the stack again (npm run synth) and publish again: each publish uploads a new configuration version",
        );
      }
    }
    const where = dir ? `, below ${dir}/` : "";
    log(`configuration version ${cv.id} uploaded (${formatBytes(archive.data.length)}, ${archive.files.length} file${archive.files.length === 1 ? "" : "s"}${where})`);
  }

  if (mode === "none") {
    result.status = "uploaded";
    result.ok = true;
    return;
  }
  const first = await createRunOnce(
    client,
    {
      workspaceId: ws.id,
      configurationVersionId,
      planOnly: mode === "plan-only",
      autoApply: options.autoApply === true,
      isDestroy: mode === "destroy",
      message,
    },
    log,
  );
  result.runId = first.id;
  result.runUrl = runUrl(hostname, org, ws.name, first.id);
  log(`run ${first.id} ${first.status}: ${result.runUrl}`);
  const run = await watchRun(client, ws.id, first, {
    goal: goalOf(mode),
    pollMs: options.runPollMs ?? 5000,
    timeoutMs: options.runTimeoutMs ?? 3_600_000,
    sleep,
    log,
    runUrl: (id) => runUrl(hostname, org, ws.name, id),
    workspaceName: ws.name,
    discardPending: options.discardPending,
    comment: message,
  });
  if (run.plan) result.plan = run.plan;
  result.status = run.isConfirmable ? `${run.status} (needs confirmation)` : run.status;
  result.ok = !FAILED_RUN_STATES.has(run.status);
  if (!result.ok) {
    const failure = runFailure(run.id, run.status, ws.name, result.runUrl);
    result.code = failure.code;
    result.error = failure.message;
  }
  if (result.ok && mode === "destroy" && options.deleteWorkspaces) {
    await deleteWorkspace(client, ws, options, log);
    result.status = `${run.status}, workspace deleted`;
  }
}

/**
 * `POST /workspaces/:id/actions/safe-delete`. Right after a destroy applied, Terraform Cloud may
 * answer 409 "Latest workspace state is being processed to discover resources, please try again
 * later" (go-tfe errors.go, ErrWorkspaceStillProcessing): that one is tried again, every run poll
 * interval, for up to two minutes. A 404 means the workspace is gone already. Any other refusal
 * stands (see `explainApiFailure`).
 */
async function deleteWorkspace(client: TfcClient, ws: Workspace, options: PublishOptions, log: (line: string) => void): Promise<void> {
  const pollMs = options.runPollMs ?? 5000;
  const attempts = Math.max(2, Math.ceil(120_000 / Math.max(1, pollMs)));
  for (let attempt = 1; ; attempt++) {
    try {
      await safeDeleteWorkspace(client, ws.id);
      break;
    } catch (err) {
      // A 404 after the destroy run there: gone (a retried request whose first answer was lost
      // deleted it), which is what was asked; a missing workspace counts as deleted.
      if (err instanceof TfcApiError && err.status === 404) {
        log(`workspace ${ws.name} is gone (404): deleted, as asked`);
        return;
      }
      const processing = err instanceof TfcApiError && err.status === 409 && /being processed|try again later/i.test(err.detail ?? "");
      if (!processing || attempt >= attempts) throw err;
      log(`workspace ${ws.name} is not deleted yet: Terraform Cloud is still processing its latest state (409); trying again`);
      await (options.sleep ?? sleepFor)(pollMs);
    }
  }
  log(`workspace ${ws.name} deleted`);
}

/**
 * Why a run that ended in a failed state failed, and what to do (`EDGE_TFC_RUN_FAILED`): the run
 * states errored, discarded, canceled, force_canceled and policy_soft_failed (runs API, Run States).
 */
export function runFailure(runId: string, status: string, workspace: string, url: string): TfcPublishError {
  const fix =
    status === "discarded"
      ? "someone discarded it in Terraform Cloud (or another publish with --discard-pending superseded it): publish again if it should still apply"
      : status === "canceled" || status === "force_canceled"
        ? "someone canceled it in Terraform Cloud: check what it changed at that address, then publish again"
        : status === "policy_soft_failed"
          ? "a policy check soft-failed on this plan-only run: read the policy results at that address and fix what they name"
          : "read the plan or apply log at that address, fix the stack or the workspace (variables, credentials), then publish again";
  return new TfcPublishError("EDGE_TFC_RUN_FAILED", `run ${runId} in workspace ${workspace} ended ${status}: ${url}`, fix, status);
}

/** The final table: stack, workspace, configuration version, run id, plan, status. */
export function formatResults(results: readonly StackResult[]): string {
  const rows = [
    ["stack", "workspace", "configuration version", "run id", "plan", "status"],
    ...results.map((r) => [r.stack, r.workspace, r.configurationVersion ?? "-", r.runId ?? "-", r.plan ? formatPlan(r.plan) : "-", r.status]),
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

/** `+2 ~1 -0`: resources added, changed, destroyed. */
export function formatPlan(plan: PlanCounts): string {
  return `+${plan.add} ~${plan.change} -${plan.destroy}`;
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}
