import { EdgeStack, type StackPolicy, type StackPolicyOutcome } from "@edge/core";
import { TerraformBackend, TerraformElement, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluateTerraform } from "./evaluate";
import {
  buildReport,
  formatFailure,
  type JudgedEvaluation,
  type PolicyReport,
  type UnusedSuppression,
} from "./policy-report";
import { withRecordedOverrides } from "./private/recorded-json";
import type { RuleContext } from "./rule";
import {
  declaredSuppressions,
  effectiveSuppressions,
  type EffectiveSuppression,
} from "./suppressions";

/** Where suppression metadata goes inside a resource's (or the stack's) `//` block. */
export const METADATA_KEY = "edge_policy";

/** The facts rules read about an `EdgeStack`. */
export function contextOf(stack: TerraformStack): RuleContext {
  if (!(stack instanceof EdgeStack)) return { stack: stack.node.id };
  const env = stack.environment;
  return {
    stack: stack.node.id,
    site: stack.site,
    environment: env.name,
    region: env.region,
    account: env.account,
    ...(env.permissionsBoundaryArn ? { permissionsBoundaryArn: env.permissionsBoundaryArn } : {}),
  };
}

/**
 * Checks a stack after every aspect has run: resolves it to the Terraform JSON that will be
 * written, runs every rule on it, applies suppressions, and records the suppressions that were
 * used in the `//` metadata of the resources they accept. Returns the outcome for the synth
 * runner and, as `json`, the stack's Terraform JSON with that metadata (what `toTerraform()`
 * now returns; undefined in the rare case it could not be derived without resolving again).
 * Pure apart from those metadata overrides (idempotent: the same stack gives the same overrides
 * on every run).
 */
export function checkStack(
  stack: TerraformStack,
): StackPolicyOutcome & { readonly report: PolicyReport; readonly json?: Record<string, unknown> } {
  const json = stack.toTerraform() as Record<string, unknown>;
  const evaluations = evaluateTerraform(json, contextOf(stack));
  // One walk of the tree for the path lookup, the backend and the declared suppressions.
  const all = stack.node.findAll();
  const constructs = new Map<string, IConstruct>(all.map((c) => [c.node.path, c]));
  const backend = all.find((c): c is TerraformBackend => c instanceof TerraformBackend);

  const used = new Map<IConstruct, Map<string, EffectiveSuppression>>();
  const judged: JudgedEvaluation[] = evaluations.map((e) => {
    const path = e.path ?? (e.address.startsWith("terraform.") ? backend?.node.path : undefined);
    const construct = path ? constructs.get(path) : undefined;
    const withPath = path && !e.path ? { ...e, path } : e;
    if (e.outcome.status !== "non-compliant" || !construct) return withPath;
    const suppression = effectiveSuppressions(construct).find((s) => s.id === e.rule.id);
    if (!suppression) return withPath;
    const forConstruct = used.get(construct) ?? new Map<string, EffectiveSuppression>();
    forConstruct.set(suppression.id, suppression);
    used.set(construct, forConstruct);
    return { ...withPath, suppression };
  });

  const recorded = new Map<IConstruct, unknown>();
  for (const [construct, suppressions] of used) {
    const value = recordSuppressions(stack, construct, [...suppressions.values()]);
    if (value) recorded.set(construct, value);
  }

  const report = buildReport(stack.node.id, judged, unusedSuppressions(all, judged));
  const failures = judged
    .filter(
      (e) => e.outcome.status === "non-compliant" && e.rule.level === "error" && !e.suppression,
    )
    .map(formatFailure);
  const { errors, warnings, suppressed } = report.summary;
  const written = withRecordedOverrides(stack, json, METADATA_KEY, recorded);
  return {
    summary: { errors, warnings, suppressed },
    failures,
    findings: findingLines(report),
    report,
    ...(written ? { json: written } : {}),
  };
}

/** Unsuppressed warnings and accepted suppressions of a report, one printable line each. */
export function findingLines(report: PolicyReport): string[] {
  return report.results.flatMap((r) => {
    if (r.status === "non-compliant" && r.level === "warning")
      return [`warning ${r.rule} ${r.address}: ${r.message ?? "non-compliant"}`];
    if (r.status === "suppressed")
      return [`suppressed ${r.rule} ${r.address}: ${r.suppression?.reason ?? ""}`.trimEnd()];
    return [];
  });
}

/**
 * Writes the suppressions a resource used into its `//` metadata (the stack's, for the backend);
 * returns the value written, undefined when the construct has no such metadata.
 */
function recordSuppressions(
  stack: TerraformStack,
  construct: IConstruct,
  suppressions: EffectiveSuppression[],
): unknown {
  const value = {
    suppressions: suppressions
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => ({ rule: s.id, reason: s.reason, declared_at: s.declaredAt })),
  };
  if (construct instanceof TerraformBackend) {
    stack.addOverride(`//.${METADATA_KEY}.backend`, value);
  } else if (TerraformElement.isTerraformElement(construct)) {
    construct.addOverride(`//.${METADATA_KEY}`, value);
  } else {
    return undefined;
  }
  return value;
}

/** Suppressions declared in the stack (`all`: its constructs) that accepted no finding. */
function unusedSuppressions(
  all: readonly IConstruct[],
  judged: readonly JudgedEvaluation[],
): UnusedSuppression[] {
  const usedKeys = new Set(
    judged.flatMap((e) =>
      e.suppression ? [`${e.suppression.declaredAt}\u0000${e.suppression.id}`] : [],
    ),
  );
  const out: UnusedSuppression[] = [];
  for (const c of all) {
    for (const s of declaredSuppressions(c)) {
      if (!usedKeys.has(`${c.node.path}\u0000${s.id}`))
        out.push({ rule: s.id, reason: s.reason, declared_at: c.node.path });
    }
  }
  return out;
}

const RESULTS = Symbol.for("@edge/policy.results");
type WithResults = TerraformStack & { [RESULTS]?: ReturnType<typeof checkStack> };

/** The policy report of a stack that has been synthesized (validations run); undefined before. */
export function policyReportOf(stack: TerraformStack): PolicyReport | undefined {
  return (stack as WithResults)[RESULTS]?.report;
}

/**
 * The pack as core sees it: `attach` adds a validation to the stack, which cdktf runs after every
 * aspect (so the permissions-boundary aspect and any aspect a lib adds later have already
 * changed the tree) and before `cdk.tf.json` is written (so the suppression metadata lands in
 * it). Findings never throw from the validation: the synth runner collects them from every stack
 * and fails once, with all of them.
 */
export const edgePolicyPack: StackPolicy = {
  name: "@edge/policy",
  reportFile: "policy.json",
  attach(stack: EdgeStack): void {
    stack.node.addValidation({
      validate: () => {
        const { json, ...results } = checkStack(stack);
        (stack as WithResults)[RESULTS] = results;
        // Synth writes the JSON just checked instead of resolving the stack again.
        if (json) stack.reuseResolved(json);
        return [];
      },
    });
  },
  outcomeOf(stack: EdgeStack): StackPolicyOutcome | undefined {
    return (stack as WithResults)[RESULTS];
  },
};
