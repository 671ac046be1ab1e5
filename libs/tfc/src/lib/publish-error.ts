/**
 * A publish step that cannot go on for a reason the user can act on (a workspace set up
 * differently, a run stuck behind another): a stable code, the problem and the fix. It fails one
 * stack, not the whole publish, and its text ends up in the final table.
 */
export class TfcPublishError extends Error {
  constructor(
    /** Stable code, e.g. `EDGE_TFC_WORKING_DIRECTORY`. */
    readonly code: string,
    readonly problem: string,
    readonly fix: string,
    /** Status shown in the table. @default "failed" */
    readonly status: string = "failed",
  ) {
    super(`${code}: ${problem}; fix: ${fix}`);
    this.name = "TfcPublishError";
  }
}
