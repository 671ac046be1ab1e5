/**
 * Finding or creating a stack's workspace, and connecting it to the workspaces of the sites it
 * reads: remote-state sharing (the producer lists its consumers; `global-remote-state` stays
 * off) and a run trigger, so that an applied producer run queues its consumers' plans, in the
 * same order `deploy` enforces.
 */
import {
  addRemoteStateConsumers,
  createWorkspace,
  findProjectId,
  getWorkspace,
  listRunTriggerSources,
  type Workspace,
} from "./api";
import { TfcApiError } from "./api-error";
import { normalizeWorkingDirectory } from "./archive";
import type { TfcClient } from "./http-client";
import { createRunTriggerOnce } from "./recover";
import { TfcPublishError } from "./publish-error";
import type { SynthesizedStack } from "./stacks";

/** What workspace setup needs to know. */
export interface WorkspaceSettings {
  readonly organization: string;
  readonly workspacePrefix: string;
  readonly create?: boolean;
  readonly project?: string;
  readonly terraformVersion?: string;
  /** The working directory the archive should use; checked against existing workspaces. @default - the workspace's own */
  readonly workingDirectory?: string;
  readonly allStacks?: readonly SynthesizedStack[];
}

/** The workspace of `stack`. */
export function workspaceFor(stack: Pick<SynthesizedStack, "site" | "env">, prefix: string): string {
  return `${prefix}-${stack.site}-${stack.env}`;
}

/**
 * The description of the workspaces the publisher creates: it names the site and environment, so
 * that `tfc destroy --all-workspaces` can tell them from workspaces it did not create.
 */
export function workspaceDescription(site: string, env: string): string {
  return `edge-blueprints site ${site}, environment ${env}`;
}

/**
 * The stack's workspace; created (and linked to its producers and readers) when missing and
 * `create` is set. An existing workspace whose working directory differs from the one asked for
 * is refused: the run would look for the configuration elsewhere.
 */
export async function ensureWorkspace(
  client: TfcClient,
  stack: SynthesizedStack,
  settings: WorkspaceSettings,
  log: (line: string) => void,
): Promise<{ workspace: Workspace; created: boolean }> {
  const name = workspaceFor(stack, settings.workspacePrefix);
  const existing = await getWorkspace(client, settings.organization, name);
  if (existing) {
    log(`workspace ${name}: ${existing.id}`);
    const wanted = settings.workingDirectory === undefined ? undefined : normalizeWorkingDirectory(settings.workingDirectory);
    const actual = normalizeWorkingDirectory(existing.workingDirectory);
    if (wanted !== undefined && wanted !== actual) {
      throw new TfcPublishError(
        "EDGE_TFC_WORKING_DIRECTORY",
        `workspace ${name} runs in working directory "${existing.workingDirectory}", not "${settings.workingDirectory}"`,
        `set the workspace's working directory to "${settings.workingDirectory}" (Settings > General), or publish with --working-directory="${existing.workingDirectory}"`,
      );
    }
    if (settings.create) await linkProducers(client, stack, existing, settings, log);
    return { workspace: existing, created: false };
  }
  if (!settings.create) {
    throw new TfcPublishError(
      "EDGE_TFC_WORKSPACE_MISSING",
      `workspace ${name} in organization ${settings.organization}: 404 missing or forbidden (it does not exist, or the token cannot see it)`,
      "create it with --create, or give the token's team access to it (and check the organization)",
    );
  }
  const created = await createWorkspaceFor(client, stack, name, settings);
  log(`workspace ${name} created: ${created.id}`);
  await linkReaders(client, stack, created, settings, log);
  await linkProducers(client, stack, created, settings, log);
  return { workspace: created, created: true };
}

async function createWorkspaceFor(client: TfcClient, stack: SynthesizedStack, name: string, settings: WorkspaceSettings): Promise<Workspace> {
  let projectId: string | undefined;
  if (settings.project) {
    projectId = await findProjectId(client, settings.organization, settings.project);
    if (!projectId) {
      throw new TfcPublishError(
        "EDGE_TFC_PROJECT",
        `project ${settings.project} not found in organization ${settings.organization}, so workspace ${name} cannot be created in it`,
        "create the project in Terraform Cloud, or correct --project ($TF_CLOUD_PROJECT, or the tfc backend's project)",
      );
    }
  }
  try {
    return await createWorkspace(client, settings.organization, {
      name,
      terraformVersion: settings.terraformVersion,
      projectId,
      workingDirectory: normalizeWorkingDirectory(settings.workingDirectory ?? "") ?? "",
      description: workspaceDescription(stack.site, stack.env),
    });
  } catch (err) {
    // Created meanwhile by another publisher: use it.
    if (err instanceof TfcApiError && err.status === 422) {
      const existing = await getWorkspace(client, settings.organization, name);
      if (existing) return existing;
    }
    throw err;
  }
}

/** A new producer workspace: lets the readers that exist already read its state, and triggers them. */
async function linkReaders(client: TfcClient, stack: SynthesizedStack, ws: Workspace, settings: WorkspaceSettings, log: (line: string) => void): Promise<void> {
  const readers = [...new Set((settings.allStacks ?? []).filter((s) => s.env === stack.env && s.reads.includes(stack.site)).map((s) => s.site))].sort();
  const found: Workspace[] = [];
  for (const site of readers) {
    const other = await getWorkspace(client, settings.organization, workspaceFor({ site, env: stack.env }, settings.workspacePrefix));
    if (other) found.push(other);
  }
  if (found.length === 0) return;
  await addRemoteStateConsumers(client, ws.id, found.map((w) => w.id));
  log(`state shared with ${found.length} reader workspace${found.length === 1 ? "" : "s"}`);
  for (const reader of found) {
    await createRunTriggerOnce(client, reader.id, ws, log);
    log(`run trigger: an applied run of ${ws.name} queues a run of ${reader.name}`);
  }
}

/** A consumer workspace: joins each producer's remote-state consumers and gets a run trigger from it, once. */
async function linkProducers(client: TfcClient, stack: SynthesizedStack, ws: Workspace, settings: WorkspaceSettings, log: (line: string) => void): Promise<void> {
  if (stack.reads.length === 0) return;
  const sources = new Set(await listRunTriggerSources(client, ws.id));
  for (const site of stack.reads) {
    const name = workspaceFor({ site, env: stack.env }, settings.workspacePrefix);
    const producer = await getWorkspace(client, settings.organization, name);
    if (!producer) {
      log(`reads ${name}, which does not exist yet: publish ${site} first (it links this workspace when it is created)`);
      continue;
    }
    if (sources.has(producer.id)) continue; // linked before
    await addRemoteStateConsumers(client, producer.id, [ws.id]);
    await createRunTriggerOnce(client, ws.id, producer, log);
    log(`reads the state of ${name}; an applied run there queues a run here`);
  }
}
