/**
 * An environment's workspaces as Terraform Cloud lists them, for `tfc destroy --all-workspaces`:
 * what a closed pull request's preview leaves behind, whatever its last commit synthesizes (a
 * site removed since the last apply, a commit that no longer synthesizes).
 */
import { findProjectId, listRunTriggerSources, listWorkspaces, type Workspace } from "./api";
import type { TfcClient } from "./http-client";
import type { SynthesizedStack } from "./stacks";
import { workspaceDescription } from "./workspace-setup";

/** Where to look. */
export interface EnvironmentWorkspaceQuery {
  readonly organization: string;
  readonly workspacePrefix: string;
  readonly env: string;
  /** Only workspaces of this project (by name, any case). @default - every project */
  readonly project?: string;
}

/** What was found: one stack per workspace, and the workspaces left alone, with why. */
export interface EnvironmentWorkspaces {
  /** A stack per workspace (no directory: nothing is uploaded), `reads` from its inbound run triggers. */
  readonly stacks: SynthesizedStack[];
  /** Lines saying which matching names were left alone, and why. */
  readonly notes: string[];
}

/**
 * The workspaces `<prefix>-<site>-<env>` of `env` that the publisher created (their description
 * names the site and `env`: a workspace made by hand, or one of an environment whose name ends in
 * `-<env>`, is left alone), with the sites each reads taken from its inbound run triggers, which
 * `--create` made from the producers it reads, so that readers are destroyed first.
 */
export async function findEnvironmentWorkspaces(client: TfcClient, query: EnvironmentWorkspaceQuery): Promise<EnvironmentWorkspaces> {
  const { organization, workspacePrefix, env, project } = query;
  const notes: string[] = [];
  let projectId: string | undefined;
  if (project) {
    projectId = await findProjectId(client, organization, project);
    if (!projectId) return { stacks: [], notes: [`project ${project} not found in organization ${organization}: it holds no workspace of ${env}`] };
  }
  const head = `${workspacePrefix}-`;
  const tail = `-${env}`;
  // A suffix wildcard (`*-pr-7`), the documented form; the prefix is matched here.
  const listed = await listWorkspaces(client, organization, { wildcardName: `*${tail}`, projectId });
  const mine: { ws: Workspace; site: string }[] = [];
  for (const ws of listed.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!ws.name.startsWith(head) || !ws.name.endsWith(tail) || ws.name.length <= head.length + tail.length) continue;
    const site = ws.name.slice(head.length, ws.name.length - tail.length);
    if (ws.description !== workspaceDescription(site, env)) {
      notes.push(`left alone: workspace ${ws.name}, whose description ${JSON.stringify(ws.description)} is not "${workspaceDescription(site, env)}" (the publisher did not create it for ${env})`);
      continue;
    }
    mine.push({ ws, site });
  }
  const siteOf = new Map(mine.map(({ ws, site }) => [ws.id, site]));
  const stacks: SynthesizedStack[] = [];
  for (const { ws, site } of mine) {
    const sources = await listRunTriggerSources(client, ws.id);
    const reads = [...new Set(sources.map((id) => siteOf.get(id)).filter((s): s is string => s !== undefined && s !== site))].sort();
    stacks.push({ stack: `${site}-${env}`, site, env, dir: "", reads });
  }
  return { stacks, notes };
}
