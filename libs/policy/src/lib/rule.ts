import type { StackView, TerraformBlock } from "./terraform-view";

/** How a finding of a rule counts: an error fails synth unless suppressed, a warning never does. */
export type RuleLevel = "error" | "warning";

/** What one rule says about one resource. */
export type RuleOutcome =
  | { readonly status: "compliant" }
  /** The rule cannot judge: the deciding value is only known at apply time (a reference, a variable). */
  | { readonly status: "not-applicable"; readonly reason: string }
  | { readonly status: "non-compliant"; readonly reason: string };

/** The status of a rule outcome. */
export type RuleStatus = RuleOutcome["status"];

/** The resource passes the rule. */
export function compliant(): RuleOutcome {
  return { status: "compliant" };
}

/** The rule cannot judge the resource; `reason` says why (lowercase, no final period). */
export function notApplicable(reason: string): RuleOutcome {
  return { status: "not-applicable", reason };
}

/** The resource breaks the rule; `reason` says how (lowercase, no final period). */
export function nonCompliant(reason: string): RuleOutcome {
  return { status: "non-compliant", reason };
}

/** Facts about the stack under check that some rules need. All optional: rules run on bare JSON too. */
export interface RuleContext {
  /** Stack name, `<site>-<env>`. */
  readonly stack?: string;
  readonly site?: string;
  readonly environment?: string;
  readonly region?: string;
  readonly account?: string;
  /** The permissions boundary the environment declares; undefined when it declares none. */
  readonly permissionsBoundaryArn?: string;
}

/** What every rule declares about itself. */
export interface RuleInfo {
  /** `EDGE-<SVC>-<n>`, stable: suppressions name it. */
  readonly id: string;
  readonly level: RuleLevel;
  /** One line: what a compliant resource looks like (lowercase, no final period). */
  readonly info: string;
  /** Why the rule exists, and what it deliberately does not flag. */
  readonly explanation: string;
  /** How to comply (lowercase, no final period). */
  readonly fix: string;
  /** The checkov checks that test the same thing, so both tools agree; empty when none exists. */
  readonly checkov: readonly string[];
}

/** A rule judged on one resource (or data source) at a time: a pure function of its config. */
export interface ResourceRule extends RuleInfo {
  readonly kind: "resource";
  /** Terraform types the rule checks; data sources as `data.<type>`. */
  readonly appliesTo: readonly string[];
  check(block: TerraformBlock, context: RuleContext): RuleOutcome;
}

/** One outcome of a stack rule, for the resource it names. */
export interface AddressedOutcome {
  /** Terraform address the finding belongs to (`aws_vpc.hub_vpc`, `terraform.backend.s3`). */
  readonly address: string;
  readonly outcome: RuleOutcome;
}

/** A rule that needs several resources at once (a flow log per VPC): a pure function of the stack. */
export interface StackRule extends RuleInfo {
  readonly kind: "stack";
  check(stack: StackView, context: RuleContext): readonly AddressedOutcome[];
}

/** Any rule of the pack. */
export type Rule = ResourceRule | StackRule;

/** Declares a per-resource rule. */
export function defineResourceRule(rule: Omit<ResourceRule, "kind">): ResourceRule {
  return { kind: "resource", ...rule };
}

/** Declares a cross-resource rule, run as a stack-level validation after every aspect. */
export function defineStackRule(rule: Omit<StackRule, "kind">): StackRule {
  return { kind: "stack", ...rule };
}
