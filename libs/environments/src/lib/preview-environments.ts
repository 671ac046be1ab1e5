import type { AdHocRule } from "@edge/core";

/**
 * Pull request previews: `pr-<n>` (n the pull request's number) is dev's account, Region, profile
 * and site config, with a state, names, tags and address slot of its own, like every ad-hoc
 * environment. Unlike the others, which keep dev's local state and are deployed with
 * `cdktf deploy`, it is delivered by Terraform Cloud (the preview workflow,
 * .github/workflows/preview.yml): organization edge-blueprints, project edge-preview, workspaces
 * `edge-<site>-pr-<n>`, so that a CI job can plan, apply and later destroy it.
 */
export const PREVIEW_RULE: AdHocRule = {
  pattern: "^pr-[1-9][0-9]*$",
  kind: "a preview environment of a pull request",
  from: "dev",
  backend: { type: "tfc", organization: "edge-blueprints", workspacePrefix: "edge", project: "edge-preview" },
};
