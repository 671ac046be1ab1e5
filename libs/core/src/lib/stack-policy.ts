import type { EdgeStack } from "./edge-stack";

/** What a policy run counts in one stack. */
export interface PolicySummary {
  /** Unsuppressed findings of rules with level error; any of them fails synth. */
  readonly errors: number;
  /** Unsuppressed findings of rules with level warning. */
  readonly warnings: number;
  /** Findings accepted on purpose by a suppression with a reason. */
  readonly suppressed: number;
}

/** What a policy pack found in one synthesized stack. */
export interface StackPolicyOutcome {
  readonly summary: PolicySummary;
  /** One printable block per unsuppressed error (lowercase, no final period); synth fails when any. */
  readonly failures: readonly string[];
  /**
   * Every other finding worth reading (unsuppressed warnings, accepted suppressions), one line
   * each, listed by `npm run synth -- --verbose`. @default none
   */
  readonly findings?: readonly string[];
  /** The report, written as JSON to `cdktf.out/stacks/<stack>/<reportFile>`. */
  readonly report: unknown;
}

/**
 * A rule pack run on an `EdgeStack`. `@edge/core` cannot depend on `@edge/policy` (the pack
 * depends on core), so the pack is passed in: the synth runner (`@edge/synth`) takes it as an
 * argument, calls `attach` on every `EdgeStack` before `app.synth()` and reads `outcomeOf` after.
 */
export interface StackPolicy {
  /** Name shown in messages, e.g. `@edge/policy`. */
  readonly name: string;
  /** File name of the per-stack report, e.g. `policy.json`. */
  readonly reportFile: string;
  /** Called once per stack, before it is synthesized. */
  attach(stack: EdgeStack): void;
  /** The outcome for `stack` once it has been synthesized; undefined when the pack did not run. */
  outcomeOf(stack: EdgeStack): StackPolicyOutcome | undefined;
}
