import { rulesOf, SECURITY_GROUP_TYPES } from "../../lib/private/security-group-rules";
import { stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-SG-1: security groups and their rules say what they are for. */
export const securityGroupDescriptions = defineResourceRule({
  id: "EDGE-SG-1",
  level: "error",
  checkov: ["CKV_AWS_23"],
  appliesTo: SECURITY_GROUP_TYPES,
  info: "security groups and every rule have a description",
  explanation:
    'A rule nobody can explain is a rule nobody dares to remove; descriptions are what a reviewer and an incident responder read in the console. Terraform\'s default group description, "Managed by Terraform", does not count. A description that is an expression counts as present',
  fix: "set description on the security group and on every ingress and egress rule",
  check(block) {
    const missing: string[] = [];
    if (block.type === "aws_security_group") {
      const d = stringOf(block.config.description);
      if (d === undefined || d === "Managed by Terraform") missing.push("the group");
    }
    const rules = rulesOf(block);
    if (rules === UNKNOWN) return notApplicable("rules are generated dynamically");
    for (const r of rules) if (r.description === undefined) missing.push(r.label);
    return missing.length > 0
      ? nonCompliant(`no description on ${missing.join(", ")}`)
      : compliant();
  },
});
