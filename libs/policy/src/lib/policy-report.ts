import type { PolicySummary } from "@edge/core";
import type { RuleEvaluation } from "./evaluate";
import type { RuleLevel } from "./rule";
import type { EffectiveSuppression } from "./suppressions";

/** The status of one result in the report: a non-compliant finding that is suppressed says so. */
export type ReportStatus = "compliant" | "non-compliant" | "suppressed" | "not-applicable";

/** One rule x resource result of `policy.json`. */
export interface PolicyResult {
  readonly rule: string;
  readonly level: RuleLevel;
  readonly checkov: readonly string[];
  /** Terraform address: `aws_vpc.hub_vpc`, `terraform.backend.s3`. */
  readonly address: string;
  /** Construct path, when known. */
  readonly path: string | null;
  readonly status: ReportStatus;
  /** Why the resource is non-compliant or not applicable; null when compliant. */
  readonly message: string | null;
  /** The suppression that accepted the finding; null otherwise. */
  readonly suppression: { readonly reason: string; readonly declared_at: string } | null;
}

/** A suppression that matched no finding: kept visible so stale ones get removed. */
export interface UnusedSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly declared_at: string;
}

/** `cdktf.out/stacks/<stack>/policy.json`. */
export interface PolicyReport {
  /** Report format version. */
  readonly version: 1;
  readonly pack: "@edge/policy";
  readonly stack: string;
  readonly summary: PolicySummary & { readonly compliant: number; readonly not_applicable: number };
  /** Every rule x resource result, by address, then rule id. */
  readonly results: readonly PolicyResult[];
  readonly unused_suppressions: readonly UnusedSuppression[];
}

/** A rule evaluation with the suppression (if any) that accepted it. */
export interface JudgedEvaluation extends RuleEvaluation {
  readonly suppression?: EffectiveSuppression;
}

/** Builds the report of one stack. */
export function buildReport(
  stack: string,
  judged: readonly JudgedEvaluation[],
  unused: readonly UnusedSuppression[],
): PolicyReport {
  const results: PolicyResult[] = judged.map((e) => ({
    rule: e.rule.id,
    level: e.rule.level,
    checkov: e.rule.checkov,
    address: e.address,
    path: e.path ?? null,
    status: e.outcome.status === "non-compliant" && e.suppression ? "suppressed" : e.outcome.status,
    message: e.outcome.status === "compliant" ? null : e.outcome.reason,
    suppression: e.suppression
      ? { reason: e.suppression.reason, declared_at: e.suppression.declaredAt }
      : null,
  }));
  const count = (status: ReportStatus, level?: RuleLevel) =>
    results.filter((r) => r.status === status && (!level || r.level === level)).length;
  return {
    version: 1,
    pack: "@edge/policy",
    stack,
    summary: {
      errors: count("non-compliant", "error"),
      warnings: count("non-compliant", "warning"),
      suppressed: count("suppressed"),
      compliant: count("compliant"),
      not_applicable: count("not-applicable"),
    },
    results,
    unused_suppressions: unused,
  };
}

/** The printable block of one unsuppressed error (lowercase, no final period). */
export function formatFailure(e: RuleEvaluation): string {
  const where = e.path ? `${e.address} (${e.path})` : e.address;
  const reason = e.outcome.status === "compliant" ? "" : e.outcome.reason;
  const checkov = e.rule.checkov.length > 0 ? ` (checkov ${e.rule.checkov.join(", ")})` : "";
  return [
    `error ${e.rule.id} at ${where}`,
    `  ${reason}`,
    `  rule:  ${e.rule.info}${checkov}`,
    `  fix:   ${e.rule.fix}; or accept the finding with suppressRules(construct, [{ id: "${e.rule.id}", reason }])`,
  ].join("\n");
}
