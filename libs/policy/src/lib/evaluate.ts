import { RULES } from "./rule-catalog";
import type { Rule, RuleContext, RuleOutcome } from "./rule";
import { stackView } from "./terraform-view";

/** One rule's verdict on one resource. */
export interface RuleEvaluation {
  readonly rule: Rule;
  /** Terraform address the verdict is about. */
  readonly address: string;
  /** Construct path of that resource, when the JSON carries `//` metadata. */
  readonly path?: string;
  readonly outcome: RuleOutcome;
}

/**
 * Runs `rules` over a synthesized stack (its `cdk.tf.json`, or `Testing.synthScope` output): a
 * pure function of the JSON and the context. Results are ordered by address, then rule id.
 */
export function evaluateTerraform(
  json: Readonly<Record<string, unknown>>,
  context: RuleContext = {},
  rules: readonly Rule[] = RULES,
): RuleEvaluation[] {
  const view = stackView(json);
  const pathOf = new Map(view.blocks.map((b) => [b.address, b.path]));
  const out: RuleEvaluation[] = [];
  const push = (rule: Rule, address: string, outcome: RuleOutcome) => {
    const path = pathOf.get(address);
    out.push({ rule, address, ...(path ? { path } : {}), outcome });
  };
  for (const rule of rules) {
    try {
      if (rule.kind === "resource") {
        for (const block of view.blocks) {
          const key = block.mode === "data" ? `data.${block.type}` : block.type;
          if (rule.appliesTo.includes(key)) push(rule, block.address, rule.check(block, context));
        }
      } else {
        for (const { address, outcome } of rule.check(view, context)) push(rule, address, outcome);
      }
    } catch (err) {
      throw new Error(
        `policy rule ${rule.id} failed: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
  }
  return out.sort(
    (a, b) => compareText(a.address, b.address) || compareRuleIds(a.rule.id, b.rule.id),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders `EDGE-EC2-2` before `EDGE-EC2-10`. */
export function compareRuleIds(a: string, b: string): number {
  const split = (id: string) => {
    const m = /^(.*)-(\d+)$/.exec(id);
    return m ? ([m[1], Number(m[2])] as const) : ([id, 0] as const);
  };
  const [pa, na] = split(a);
  const [pb, nb] = split(b);
  return compareText(pa, pb) || na - nb;
}
