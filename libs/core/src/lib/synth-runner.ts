import * as fs from "node:fs";
import * as path from "node:path";
import { AnnotationMetadataEntryType, App } from "cdktf";
import { EdgeStack } from "./edge-stack";
import { shippedEnvironmentNames, type EnvironmentCatalog } from "./environment-catalog";
import { configErrorsOf } from "./errors";
import { commitOutput, countResources } from "./private/synth-output";
import {
  placeholdersOf,
  PLACEHOLDERS_FILE,
  type PlaceholderUse,
  type PlaceholdersReport,
} from "./placeholder";
import { checkStackPaths, formatPathsLine, PATHS_REPORT_FILE, type PathsSummary } from "./reachability";
import type { SiteDefinition } from "./site";
import { checkSynthInput } from "./validation/check-synth-input";
import { registeredStackPolicy, type PolicySummary, type StackPolicy } from "./stack-policy";

/** Options of {@link synthesizeSites}. */
export interface SynthOptions {
  /** Repository root: holds `state/` and, by default, `cdktf.out`. */
  readonly repoRoot: string;
  /** Final output directory. @default `$CDKTF_OUTDIR` or `<repoRoot>/cdktf.out` */
  readonly outdir?: string;
  /** The repository's environments: what names resolve to, and the default list. */
  readonly catalog: EnvironmentCatalog;
  /** Environments to synthesize. @default every shipped environment of the catalog */
  readonly environments?: readonly string[];
  /**
   * What to do with a site that refuses ad-hoc environments (an Outpost's): `skip` it with a
   * note (a synth of every site), or report `EDGE_ADHOC_REFUSED` (the site was named).
   * @default "error"
   */
  readonly adHocRefusals?: "skip" | "error";
  /**
   * `replace` swaps the whole output directory (a full synth); `merge` replaces only the stacks
   * synthesized and keeps the others (one site, or some environments).
   * @default "merge"
   */
  readonly mode?: "replace" | "merge";
  /**
   * Refuse to synthesize when no policy pack is registered (import `@edge/policy` in the entry
   * point). Only tests of the runner itself turn this off.
   * @default true
   */
  readonly requirePolicy?: boolean;
}

/** One synthesized stack, for the summary table. */
export interface StackSummary {
  readonly stack: string;
  readonly resources: number;
  readonly state: string;
  readonly output: string;
  /** Findings of the policy pack; undefined when no pack ran (`requirePolicy: false`). */
  readonly policy?: PolicySummary;
  /** Network paths proven for the workloads' declared needs (`paths.json`). */
  readonly paths?: PathsSummary;
  /** Notes the site recorded with `stack.note()`. */
  readonly notes: readonly string[];
  /** Warning annotations of the stack's constructs, as `<construct path>: <message>`. */
  readonly warnings: readonly string[];
  /**
   * Placeholders the stack still holds (deploy and publish refuse it while there are any).
   * @default - none
   */
  readonly placeholders?: readonly PlaceholderUse[];
}

/** What a synth produced: stacks on success, printable errors otherwise. */
export type SynthResult =
  | {
      readonly ok: true;
      readonly stacks: readonly StackSummary[];
      /** Notes of the run (what an ad-hoc environment was derived from, sites left out), once each. */
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      readonly errors: readonly string[];
      /** Stacks whose build stopped at a consequence of their bad input; later errors may follow. */
      readonly stopped?: readonly string[];
    };

/**
 * Synthesizes every site x environment into a temporary directory and, only when everything
 * succeeded, moves the result into the output directory. Bad input of any site is collected and
 * returned (nothing is written); anything else is a bug and is thrown.
 */
