/**
 * What a publish would send, request by request, built from the same body functions the real
 * publish uses, so the dry run cannot drift from it. No token, no network.
 */
import {
  configurationVersionBody,
  paths,
  remoteStateConsumersBody,
  runActionBody,
  runBody,
  runTriggerBody,
  workspaceCreateBody,
} from "./api";
import { archiveStackDir, normalizeWorkingDirectory } from "./archive";
import { formatBytes, producersFirst, type PublishOptions } from "./publisher";
import type { SynthesizedStack } from "./stacks";
import { workspaceDescription, workspaceFor } from "./workspace-setup";

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
  const ws = (site: string, env: string): string => workspaceFor({ site, env }, options.workspacePrefix);
  const dir = normalizeWorkingDirectory(options.workingDirectory ?? "") ?? "";
  const lines: string[] = [];
  const waves = producersFirst(stacks);
  if (mode === "destroy") waves.reverse();
  lines.push(`order: ${waves.map((w) => w.map((s) => s.site).join(", ")).join(" -> ")}`);
  for (const stack of waves.flat()) {
    const workspace = workspaceFor(stack, options.workspacePrefix);
    const message = options.message ?? `edge-blueprints ${mode === "destroy" ? "destroy" : "publish"} of ${stack.stack}`;
    lines.push(`${stack.stack} -> workspace ${workspace} (organization ${org}${dir ? `, working directory ${dir}` : ""})`);
    if (stack.reads.length > 0) {
      lines.push(`  reads the state of ${stack.reads.map((s) => ws(s, stack.env)).join(", ")}; run trigger${stack.reads.length === 1 ? "" : "s"} from ${stack.reads.map((s) => ws(s, stack.env)).join(", ")}`);
    }
    lines.push(`  GET  ${api}${paths.workspace(org, workspace)}`);
    if (options.create) {
      if (options.project) lines.push(`  GET  ${api}${paths.projects(org, options.project)}   (if the workspace is missing)`);
      lines.push(
        `  POST ${api}${paths.workspaces(org)}   (if the workspace is missing)`,
        `       ${json(workspaceCreateBody({ name: workspace, terraformVersion: options.terraformVersion, projectId: options.project ? "<project id>" : undefined, workingDirectory: dir, description: workspaceDescription(stack.site, stack.env) }))}`,
      );
      const readers = [...new Set((options.allStacks ?? []).filter((s) => s.env === stack.env && s.reads.includes(stack.site)).map((s) => s.site))].sort();
      for (const site of readers) {
        lines.push(
          `  POST ${api}${paths.remoteStateConsumers("<workspace id>")}   (if created and ${ws(site, stack.env)} exists: it may read this state)`,
          `  POST ${api}${paths.runTriggers(`<id of ${ws(site, stack.env)}>`)}   (likewise) ${json(runTriggerBody("<workspace id>"))}`,
        );
      }
      if (stack.reads.length > 0) lines.push(`  GET  ${api}${paths.inboundRunTriggers("<workspace id>")}   (links made before are not made again)`);
      for (const site of stack.reads) {
        lines.push(
          `  POST ${api}${paths.remoteStateConsumers(`<id of ${ws(site, stack.env)}>`)}   ${json(remoteStateConsumersBody(["<workspace id>"]))}`,
          `  POST ${api}${paths.runTriggers("<workspace id>")}   ${json(runTriggerBody(`<id of ${ws(site, stack.env)}>`))}`,
        );
      }
    }
    if (mode !== "destroy") {
      const archive = archiveStackDir(stack.dir, { workingDirectory: dir });
      lines.push(
        `  POST ${api}${paths.configurationVersions("<workspace id>")}`,
        `       ${json(configurationVersionBody({ speculative: mode === "plan-only" }))}`,
        `  PUT  <upload-url from that response>   Content-Type: application/octet-stream, no Authorization, ${formatBytes(archive.data.length)} .tar.gz:`,
        ...archive.files.map((f) => `         ${f.path} (${formatBytes(f.bytes)})`),
        `  GET  ${api}${paths.configurationVersion("<configuration version id>")}   until status is uploaded`,
      );
    }
    if (mode !== "none") {
      lines.push(
        `  POST ${api}${paths.runs()}${mode === "destroy" ? "   (not when the workspace never received a configuration: with no resources there is nothing to destroy)" : ""}`,
        `       ${json(runBody({ workspaceId: "<workspace id>", configurationVersionId: mode === "destroy" ? undefined : "<configuration version id>", planOnly: mode === "plan-only", autoApply: options.autoApply === true, isDestroy: mode === "destroy", message }))}`,
        `  GET  ${api}${paths.runWithPlan("<run id>")}   every ${((options.runPollMs ?? 5000) / 1000).toFixed(0)} s until ${mode === "plan-only" ? "the plan finishes" : mode === "normal" ? "the run needs confirmation" : "the run is applied"}`,
      );
      if (mode !== "plan-only") {
        lines.push(
          `  GET  ${api}${paths.workspaceRuns("<workspace id>")}   (only while the run is pending: the run ahead of it)`,
          `  GET  ${api}${paths.workspaceWithLock("<workspace id>")}   (only while the run is pending with nothing ahead: who locked the workspace)`,
        );
      }
      if ((mode === "apply" || mode === "destroy") && !options.autoApply) {
        lines.push(`  POST ${api}${paths.runAction("<run id>", "apply")}   ${json(runActionBody(message))}   (once the plan needs confirmation)`);
      }
      if (mode === "destroy" && options.deleteWorkspaces) lines.push(`  POST ${api}${paths.safeDeleteWorkspace("<workspace id>")}   (once applied)`);
    }
  }
  return lines.map((line) => line.replace(/%3C[^ ]*?%3E|%5B|%5D|%2C/g, (m) => decodeURIComponent(m)));
}
