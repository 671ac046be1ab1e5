import { blocksOf, referenceOf, refersTo, UNKNOWN } from "../../lib/private/values";
import {
  compliant,
  defineStackRule,
  nonCompliant,
  notApplicable,
  type AddressedOutcome,
  type RuleOutcome,
} from "../../lib/rule";
import type { StackView, TerraformBlock } from "../../lib/terraform-view";

const RULE_TYPES = [
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
];

/** EDGE-VPC-2: each VPC's default security group is taken over and left with no rules. */
export const defaultSecurityGroupClosed = defineStackRule({
  id: "EDGE-VPC-2",
  level: "error",
  checkov: ["CKV2_AWS_12"],
  info: "the default security group of every VPC has no rules",
  explanation:
    "AWS creates each VPC with a default security group that lets its members talk to each other and reach anything outside. Anything launched without an explicit group lands in it. The stack must adopt it with aws_default_security_group and leave ingress and egress empty, and no separate rule resource may add to it",
  fix: "add aws_default_security_group with vpc_id = the VPC's id and no ingress or egress (RegionVpc does this), and attach rules to dedicated groups instead",
  check(stack) {
    const defaults = stack.resourcesOf("aws_default_security_group");
    const outcomes: AddressedOutcome[] = stack.resourcesOf("aws_vpc").map((vpc) => {
      const adopted = defaults.find((d) => refersTo(d.config.vpc_id, vpc.address));
      if (!adopted) {
        return {
          address: vpc.address,
          outcome: nonCompliant(
            "the default security group is not adopted by an aws_default_security_group, so it keeps AWS's allow rules",
          ),
        };
      }
      return { address: vpc.address, outcome: judge(stack, adopted, vpc) };
    });
    // Default groups of VPCs created elsewhere are judged on their own.
    for (const d of defaults) {
      if (!stack.resourcesOf("aws_vpc").some((vpc) => refersTo(d.config.vpc_id, vpc.address))) {
        outcomes.push({ address: d.address, outcome: judge(stack, d) });
      }
    }
    return outcomes;
  },
});

function judge(stack: StackView, group: TerraformBlock, vpc?: TerraformBlock): RuleOutcome {
  const problems: string[] = [];
  for (const key of ["ingress", "egress"]) {
    const rules = blocksOf(group.config, key);
    if (rules === UNKNOWN) return notApplicable(`${group.address} ${key} is generated dynamically`);
    if (rules.length > 0) problems.push(`${group.address} has ${rules.length} ${key} rule(s)`);
  }
  for (const type of RULE_TYPES) {
    for (const rule of stack.resourcesOf(type)) {
      const target = referenceOf(rule.config.security_group_id);
      const hits =
        (target?.address === group.address && target.attribute === "id") ||
        (vpc !== undefined &&
          target?.address === vpc.address &&
          target.attribute === "default_security_group_id");
      if (hits) problems.push(`${rule.address} adds a rule to it`);
    }
  }
  return problems.length > 0 ? nonCompliant(problems.join("; ")) : compliant();
}