export function synthesizeSites(sites: readonly SiteDefinition[], options: SynthOptions): SynthResult {
  const repoRoot = path.resolve(options.repoRoot);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? path.join(repoRoot, "cdktf.out"));
  const envNames = options.environments ?? shippedEnvironmentNames(options.catalog);
  const runNotes: string[] = [];
  const errors: string[] = [];
  const stopped: string[] = [];
  const policy = registeredStackPolicy();
  if (!policy && options.requirePolicy !== false) {
    errors.push(
      [
        "synth: error EDGE_POLICY_MISSING at the synth entry point",
        "  no policy pack is registered, so no stack would be checked",
        '  fix:   add `import "@edge/policy";` to the entry point (tools/synth.ts or apps/<site>/src/main.ts)',
      ].join("\n"),
    );
  }
  const record = (prefix: string, err: unknown): void => {
    const found = configErrorsOf(err);
    if (!found) throw err;
    errors.push(...found.map((e) => e.format(prefix)));
  };

  const tmp = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.tmp-`));
  // cdktf captures a full stack trace for every token it creates; with source maps on (tsx turns
  // them on) each of those frames is mapped back to TypeScript, which was a third of the synth
  // time. Traces are not source-mapped while the sites build and synthesize; an error's trace is
  // formatted when it is read, after this function has turned mapping back on.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    // No stack traces in manifest.json annotations: they hold absolute paths of this checkout
    // and of the entry point, so two synths of one commit would differ between machines.
    const app = new App({ outdir: tmp, stackTraces: false });
    const input = checkSynthInput(app, sites, envNames, { repoRoot, outdir }, {
      catalog: options.catalog,
      ...(options.adHocRefusals ? { adHocRefusals: options.adHocRefusals } : {}),
    });
    for (const { prefix, error } of input.errors) errors.push(error.format(prefix));
    stopped.push(...input.stopped);
    runNotes.push(...input.notes);
    const stacks = [...input.stacks];
    if (errors.length > 0) return { ok: false, errors, ...(stopped.length > 0 ? { stopped } : {}) };
    try {
      app.synth();
    } catch (err) {
      // Error annotations (tag overrides) end synth with cdktf's own message; policy findings
      // are collected from every stack below instead.
      if (err instanceof Error && /annotation with level error/i.test(err.message)) {
        return { ok: false, errors: [err.message.trim()] };
      }
      record("synth", err);
      return { ok: false, errors };
    }
    const summaries = policy ? applyPolicy(policy, stacks, tmp, errors) : new Map<string, PolicySummary>();
    const paths = applyPaths(stacks, tmp, errors);
    if (errors.length > 0) return { ok: false, errors };
    writePlaceholders(stacks, tmp);
    const names = stacks.map((s) => s.node.id);
    commitOutput(tmp, outdir, names, (options.mode ?? "merge") === "replace" ? "full" : "merge");
    return {
      ok: true,
      notes: runNotes,
      stacks: stacks.map((s) => ({
        stack: s.node.id,
        resources: countResources(path.join(outdir, "stacks", s.node.id, "cdk.tf.json")),
        state: s.stateLocation,
        output: path.relative(repoRoot, path.join(outdir, "stacks", s.node.id, "cdk.tf.json")),
        ...(summaries.has(s.node.id) ? { policy: summaries.get(s.node.id) } : {}),
        paths: paths.get(s.node.id)!,
        notes: [...s.notes],
        warnings: warningsOf(s),
        ...(placeholdersOf(s).length > 0 ? { placeholders: placeholdersOf(s) } : {}),
      })),
    };
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Collects the policy outcome of every synthesized stack: unsuppressed errors go to `errors`
 * (synth then fails and nothing is published), reports are written beside each stack's
 * `cdk.tf.json` in the temporary directory. A stack the pack did not check is an error too.
 */
function applyPolicy(policy: StackPolicy, stacks: readonly EdgeStack[], tmp: string, errors: string[]): Map<string, PolicySummary> {
  const summaries = new Map<string, PolicySummary>();
  for (const stack of stacks) {
    const name = stack.node.id;
    const outcome = policy.outcomeOf(stack);
    if (!outcome) {
      errors.push(
        [
          `${name}: error EDGE_POLICY_NOT_RUN at ${name}`,
          `  ${policy.name} did not check this stack`,
          `  fix:   import ${policy.name} before the stacks are created, and do not skip validations`,
        ].join("\n"),
      );
      continue;
    }
    errors.push(...outcome.failures.map((f) => `${name}: ${f}`));
    summaries.set(name, outcome.summary);
    fs.writeFileSync(path.join(tmp, "stacks", name, policy.reportFile), `${JSON.stringify(outcome.report, null, 2)}\n`);
  }
  return summaries;
}

/** Writes `placeholders.json` beside the `cdk.tf.json` of every stack that holds placeholders. */
function writePlaceholders(stacks: readonly EdgeStack[], tmp: string): void {
  for (const stack of stacks) {
    if (placeholdersOf(stack).length === 0) continue;
    const report: PlaceholdersReport = {
      stack: stack.node.id,
      site: stack.site,
      placeholders: placeholdersOf(stack),
    };
    fs.writeFileSync(
      path.join(tmp, "stacks", stack.node.id, PLACEHOLDERS_FILE),
      `${JSON.stringify(report, null, 2)}\n`,
    );
  }
}

/**
 * Proves a network path for every declared need of every stack: missing paths go to `errors`,
 * `paths.json` is written beside each stack's `cdk.tf.json` in the temporary directory.
 */
function applyPaths(stacks: readonly EdgeStack[], tmp: string, errors: string[]): Map<string, PathsSummary> {
  const summaries = new Map<string, PathsSummary>();
  for (const stack of stacks) {
    const outcome = checkStackPaths(stack);
    errors.push(...outcome.failures);
    summaries.set(stack.node.id, outcome.report.summary);
    fs.writeFileSync(path.join(tmp, "stacks", stack.node.id, PATHS_REPORT_FILE), `${JSON.stringify(outcome.report, null, 2)}\n`);
  }
  return summaries;
}

/** Warning annotations of a stack's constructs (facts that depend on live account data). */
function warningsOf(stack: EdgeStack): string[] {
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
      .map((m) => `${c.node.path}: ${String(m.data)}`),
  );
}

/**
 * Renders the summary table printed after a successful synth: per stack its resource count, the
 * policy findings (unsuppressed errors, warnings, suppressions; `-` when no pack ran), where its
 * state lives and its output file.
 */
export function formatSummary(stacks: readonly StackSummary[], seconds: number): string {
  const count = (n: number | undefined) => (n === undefined ? "-" : String(n));
  const rows = [
    ["stack", "resources", "errors", "warnings", "suppressed", "state", "output"],
    ...stacks.map((s) => [
      s.stack,
      String(s.resources),
      count(s.policy?.errors),
      count(s.policy?.warnings),
      count(s.policy?.suppressed),
      s.state,
      s.output,
    ]),
  ];
  const numeric = new Set([1, 2, 3, 4]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const checked = stacks.filter((s) => s.policy);
  const total = (key: keyof PolicySummary) => checked.reduce((n, s) => n + s.policy![key], 0);
  const policyLine =
    checked.length > 0
      ? `policy: ${total("errors")} errors, ${total("warnings")} warnings, ${total("suppressed")} suppressed (every finding: policy.json beside each cdk.tf.json)`
      : undefined;
  const withPaths = stacks.filter((s) => s.paths);
  const pathLines =
    withPaths.length > 0
      ? ["paths (every need and route: paths.json beside each cdk.tf.json):", ...withPaths.map((s) => `  ${formatPathsLine(s.stack, s.paths!)}`)]
      : [];
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    "",
    ...(policyLine ? [policyLine] : []),
    ...pathLines,
    `synthesized ${stacks.length} stack${stacks.length === 1 ? "" : "s"} in ${seconds.toFixed(1)} s`,
  ].join("\n");
}

/** Reads a comma-separated list from an environment variable. */
export function listFromEnv(name: string): string[] | undefined {
  const raw = process.env[name];
  if (!raw || !raw.trim()) return undefined;
  // `","` is a selection of nothing, returned as [] for the caller to reject, never "everything".
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
}

/** Walks up from `start` to the directory that holds `nx.json`. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "nx.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${start}`);
    dir = parent;
  }
}

