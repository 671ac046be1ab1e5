import { BackendSchema, type EnvironmentInput } from "./environment";
import { parseConfig } from "./config-schema";
import { EdgeConfigError } from "./errors";

/**
 * Ad-hoc environments whose names follow a pattern and that differ from the default derivation,
 * e.g. `pr-<n>`, the preview environment of a pull request, delivered by Terraform Cloud where
 * other ad-hoc environments keep the local state of the environment they derive from.
 */
export interface AdHocRule {
  /** Names the rule takes: an anchored regular expression (`^…$`), e.g. `^pr-[1-9][0-9]*$`. */
  readonly pattern: string;
  /** What such an environment is, for the note synth prints: e.g. `a preview environment of a pull request`. */
  readonly kind: string;
  /** The shipped environment it copies: account, Region, profile, tags and every site's config. */
  readonly from: string;
  /**
   * Where its state lives, which chooses who delivers it (a `tfc` backend: Terraform Cloud
   * workspaces `<prefix>-<site>-<env>`). @default - the backend of `from`
   */
  readonly backend?: EnvironmentInput["backend"];
}

/** How an ad-hoc name is derived: the rule it matched (if any) and what it copies. */
export interface AdHocDerivation {
  readonly from: string;
  /** @default "an ad-hoc environment" */
  readonly kind: string;
  readonly backend?: EnvironmentInput["backend"];
  /** Index of the matching rule in `adHoc.rules`; undefined for the default derivation. */
  readonly rule?: number;
}

/**
 * The first rule of `rules` whose pattern takes `name`, checked as it is used: an unanchored or
 * invalid pattern, a `from` that is not shipped and a bad backend are catalog errors.
 */
export function matchAdHocRule(
  name: string,
  rules: readonly AdHocRule[],
  shipped: readonly string[],
): AdHocDerivation | undefined {
  for (const [i, rule] of rules.entries()) {
    const path = `adHoc.rules[${i}]`;
    if (!patternOf(rule.pattern, `${path}.pattern`).test(name)) continue;
    if (!shipped.includes(rule.from)) {
      throw new EdgeConfigError({
        code: "EDGE_ENV_ADHOC_RULE",
        path: `${path}.from`,
        value: rule.from,
        problem: `ad-hoc environments derive from a shipped environment, and ${JSON.stringify(rule.from)} is not one`,
        fix: `use one of ${shipped.join(", ")}`,
      });
    }
    if (rule.backend !== undefined) parseConfig(BackendSchema, rule.backend, `${path}.backend`);
    return { from: rule.from, kind: rule.kind, backend: rule.backend, rule: i };
  }
  return undefined;
}

function patternOf(source: string, path: string): RegExp {
  const fix = "write an anchored regular expression such as ^pr-[1-9][0-9]*$";
  if (!source.startsWith("^") || !source.endsWith("$")) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_ADHOC_RULE",
      path,
      value: source,
      problem: "the pattern is not anchored at both ends, so it would take names that only contain a match",
      fix,
    });
  }
  try {
    return new RegExp(source);
  } catch {
    throw new EdgeConfigError({ code: "EDGE_ENV_ADHOC_RULE", path, value: source, problem: "not a valid regular expression", fix });
  }
}
