import type { EdgeStack } from "../edge-stack";
import { networkModelOf } from "./model";
import { buildPathsReport, formatMissingPath, type PathsReport } from "./paths-report";
import { provePaths } from "./prove";
import { workloadsOf } from "./workloads";

/** File name of the per-stack paths report, beside `cdk.tf.json`. */
export const PATHS_REPORT_FILE = "paths.json";

/** The paths check of one stack: its report and one printable block per missing path. */
export interface StackPathsOutcome {
  readonly report: PathsReport;
  readonly failures: readonly string[];
}

/**
 * Builds the reachability model of a stack from its resolved Terraform JSON, collects the
 * workloads' declared (and resource-implied) needs from the construct tree, and proves a path
 * for each. Call after every aspect has run (after `app.synth()`).
 *
 * `json` is the stack's synthesized Terraform JSON when the caller has it (the synth runner
 * passes the `cdk.tf.json` it just wrote, so the stack is not resolved again).
 * @default - the stack resolved afresh (`stack.toTerraform()`)
 */
export function checkStackPaths(
  stack: EdgeStack,
  json: Readonly<Record<string, unknown>> = stack.toTerraform() as Record<string, unknown>,
): StackPathsOutcome {
  const model = networkModelOf(json);
  const workloads = workloadsOf(stack, json);
  const network = stack.environment.network;
  const proof = provePaths(model, workloads, {
    hubVpcCidr: network.vpcCidr,
    siteBlocks: network.sites,
  });
  const name = stack.node.id;
  return {
    report: buildPathsReport(name, model, workloads, proof),
    failures: proof.missing.map((m) => formatMissingPath(name, m)),
  };
}