/**
 * The synth command: synthesizes `sites` for the environments in `EDGE_ENVS` (default every
 * shipped environment of the catalog), prints the table or every error (no stack trace), and sets the exit code.
 */
export function runSynthCli(sites: readonly SiteDefinition[], options: { catalog: EnvironmentCatalog; full?: boolean }): void {
  const started = process.hrtime.bigint();
  const environments = listFromEnv("EDGE_ENVS");
  const mode = options.full && !environments ? "replace" : "merge";
  const result = synthesizeSites(sites, {
    repoRoot: findRepoRoot(),
    catalog: options.catalog,
    environments,
    mode,
    adHocRefusals: options.full ? "skip" : "error",
  });
  if (!result.ok) {
    const stopped = result.stopped?.length
      ? `\n\nnote: checks of ${result.stopped.join(", ")} that depend on the bad values above were skipped; fix these errors and synth again to see any that follow`
      : "";
    process.stderr.write(
      `${result.errors.join("\n\n")}${stopped}\n\nsynth failed with ${result.errors.length} error(s); cdktf.out was left as it was\n`,
    );
    process.exitCode = 1;
    return;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${formatSummary(result.stacks, seconds)}\n`);
  const extra = formatNotes(result.stacks);
  if (extra) process.stdout.write(`\n${extra}\n`);
  if (result.notes.length > 0) process.stdout.write(`\n${result.notes.map((n) => `note: ${n}`).join("\n")}\n`);
}

/** Site notes and construct warnings of the synthesized stacks, for after the table. */
export function formatNotes(stacks: readonly StackSummary[]): string {
  const indent = (text: string) => text.split("\n").map((l) => `  ${l}`).join("\n");
  const notes = stacks.flatMap((s) => s.notes.map((n) => indent(n)));
  const warnings = stacks.flatMap((s) => s.warnings.map((w) => indent(`warning ${w}`)));
  const placeholders = stacks.flatMap((s) =>
    (s.placeholders ?? []).map((p) => indent(`${s.stack}: ${p.path}: ${p.what}`)),
  );
  return [
    ...(placeholders.length > 0
      ? [
          `placeholders (deploy and publish refuse these stacks until they are set; list: ${PLACEHOLDERS_FILE} beside each cdk.tf.json):`,
          ...placeholders,
          ...(notes.length > 0 || warnings.length > 0 ? [""] : []),
        ]
      : []),
    ...(notes.length > 0 ? ["notes:", ...notes] : []),
    ...(notes.length > 0 && warnings.length > 0 ? [""] : []),
    ...(warnings.length > 0 ? ["warnings (they depend on live account data or trade-offs; synth went on):", ...warnings] : []),
  ].join("\n");
}
