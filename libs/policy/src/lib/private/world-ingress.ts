import type { RuleOutcome } from "../rule";
import { compliant, nonCompliant, notApplicable } from "../rule";
import type { TerraformBlock } from "../terraform-view";
import { opensToWorld, portsOf, rulesOf, type SgRule } from "./security-group-rules";
import { UNKNOWN, type Unknown } from "./values";

/**
 * Shared body of the "open to the world" rules: flags every rule of `direction` that opens to
 * 0.0.0.0/0 or ::/0 and that `matches`; not-applicable when only unknown values stand in the way.
 */
export function judgeWorldRules(
  block: TerraformBlock,
  direction: "ingress" | "egress",
  matches: (rule: SgRule) => boolean | Unknown,
  what: string,
): RuleOutcome {
  const rules = rulesOf(block);
  if (rules === UNKNOWN) return notApplicable("rules are generated dynamically");
  const bad: string[] = [];
  let unknown = false;
  for (const rule of rules) {
    if (rule.direction !== direction && rule.direction !== UNKNOWN) continue;
    const world = opensToWorld(rule);
    const hit = matches(rule);
    if (world === false || hit === false) continue;
    if (world === UNKNOWN || hit === UNKNOWN || rule.direction === UNKNOWN) {
      unknown = true;
      continue;
    }
    bad.push(`${rule.label} (${portsOf(rule)})`);
  }
  if (bad.length > 0)
    return nonCompliant(
      `${bad.join(", ")} ${bad.length === 1 ? "opens" : "open"} ${what} to the internet`,
    );
  return unknown
    ? notApplicable("a rule's direction, ports or CIDRs are only known at apply time")
    : compliant();
}
