import { stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-IAM-4: every role carries a permissions boundary when the environment declares one. */
export const rolePermissionsBoundary = defineResourceRule({
  id: "EDGE-IAM-4",
  level: "error",
  checkov: [],
  appliesTo: ["aws_iam_role"],
  info: "every IAM role has a permissions boundary when the environment declares one",
  explanation:
    "The boundary caps what any role created by these stacks can do, whatever its policies say, so a mistake in a policy cannot exceed what the account owner allowed. EdgeStack's PermissionsBoundaryAspect sets the environment's boundary on every role; this rule catches roles that escape it (an override, a role created after synthesis hooks). A role that names another boundary keeps it. When the environment declares no boundary the rule does not apply and EDGE-IAM-5 warns instead. checkov has no equivalent check",
  fix: "set permissionsBoundaryArn on the environment (EdgeStack applies it), or set permissions_boundary on the role",
  check({ config }, context) {
    if (!context.permissionsBoundaryArn)
      return notApplicable("the environment declares no permissions boundary (see EDGE-IAM-5)");
    const boundary = stringOf(config.permissions_boundary);
    if (boundary === UNKNOWN) return compliant(); // a reference to a boundary policy is a boundary
    return boundary === undefined
      ? nonCompliant(
          `no permissions_boundary, although the environment declares ${context.permissionsBoundaryArn}`,
        )
      : compliant();
  },
});
