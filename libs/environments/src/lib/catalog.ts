import { shippedEnvironmentNames, type EnvironmentCatalog } from "@edge/core";
import { SHIPPED_ENVIRONMENTS } from "./shipped-environments";
import { PREVIEW_RULE } from "./preview-environments";

/**
 * The repository's environment catalog: the shipped environments, and ad-hoc ones (a branch, a
 * sandbox: `EDGE_ENVS=feature-42`) derived from dev with an address plan of their own in
 * 10.128.0.0/9, outside every shipped plan. Pull request previews (`pr-<n>`) derive from dev
 * too, but are delivered by Terraform Cloud (see preview-environments.ts).
 */
export const environmentCatalog: EnvironmentCatalog = {
  environments: SHIPPED_ENVIRONMENTS,
  adHoc: { from: "dev", addressPool: "10.128.0.0/9", rules: [PREVIEW_RULE] },
};

/** Every shipped environment, in promotion order: what synth, CI, snapshots and diagrams cover. */
export function defaultEnvironments(): string[] {
  return shippedEnvironmentNames(environmentCatalog);
}
