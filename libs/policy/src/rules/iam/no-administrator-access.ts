import { stringsOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

const ATTACHMENT_TYPES = [
  "aws_iam_role_policy_attachment",
  "aws_iam_user_policy_attachment",
  "aws_iam_group_policy_attachment",
  "aws_iam_policy_attachment",
  "aws_iam_role",
  "aws_iam_role_policy_attachments_exclusive",
];

/** EDGE-IAM-7: the AdministratorAccess managed policy is never attached. */
export const noAdministratorAccess = defineResourceRule({
  id: "EDGE-IAM-7",
  level: "error",
  checkov: ["CKV_AWS_274"],
  appliesTo: ATTACHMENT_TYPES,
  info: "the AdministratorAccess managed policy is not attached to any role, user or group",
  explanation:
    'AdministratorAccess is Action "*" on Resource "*" by another name; EDGE-IAM-1 cannot see inside a managed policy, so attachments are checked by ARN',
  fix: "attach a policy that lists the actions the workload needs",
  check({ type, config }) {
    const arns =
      type === "aws_iam_role"
        ? stringsOf(config.managed_policy_arns)
        : type === "aws_iam_role_policy_attachments_exclusive"
          ? stringsOf(config.policy_arns)
          : stringsOf(config.policy_arn);
    if (arns === UNKNOWN)
      return notApplicable("the attached policies are only known at apply time");
    if (arns.some((a) => a !== UNKNOWN && /:policy\/AdministratorAccess$/.test(a)))
      return nonCompliant("attaches arn:aws:iam::aws:policy/AdministratorAccess");
    return arns.includes(UNKNOWN)
      ? notApplicable("an attached policy is only known at apply time")
      : compliant();
  },
});
