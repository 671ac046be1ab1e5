/**
 * Creating runs and configuration versions after an answer that leaves open whether the server
 * acted (a 5xx, a reset, a timeout): `POST /runs` is not idempotent, so the publisher looks up the
 * run the lost request made and follows it, and sends the request again only when nothing was
 * created; a configuration version is simply created again (see below).
 */
import {
  createConfigurationVersion,
  createRun,
  createRunTrigger,
  listRecentRuns,
  listRunTriggerSources,
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
 * `POST /workspaces/:id/configuration-versions`, sent again after an ambiguous failure. A version
 * the lost request may have created cannot be used: "The `upload-url` attribute is only provided
 * in the response when creating configuration versions" (configuration-versions API), so nothing
 * is looked up. Such a version stays pending, which is harmless: `auto-queue-runs` is false, and
 * "Pending configuration versions cannot be used to create new runs".
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
    log(
      `POST configuration-versions: ${message(err)}; its upload URL is shown only once, so another is created (a version left pending queues no run: auto-queue-runs is false)`,
    );
    return createConfigurationVersion(client, workspaceId, opts);
  }
}

/**
 * `POST /workspaces/:consumer/run-triggers`, and after an ambiguous failure the trigger the lost
 * request may have made, looked up in the consumer's inbound triggers (run-triggers API,
 * list-run-triggers); the request is sent again only when it is not there, since a second trigger
 * from the same source is refused.
 */
export async function createRunTriggerOnce(
  client: TfcClient,
  consumerId: string,
  source: { readonly id: string; readonly name: string },
  log: (line: string) => void,
): Promise<void> {
  try {
    await createRunTrigger(client, consumerId, source.id);
  } catch (err) {
    if (!isAmbiguous(err)) throw err;
    if ((await listRunTriggerSources(client, consumerId)).includes(source.id)) {
      log(`run trigger from ${source.name}: it was created by the request whose answer was lost`);
      return;
    }
    await createRunTrigger(client, consumerId, source.id);
  }
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^POST \S+: /, "");
}
