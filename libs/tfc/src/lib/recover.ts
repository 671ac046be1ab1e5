/**
 * Creating runs and configuration versions without creating two: `POST /runs` and
 * `POST /workspaces/:id/configuration-versions` are not idempotent, so after an answer that
 * leaves open whether the server acted (a 5xx, a reset, a timeout) the publisher looks up what
 * exists and continues with it, and sends the request again only when nothing was created.
 */
import {
  createConfigurationVersion,
  createRun,
  listConfigurationVersions,
  listRecentRuns,
  type ConfigurationVersion,
  type Run,
  type RunRequest,
} from "./api";
import { isAmbiguous, type TfcClient } from "./http-client";

/**
 * `POST /runs`, and after an ambiguous failure the run the server created for the same
 * configuration version (looked up in the workspace's runs, every operation included, since the
 * list leaves plan-only runs out unless asked: runs API, list-runs-in-a-workspace).
 */
export async function createRunOnce(client: TfcClient, request: RunRequest, log: (line: string) => void): Promise<Run> {
  try {
    return await createRun(client, request);
  } catch (err) {
    if (!isAmbiguous(err)) throw err;
    log(`POST /runs: ${message(err)}; the run may exist: looking it up before sending it again`);
    const created = (await listRecentRuns(client, request.workspaceId)).find((r) =>
      request.configurationVersionId
        ? r.configurationVersionId === request.configurationVersionId
        : r.isDestroy === (request.isDestroy === true) && r.message === request.message,
    );
    if (created) {
      log(`run ${created.id} was created by the failed request (${created.status}): following it`);
      return created;
    }
    log("no run was created: sending POST /runs again");
    return createRun(client, request);
  }
}

/**
 * `POST /workspaces/:id/configuration-versions`, and after an ambiguous failure the pending
 * version the server created, when its upload URL is known. A pending version that cannot be
 * used is harmless (it queues nothing: `auto-queue-runs` is false), so a new one is created then.
 */
export async function createConfigurationVersionOnce(
  client: TfcClient,
  workspaceId: string,
  opts: { speculative: boolean },
  log: (line: string) => void,
): Promise<ConfigurationVersion> {
  try {
    return await createConfigurationVersion(client, workspaceId, opts);
  } catch (err) {
    if (!isAmbiguous(err)) throw err;
    log(`POST configuration-versions: ${message(err)}; looking for a version it created before sending it again`);
    const pending = (await listConfigurationVersions(client, workspaceId)).find(
      (cv) => cv.status === "pending" && cv.uploadUrl && cv.speculative === opts.speculative,
    );
    if (pending) {
      log(`configuration version ${pending.id} was created by the failed request: uploading to it`);
      return pending;
    }
    log("no usable configuration version was created: sending the request again");
    return createConfigurationVersion(client, workspaceId, opts);
  }
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^POST \S+: /, "");
}
