import { Annotations } from "cdktf";
import type { IConstruct } from "constructs";

/** Fields of one warning: like an `EdgeConfigError`, but synth goes on. */
export interface EdgeWarningProps {
  /** Stable, greppable code such as `EDGE_LZ_REGION_EGRESS`. */
  readonly code: string;
  /** Config path of the value the warning is about. */
  readonly path: string;
  /** What the trade-off or the unverified fact is: lowercase, no final period. */
  readonly problem: string;
  /** What to do about it, when anything. @default - none */
  readonly fix?: string;
}

/** `CODE at path: problem; fix: fix`, the one rendering of a warning. */
export function formatWarning(w: EdgeWarningProps): string {
  return `${w.code} at ${w.path}: ${w.problem}${w.fix !== undefined ? `; fix: ${w.fix}` : ""}`;
}

/**
 * Records a warning on `scope` (a cdktf warning annotation, printed after the synth table with
 * the construct path). Warnings carry a code and a config path like errors, so they can be
 * grepped, documented and asserted the same way.
 */
export function addEdgeWarning(scope: IConstruct, warning: EdgeWarningProps): void {
  Annotations.of(scope).addWarning(formatWarning(warning));
}
