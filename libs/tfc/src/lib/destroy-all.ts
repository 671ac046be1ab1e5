/**
 * `tfc destroy --env <env> --all-workspaces`: destroys every workspace the publisher created for
 * the environment, as Terraform Cloud lists them, readers first, with no synthesized stacks
 * needed: what a closed pull request's preview uses.
 */
import { explainApiFailure } from "./api-failure";
import { findToken, requireToken } from "./credentials";
import { paths } from "./api";
import { findEnvironmentWorkspaces } from "./environment-workspaces";
import { TfcClient } from "./http-client";
import { TfcPublishError } from "./publish-error";
import { formatResults, publishStacks, type PublishOptions } from "./publisher";
import { writeRecord } from "./summary";

/** Where the command writes, and what it may inject (as the CLI's own io). */
export interface DestroyAllIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The publish settings of the command line, without token and stacks. */
export type DestroyAllSettings = Omit<PublishOptions, "token" | "allStacks" | "run" | "create"> & {
  readonly hostname: string;
  readonly address: string;
};

/** Runs the command; returns the exit code. Failed destroys fail it; no workspace at all does not. */
export async function destroyAllWorkspaces(
  env: string,
  settings: DestroyAllSettings,
  io: DestroyAllIo,
  options: { readonly dryRun: boolean; readonly jsonFile?: string },
): Promise<number> {
  const { organization, workspacePrefix, hostname, project } = settings;
  const wildcardName = `*-${env}`;
  const where = `${hostname}/${organization}${project ? `, project ${project}` : ""}`;
  if (options.dryRun) {
    const token = findToken({ hostname, env: io.env });
    const api = `${settings.address.replace(/\/+$/, "")}/api/v2`;
    const lines = [
      `dry run of tfc destroy --all-workspaces: nothing is sent (the workspaces of ${env} in ${where}, auto-apply: ${settings.autoApply === true})`,
      `token: ${token ? `found in ${token.source}` : "none found (a real destroy stops here)"}`,
      ...(project ? [`  GET  ${api}${paths.projects(organization, project)}`] : []),
      `  GET  ${api}${paths.workspaceList(organization, { wildcardName, projectId: project ? "<project id>" : undefined }, 1)}   (and each next page)`,
      `       keeps ${workspacePrefix}-<site>-${env} whose description is "edge-blueprints site <site>, environment ${env}" (the workspaces the publisher created)`,
      `  GET  ${api}${paths.inboundRunTriggers("<workspace id>")}   (each kept workspace: the sites it reads, which are destroyed after it)`,
      `then, per workspace, readers first: a destroy run on its current configuration, confirmed and applied${settings.deleteWorkspaces ? ", then a safe delete" : ""}`,
      "",
    ];
    io.stdout(lines.map((line) => line.replace(/%3C[^ ]*?%3E|%5B|%5D|%2A/g, (m) => decodeURIComponent(m))).join("\n"));
    return 0;
  }
  const { token, source } = requireToken({ hostname, env: io.env });
  const log = (line: string): void => io.stderr(`${line.split(token).join("[redacted]")}\n`);
  const client = new TfcClient({
    address: settings.address,
    token,
    retry: { ...(settings.sleep ? { sleep: settings.sleep } : {}), ...settings.retry },
    requestTimeoutMs: settings.requestTimeoutMs,
    log,
    fetch: settings.fetch,
  });
  let found: Awaited<ReturnType<typeof findEnvironmentWorkspaces>>;
  try {
    found = await findEnvironmentWorkspaces(client, { organization, workspacePrefix, env, project });
  } catch (caught) {
    const err = explainApiFailure(caught, { subject: `the workspaces of ${env} in organization ${organization}`, organization, hostname, address: settings.address, again: "destroy" });
    if (!(err instanceof TfcPublishError)) throw err;
    io.stderr(`tfc: error ${err.message.split(token).join("[redacted]")}\n`);
    return 1;
  }
  for (const note of found.notes) io.stderr(`note: ${note}\n`);
  const n = found.stacks.length;
  io.stderr(`tfc destroy: ${n} workspace${n === 1 ? "" : "s"} of ${env} in ${where} (token from ${source})\n`);
  const results =
    n === 0 ? [] : await publishStacks(found.stacks, { ...settings, token, run: "destroy", create: false, allStacks: found.stacks, log });
  io.stdout(n === 0 ? `no workspace of ${env} in ${where}: nothing to destroy\n` : `${formatResults(results)}\n`);
  if (options.jsonFile) writeRecord(options.jsonFile, { env, run: "destroy", organization, results });
  return results.every((r) => r.ok) ? 0 : 1;
}
