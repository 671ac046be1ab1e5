import { Testing } from "cdktf";
import type { Construct } from "constructs";
import {
  evaluateTerraform,
  ruleById,
  type RuleContext,
  type RuleEvaluation,
  type RuleStatus,
} from "../src";

/** One compliant, non-compliant or not-applicable example of a rule, built from provider L1 classes. */
export interface RuleCase {
  readonly rule: string;
  readonly name: string;
  /** What the rule must say; `none` when the rule must not evaluate anything. */
  readonly expect: RuleStatus | "none";
  readonly build: (scope: Construct) => void;
  readonly context?: RuleContext;
  /** Only the outcome at this address counts. @default every outcome of the rule */
  readonly address?: string;
  /** The reason must match. */
  readonly reason?: RegExp;
}

/** Synthesizes `build` in a plain stack (`Testing.synthScope`) and runs one rule on the JSON. */
export function evaluateRule(
  rule: string,
  build: (scope: Construct) => void,
  context: RuleContext = {},
): RuleEvaluation[] {
  const found = ruleById(rule);
  if (!found) throw new Error(`no rule ${rule}`);
  const json = JSON.parse(Testing.synthScope(build)) as Record<string, unknown>;
  return evaluateTerraform(json, context, [found]);
}

/** Base64 of a text, as launch templates take user data. */
export const b64 = (text: string) => Buffer.from(text).toString("base64");

/** A JSON policy document. */
export const policy = (...Statement: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement });
