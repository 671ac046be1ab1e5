/**
 * Following a run to the point the caller asked for: a finished speculative plan, a plan that
 * waits for confirmation, or (for `apply` and `destroy`) an applied run, which this module
 * confirms itself. A run that waits behind another run of the workspace is explained within one
 * poll: the run ahead, its status and its address, and what to do about it.
 */
import { applyRun, discardRun, getRun, getWorkspaceLock, listActiveRuns, type Run, type WorkspaceLock } from "./api";
import { TfcApiError } from "./api-error";
import type { TfcClient } from "./http-client";
import { TfcPublishError } from "./publish-error";

/** What the caller waits for. */
export type RunGoal = "plan" | "confirmation" | "applied";

/**
 * Run states after which nothing more happens (runs API, run states). Not `planned_and_saved`: a
 * saved plan "can be confirmed for apply", and is in the `discardable` status group.
 */
export const FINAL_RUN_STATES: ReadonlySet<string> = new Set([
  "applied",
  "planned_and_finished",
  "errored",
  "discarded",
  "canceled",
  "force_canceled",
  "policy_soft_failed",
]);
export const FAILED_RUN_STATES: ReadonlySet<string> = new Set(["errored", "discarded", "canceled", "force_canceled", "policy_soft_failed"]);


export interface WatchOptions {
  readonly goal: RunGoal;
  readonly pollMs: number;
  readonly timeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (line: string) => void;
  /** Address of a run in the UI, for messages. */
  readonly runUrl: (runId: string) => string;
  /** Name of the workspace, for messages. */
  readonly workspaceName: string;
  /** Discard runs ahead of this one that wait for a person. @default false */
  readonly discardPending?: boolean;
  /** Comment of the apply and discard actions. */
  readonly comment: string;
}

/** How often, in polls, a pending run's queue is looked at again (the runs list allows 30 calls a minute). */
const QUEUE_RECHECK_POLLS = 12;

/**
 * Polls `run` until it reaches `goal` or a final state. Returns the last state seen; throws a
 * {@link TfcPublishError} when it cannot get there without someone's action.
 */
export async function watchRun(client: TfcClient, workspaceId: string, first: Run, options: WatchOptions): Promise<Run> {
  const polls = Math.ceil(options.timeoutMs / Math.max(1, options.pollMs));
  let run = first;
  let last = run.status;
  let applied = false;
  for (let i = 0; ; i++) {
    if (FINAL_RUN_STATES.has(run.status)) return run;
    if (run.status === "policy_override") {
      throw new TfcPublishError(
        "EDGE_TFC_POLICY_OVERRIDE",
        `run ${run.id} in workspace ${options.workspaceName} soft-failed a policy check and waits for an override: ${options.runUrl(run.id)}`,
        "if the finding is accepted, someone allowed to manage policy overrides chooses Override & Continue there (the run then goes on, and waits for confirmation unless it auto-applies); otherwise fix what the policy found and publish again",
        "policy_override (needs override)",
      );
    }
    if (run.isConfirmable) {
      if (options.goal !== "applied") return run;
      if (!applied) {
        run = await confirm(client, run, options);
        applied = true;
      }
    }
    if (i >= polls) {
      throw new TfcPublishError(
        "EDGE_TFC_RUN_TIMEOUT",
        `run ${run.id} still ${run.status} after the run timeout: ${options.runUrl(run.id)}`,
        "follow it in Terraform Cloud, or wait again with tfc wait --run " + run.id,
        `${run.status} (timed out waiting)`,
      );
    }
    await options.sleep(options.pollMs);
    run = await getRun(client, run.id);
    if (run.status !== last) options.log(`run ${run.id} ${run.status}`);
    last = run.status;
    if (run.status === "pending" && !run.planOnly && i % QUEUE_RECHECK_POLLS === 0) {
      await explainQueue(client, workspaceId, run, options);
    }
  }
}

/**
 * A pending run waits for the workspace's older unfinished runs. Names the one ahead; when it
 * waits for a person, discards it (`--discard-pending`) or fails now instead of at the timeout.
 */
