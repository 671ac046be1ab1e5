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
  /** The report, written as JSON to `cdktf.out/stacks/<stack>/<reportFile>`. */
  readonly report: unknown;
}

/**
 * A rule pack run on every `EdgeStack`. `@edge/core` cannot depend on `@edge/policy` (the pack
 * depends on core), so the pack registers itself here when it is imported and core calls it
 * back: `attach` from the `EdgeStack` constructor, `outcomeOf` from the synth runner after
 * `app.synth()`. The runner refuses to synthesize when no pack is registered, so forgetting the
 * import fails closed instead of skipping the checks.
 */
export interface StackPolicy {
  /** Name shown in messages, e.g. `@edge/policy`. */
  readonly name: string;
  /** File name of the per-stack report, e.g. `policy.json`. */
  readonly reportFile: string;
  /** Called once by every `EdgeStack` constructor. */
  attach(stack: EdgeStack): void;
  /** The outcome for `stack` once it has been synthesized; undefined when the pack did not run. */
  outcomeOf(stack: EdgeStack): StackPolicyOutcome | undefined;
}

// On globalThis so that a second copy of this module (two resolutions of @edge/core in one
// process) still sees the pack the first copy registered.
const REGISTRY = Symbol.for("@edge/core.stackPolicy");
type Registry = { [REGISTRY]?: StackPolicy };

/** Registers the policy pack that every `EdgeStack` created from now on is checked with. */
export function registerStackPolicy(policy: StackPolicy): void {
  (globalThis as Registry)[REGISTRY] = policy;
}

/** The registered policy pack, if any. */
export function registeredStackPolicy(): StackPolicy | undefined {
  return (globalThis as Registry)[REGISTRY];
}

/** Removes the registered pack (tests only). */
export function unregisterStackPolicy(): void {
  delete (globalThis as Registry)[REGISTRY];
}
