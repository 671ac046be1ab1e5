import { formatSummary } from "../../src/lib/summary";

describe("formatSummary", () => {
  it("lists each failure's message and fix under the table, so the job summary says what to do", () => {
    const error =
      "EDGE_TFC_RUN_FAILED: run run-1 in workspace edge-region-hub-staging ended errored: https://app.terraform.io/app/acme/workspaces/edge-region-hub-staging/runs/run-1; fix: read the plan or apply log at that address, fix the stack or the workspace (variables, credentials), then publish again";
    const text = formatSummary([
      {
        env: "staging",
        run: "apply",
        organization: "acme",
        results: [
          { stack: "region-hub-staging", workspace: "edge-region-hub-staging", runId: "run-1", status: "errored", ok: false, code: "EDGE_TFC_RUN_FAILED", error },
          { stack: "global-dns-staging", workspace: "edge-global-dns-staging", status: "applied", ok: true, plan: { add: 1, change: 0, destroy: 0 } },
        ],
      },
    ]);
    expect(text).toContain(`2 stacks: +1 ~0 -0, 1 failed\n\n- \`region-hub-staging\`: ${error}\n`);
    expect(text).not.toContain("- `global-dns-staging`");
  });
});
