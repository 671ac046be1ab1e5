import { allows, judgeStatements } from "../../lib/private/iam-findings";
import { isAnyone, RESOURCE_POLICY_TYPES } from "../../lib/private/iam-policy";
import { UNKNOWN } from "../../lib/private/values";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-IAM-6: nobody outside is let in without a condition. */
export const trustPolicyNotPublic = defineResourceRule({
  id: "EDGE-IAM-6",
  level: "error",
  checkov: ["CKV_AWS_60"],
  appliesTo: ["aws_iam_role", "data.aws_iam_policy_document", ...RESOURCE_POLICY_TYPES],
  info: 'trust and resource policies do not allow principal "*" without a condition',
  explanation:
    'A role whose trust policy allows "*" can be assumed from any AWS account; a resource policy with "*" is public. Name the service or account principals (and add aws:SourceAccount / aws:SourceArn for services, as RegionVpc\'s flow-log role does)',
  fix: 'name the principals that may assume the role, or add a condition that narrows "*"',
  check(block) {
    return judgeStatements(block, ["trust", "document"], (s) => {
      if (!allows(s) || s.hasCondition) return undefined;
      if (s.principals.some(isAnyone)) return 'allows principal "*" without a condition';
      return s.principals.includes(UNKNOWN) ? UNKNOWN : undefined;
    });
  },
});
