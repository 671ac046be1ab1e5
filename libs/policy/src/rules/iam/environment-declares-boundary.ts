import { stringOf } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant } from "../../lib/rule";

/** EDGE-IAM-5: roles created in an environment with no permissions boundary are flagged. */
export const environmentDeclaresBoundary = defineResourceRule({
  id: "EDGE-IAM-5",
  level: "warning",
  checkov: [],
  appliesTo: ["aws_iam_role"],
  info: "roles are created in environments that declare a permissions boundary",
  explanation:
    "Without a boundary nothing caps a role but its own policies. Development environments often have no boundary policy to point to, so this is a warning; staging and production declare one and EDGE-IAM-4 enforces it",
  fix: "set permissionsBoundaryArn on the environment",
  check({ config }, context) {
    if (context.permissionsBoundaryArn || stringOf(config.permissions_boundary) !== undefined)
      return compliant();
    return nonCompliant(
      "the environment declares no permissions boundary, so this role is capped only by its own policies",
    );
  },
});
