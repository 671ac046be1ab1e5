/**
 * `tfc wait`: follows runs by id until they are applied or finished, confirming none of them,
 * and fails on errored, discarded or canceled runs. For a CI job that waits for runs another
 * job queued (a run trigger's run, a run confirmed in the UI).
 */
import { getRun, type Run } from "./api";
import { explainApiFailure } from "./api-failure";
import { TfcClient, type RetryOptions } from "./http-client";
import { TfcPublishError } from "./publish-error";
import { runFailure, runUrl, type StackResult } from "./publisher";
import { FAILED_RUN_STATES, FINAL_RUN_STATES } from "./run-watch";

export interface WaitOptions {
  readonly token: string;
  readonly hostname: string;
  /** For run addresses. @default - the organization of each run's workspace */
  readonly organization?: string;
  readonly address: string;
  /** @default 3600000 */
  readonly runTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** @default 5000 */
  readonly runPollMs?: number;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryOptions;
  readonly fetch?: typeof fetch;
}

export async function waitForRuns(ids: readonly string[], options: WaitOptions): Promise<StackResult[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = options.log ?? (() => undefined);
  const client = new TfcClient({
    address: options.address,
    token: options.token,
    retry: { sleep, ...options.retry },
    requestTimeoutMs: options.requestTimeoutMs,
    log,
    fetch: options.fetch,
  });
  const pollMs = options.runPollMs ?? 5000;
  const polls = Math.ceil((options.runTimeoutMs ?? 3_600_000) / Math.max(1, pollMs));
  return Promise.all(
    ids.map(async (id): Promise<StackResult> => {
      let run: Run;
      try {
        run = await getRun(client, id);
      } catch (caught) {
        const err = explainApiFailure(caught, {
          subject: `run ${id}`,
          organization: options.organization ?? "-",
          hostname: options.hostname,
          address: options.address,
          again: "wait",
        });
        if (!(err instanceof TfcPublishError)) throw err;
        return { stack: "-", workspace: "-", runId: id, status: err.status, ok: false, code: err.code, error: err.message };
      }
      const ws = run.workspaceName ?? run.workspaceId ?? "-";
      // The workspace's organization (its `organization` relationship) unless --organization names one.
      const url = runUrl(options.hostname, options.organization ?? run.organizationName ?? "-", ws, id);
      let last = run.status;
      log(`run ${id} (${ws}) ${run.status}: ${url}`);
      try {
        for (let i = 0; !FINAL_RUN_STATES.has(run.status); i++) {
          if (run.isConfirmable || run.status === "policy_override") {
            throw new TfcPublishError("EDGE_TFC_RUN_WAITS", `run ${id} waits for ${run.isConfirmable ? "confirmation" : "a policy override"}: ${url}`, "confirm (or discard) it in Terraform Cloud", `${run.status} (needs confirmation)`);
          }
          if (i >= polls) throw new TfcPublishError("EDGE_TFC_RUN_TIMEOUT", `run ${id} still ${run.status} after the run timeout: ${url}`, `wait again with tfc wait --run ${id}`, `${run.status} (timed out waiting)`);
          await sleep(pollMs);
          run = await getRun(client, id);
          if (run.status !== last) log(`run ${id} ${run.status}`);
          last = run.status;
        }
      } catch (caught) {
        const err = explainApiFailure(caught, { subject: `run ${id} in workspace ${ws}`, workspace: ws, organization: options.organization ?? "-", hostname: options.hostname, address: options.address, again: "wait" });
        if (!(err instanceof TfcPublishError)) throw err;
        return { stack: "-", workspace: ws, runId: id, runUrl: url, status: err.status, ok: false, code: err.code, error: err.message };
      }
      const ok = !FAILED_RUN_STATES.has(run.status);
      if (ok) return { stack: "-", workspace: ws, runId: id, runUrl: url, status: run.status, plan: run.plan, ok };
      const failure = runFailure(id, run.status, ws, url);
      return { stack: "-", workspace: ws, runId: id, runUrl: url, status: run.status, plan: run.plan, ok, code: failure.code, error: failure.message };
    }),
  );
}