async function explainQueue(client: TfcClient, workspaceId: string, run: Run, options: WatchOptions): Promise<void> {
  const ahead = (await listActiveRuns(client, workspaceId)).filter(
    (r) => r.id !== run.id && !r.planOnly && (!run.createdAt || !r.createdAt || r.createdAt <= run.createdAt),
  );
  if (ahead.length === 0) return explainLock(client, workspaceId, run, options);
  const blocker = ahead[0];
  // Waits for a person: "paused waiting for confirmation" (`actions.is-confirmable`, run#apply-a-run),
  // or a soft-failed policy waiting for an override. A run that just finished a phase moves on by itself.
  const waits = (r: Run): boolean => r.isConfirmable || r.status === "policy_override";
  const what = blocker.isConfirmable ? `${blocker.status}, needs confirmation` : blocker.status;
  options.log(`run ${run.id} is queued behind run ${blocker.id} (${what}): ${options.runUrl(blocker.id)}`);
  if (options.discardPending) {
    // Superseded: older configurations that nobody is applying now.
    for (const r of ahead.filter((r) => waits(r) || r.status === "pending")) {
      try {
        await discardRun(client, r.id, options.comment);
      } catch (err) {
        // run#discard-a-run, 409: "Run was not paused for confirmation or priority; discard not
        // allowed": it was confirmed, discarded or started meanwhile. The queue is looked at again later.
        if (!(err instanceof TfcApiError && err.status === 409)) throw err;
        options.log(`run ${r.id} was not discarded (409${err.detail ? `: ${err.detail}` : ""}): it moved on meanwhile`);
        continue;
      }
      options.log(`run ${r.id} (${r.status}) discarded: superseded by run ${run.id}`);
    }
    return;
  }
  if (!waits(blocker)) return; // planning, applying or queued itself: it moves on by itself
  throw new TfcPublishError(
    "EDGE_TFC_RUN_QUEUED",
    `run ${run.id} waits behind run ${blocker.id} (${what}${blocker.message ? `, "${blocker.message}"` : ""}) at ${options.runUrl(blocker.id)}`,
    `confirm or discard run ${blocker.id} in Terraform Cloud, then tfc wait --run ${run.id}; or publish again with --discard-pending`,
    `pending (behind ${blocker.id})`,
  );
}

/**
 * Confirms the publisher's own run (`POST /runs/:id/actions/apply`). A 409 ("Run was not paused for
 * confirmation; apply not allowed", run#apply-a-run) after the run was seen waiting means it was
 * confirmed already: by a retried request whose first answer was lost, or by someone in the UI.
 * The run is read again and followed; if it still waits, the 409 stands.
 */
async function confirm(client: TfcClient, run: Run, options: WatchOptions): Promise<Run> {
  try {
    await applyRun(client, run.id, options.comment);
  } catch (err) {
    if (!(err instanceof TfcApiError && err.status === 409)) throw err;
    const now = await getRun(client, run.id);
    if (now.isConfirmable) throw err;
    options.log(`run ${run.id} no longer waits for confirmation (409${err.detail ? `: ${err.detail}` : ""}), so it was confirmed already: following it`);
    return now;
  }
  options.log(`run ${run.id} confirmed (apply queued)`);
  return run;
}

/**
 * A pending run with nothing ahead of it: a workspace locked by a person starts no run until it is
 * unlocked ("New runs remain in the Pending state until the workspace unlocks", workspaces/run/manage,
 * Locking Workspaces), so the stack fails now, naming who holds the lock. A lock held by a run,
 * or no lock, is waited out.
 */
async function explainLock(client: TfcClient, workspaceId: string, run: Run, options: WatchOptions): Promise<void> {
  let lock: WorkspaceLock;
  try {
    lock = await getWorkspaceLock(client, workspaceId);
  } catch (err) {
    // A server that cannot include `locked_by` answers 400 (go-tfe: ErrInvalidIncludeValue): wait as before.
    if (err instanceof TfcApiError && err.status === 400) return;
    throw err;
  }
  if (!lock.locked || lock.byType === "runs") return;
  const who = lock.by ? `${lock.byType === "teams" ? "team" : lock.byType === "users" ? "user" : lock.byType ?? "someone"} ${lock.by}` : "someone";
  const ws = options.workspaceName;
  throw new TfcPublishError(
    "EDGE_TFC_WORKSPACE_LOCKED",
    `run ${run.id} stays pending: workspace ${ws} is locked by ${who}${lock.reason ? ` (${JSON.stringify(lock.reason)})` : ""}, and a locked workspace starts no run until it is unlocked (${options.runUrl(run.id)})`,
    `once the lock is no longer needed, unlock ${ws} in Terraform Cloud (Actions > Unlock workspace, or Settings > Locking); run ${run.id} then starts: follow it there, or run this command again with --discard-pending to replace it`,
    "pending (workspace locked)",
  );
}
