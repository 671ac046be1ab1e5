import type { RuleOutcome } from "../rule";
import { compliant, nonCompliant, notApplicable } from "../rule";
import type { TerraformBlock } from "../terraform-view";
import { documentsOf, type IamDocument, type IamStatement } from "./iam-policy";
import { UNKNOWN } from "./values";

/**
 * Runs `judge` over every statement of the documents of `kinds` in `block` and folds the answers:
 * any problem makes the block non-compliant; unknown documents or statements make it
 * not-applicable only when nothing else was found.
 */
export function judgeStatements(
  block: TerraformBlock,
  kinds: readonly IamDocument["kind"][],
  judge: (s: IamStatement) => string | undefined | typeof UNKNOWN,
): RuleOutcome {
  const problems: string[] = [];
  let unknown = false;
  let seen = false;
  for (const doc of documentsOf(block).filter((d) => kinds.includes(d.kind))) {
    seen = true;
    if (doc.statements === UNKNOWN) {
      unknown = true;
      continue;
    }
    for (const s of doc.statements) {
      const verdict = judge(s);
      if (verdict === UNKNOWN) unknown = true;
      else if (verdict)
        problems.push(
          `${doc.attribute === "statement" ? "" : `${doc.attribute} `}${s.label} ${verdict}`,
        );
    }
  }
  if (problems.length > 0) return nonCompliant(problems.join("; "));
  if (!seen) return notApplicable("no policy document of this kind");
  return unknown
    ? notApplicable("the policy is only known at apply time (a reference or jsonencode)")
    : compliant();
}

/** True for an Allow statement (unknown effects count as Allow: the rule must not miss a grant). */
export function allows(s: IamStatement): boolean {
  return s.effect !== "Deny";
}

/** True when the statement applies to every resource and has no condition to narrow it. */
export function unscoped(s: IamStatement): boolean | typeof UNKNOWN {
  if (s.hasCondition) return false;
  if (s.notResource) return true;
  if (s.resources.includes("*")) return true;
  return s.resources.includes(UNKNOWN) ? UNKNOWN : false;
}
