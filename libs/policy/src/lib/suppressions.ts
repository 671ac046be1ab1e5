import { EdgeConfigError, joinPath, throwAll } from "@edge/core";
import { TerraformElement } from "cdktf";
import type { IConstruct } from "constructs";
import { RULES, ruleById } from "./rule-catalog";

/** Accepting a rule's finding on purpose. */
export interface PolicySuppression {
  /** The rule id, e.g. `EDGE-EC2-1`. */
  readonly id: string;
  /** Why the finding is accepted: at least 10 characters, written for an auditor. */
  readonly reason: string;
}

/** Options of {@link suppressRules}. */
export interface SuppressRulesOptions {
  /**
   * Also suppress on every construct below `scope` (resources created later included). Needed
   * when `scope` is a construct that groups resources rather than a resource itself.
   * @default false
   */
  readonly applyToChildren?: boolean;
}

/** A suppression in force on one resource, and where it was declared. */
export interface EffectiveSuppression extends PolicySuppression {
  /** Construct path of the construct the suppression was added to. */
  readonly declaredAt: string;
}

/** The shortest reason accepted. */
export const MIN_REASON_LENGTH = 10;

interface StoredSuppression extends PolicySuppression {
  readonly applyToChildren: boolean;
}

const STORE = Symbol.for("@edge/policy.suppressions");
type WithStore = IConstruct & { [STORE]?: StoredSuppression[] };

/**
 * Accepts findings of the rules `suppressions` name on `scope` (and, with `applyToChildren`, on
 * everything below it). Each suppression needs a known rule id and a reason of at least 10
 * characters; both are checked here, so a typo fails synth with an `EdgeConfigError` rather than
 * silently suppressing nothing. Suppressions that match a finding are written into that
 * resource's `//` metadata in `cdk.tf.json` and listed in `policy.json`.
 */
export function suppressRules(
  scope: IConstruct,
  suppressions: readonly PolicySuppression[],
  options: SuppressRulesOptions = {},
): void {
  const applyToChildren = options.applyToChildren ?? false;
  const where = (i: number, field: string) => joinPath("suppressions", [scope.node.path, i, field]);
  const errors: EdgeConfigError[] = [];
  if (!applyToChildren && !TerraformElement.isTerraformElement(scope)) {
    errors.push(
      new EdgeConfigError({
        code: "EDGE_POLICY_SUPPRESSION_SCOPE",
        path: joinPath("suppressions", [scope.node.path]),
        value: scope.node.path,
        problem:
          "the construct is not a resource, so a suppression on it alone would suppress nothing",
        fix: "pass { applyToChildren: true } or add the suppression to the resource itself",
      }),
    );
  }
  suppressions.forEach((s, i) => {
    if (typeof s.id !== "string" || !ruleById(s.id)) {
      errors.push(
        new EdgeConfigError({
          code: "EDGE_POLICY_UNKNOWN_RULE",
          path: where(i, "id"),
          value: s.id,
          problem: "no policy rule has this id",
          fix: suggestRule(String(s.id)),
        }),
      );
    }
    if (typeof s.reason !== "string" || s.reason.trim().length < MIN_REASON_LENGTH) {
      errors.push(
        new EdgeConfigError({
          code: "EDGE_POLICY_SUPPRESSION_REASON",
          path: where(i, "reason"),
          value: s.reason,
          problem: `a suppression needs a reason of at least ${MIN_REASON_LENGTH} characters`,
          fix: "say why the finding is accepted, for the auditor who reads cdk.tf.json",
        }),
      );
    }
  });
  throwAll(errors);
  const store = ((scope as WithStore)[STORE] ??= []);
  for (const s of suppressions) store.push({ id: s.id, reason: s.reason.trim(), applyToChildren });
}

/** Suppressions declared on `construct` itself, as given. */
export function declaredSuppressions(
  construct: IConstruct,
): readonly (PolicySuppression & { applyToChildren: boolean })[] {
  return (construct as WithStore)[STORE] ?? [];
}

/**
 * The suppressions in force on `construct`: its own, then those of its ancestors that apply to
 * children, nearest first. A rule suppressed twice keeps the nearest declaration.
 */
export function effectiveSuppressions(construct: IConstruct): EffectiveSuppression[] {
  const out: EffectiveSuppression[] = [];
  const seen = new Set<string>();
  const chain = [...construct.node.scopes].reverse();
  chain.forEach((c, i) => {
    for (const s of declaredSuppressions(c)) {
      if (i > 0 && !s.applyToChildren) continue;
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ id: s.id, reason: s.reason, declaredAt: c.node.path });
    }
  });
  return out;
}

function suggestRule(id: string): string {
  const near = RULES.map((r) => r.id).filter((r) => {
    const [a, b] = [r.toUpperCase(), id.toUpperCase()];
    return (
      a === b ||
      a.replace(/-/g, "") === b.replace(/[-_ ]/g, "") ||
      a.split("-").slice(0, 2).join("-") === b.split(/[-_]/).slice(0, 2).join("-")
    );
  });
  const hint =
    near.length > 0 && near.length <= 12
      ? `rules of that service: ${near.join(", ")}`
      : `rule ids look like EDGE-EC2-1`;
  return `use the id of a rule listed in libs/policy/README.md (${hint})`;
}
