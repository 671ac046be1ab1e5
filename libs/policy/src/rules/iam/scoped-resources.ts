import { isNotRestrictable } from "../../lib/private/iam-actions";
import { allows, judgeStatements, unscoped } from "../../lib/private/iam-findings";
import { IAM_DOCUMENT_TYPES } from "../../lib/private/iam-policy";
import { UNKNOWN } from "../../lib/private/values";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-IAM-2: actions that can be scoped to resources are scoped. */
export const scopedResources = defineResourceRule({
  id: "EDGE-IAM-2",
  level: "error",
  checkov: ["CKV_AWS_355"],
  appliesTo: IAM_DOCUMENT_TYPES,
  info: 'restrictable actions are not allowed on Resource "*" without a condition',
  explanation:
    'Most actions accept resource ARNs; granting them on "*" lets the role touch every resource of that kind in the account, including other sites\'. Actions that only work on "*" (Describe*, List* except the few that take an ARN, sts:GetCallerIdentity, cloudwatch:PutMetricData, X-Ray writes, ec2:CreateNetworkInterface for VPC Lambdas, and similar) are allowed; a Condition counts as scoping. Statements of resource policies (with principals) are out of scope',
  fix: "name the resource ARNs (or add a condition such as aws:ResourceTag) for the actions listed",
  check(block) {
    return judgeStatements(block, ["permissions", "document"], (s) => {
      if (!allows(s) || s.principals.length > 0) return undefined;
      const wide = unscoped(s);
      if (wide === false) return undefined;
      const restrictable = s.actions.filter((a) => a === UNKNOWN || !isNotRestrictable(a));
      if (restrictable.length === 0) return undefined;
      if (wide === UNKNOWN || restrictable.every((a) => a === UNKNOWN)) return UNKNOWN;
      return `allows ${restrictable.filter((a) => a !== UNKNOWN).join(", ")} on ${s.notResource ? "NotResource" : 'Resource "*"'}`;
    });
  },
});
