import * as fs from "node:fs";
import * as path from "node:path";
import {
  checkStackPaths,
  checkSynthInput,
  configErrorsOf,
  placeholdersOf,
  PATHS_REPORT_FILE,
  PLACEHOLDERS_FILE,
  type PathsSummary,
  type PlaceholdersReport,
  type PlaceholderUse,
  shippedEnvironmentNames,
  type EdgeStack,
  type EnvironmentCatalog,
  type PolicySummary,
  type SiteDefinition,
  type StackPolicy,
} from "@edge/core";
import { AnnotationMetadataEntryType, App } from "cdktf";
import { commitOutput, countResources } from "./publish";

/** Options of {@link synthesizeSites}. */
export interface SynthOptions {
  /** Repository root: holds `state/` and, by default, `cdktf.out`. */
  readonly repoRoot: string;
  /**
   * The rule pack every stack is checked with (`edgePolicyPack` of `@edge/policy`). Unsuppressed
   * errors fail the synth; its report is written beside each `cdk.tf.json`.
   */
  readonly policy: StackPolicy;
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
   * `full`: the stacks synthesized are all there is; the manifest lists exactly them and the
   * generated files of other stack folders are removed (terraform's own files stay).
   * `merge`: the stacks synthesized are added to what the output already holds (one site, or
   * some environments).
   * @default "merge"
   */
  readonly mode?: "full" | "merge";
  /**
   * More files to write beside each stack's `cdk.tf.json` (file name to content), staged and
   * committed with it. @default none
   */
  readonly extraFiles?: (stack: EdgeStack) => Readonly<Record<string, string>>;
}

/** One synthesized stack, for the summary table. */
export interface StackSummary {
  readonly stack: string;
  readonly site: string;
  readonly environment: string;
  readonly resources: number;
  readonly state: string;
  readonly output: string;
  /** Counts of the policy pack's findings. */
  readonly policy: PolicySummary;
  /** The pack's other findings (warnings, suppressions), one line each. */
  readonly findings: readonly string[];
  /** Network paths proven for the workloads' declared needs (`paths.json`). */
  readonly paths: PathsSummary;
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
 * succeeded, commits the generated files into the stack folders of the output directory (see
 * `commitOutput`). Bad input of any site is collected and returned (nothing is written);
 * anything else is a bug and is thrown.
 */
export function synthesizeSites(sites: readonly SiteDefinition[], options: SynthOptions): SynthResult {
  const repoRoot = path.resolve(options.repoRoot);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? path.join(repoRoot, "cdktf.out"));
  const envNames = options.environments ?? shippedEnvironmentNames(options.catalog);
  const policy = options.policy;
  const errors: string[] = [];
  const record = (prefix: string, err: unknown): void => {
    const found = configErrorsOf(err);
    if (!found) throw err;
    errors.push(...found.map((e) => e.format(prefix)));
  };

  fs.mkdirSync(path.dirname(outdir), { recursive: true });
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
    // Every environment and every site in every environment is checked and built (core's
    // checkSynthInput): one synth reports every error of every site.
    const input = checkSynthInput(app, sites, envNames, { repoRoot, outdir }, {
      catalog: options.catalog,
      ...(options.adHocRefusals ? { adHocRefusals: options.adHocRefusals } : {}),
    });
    for (const { prefix, error } of input.errors) errors.push(error.format(prefix));
    const stopped = [...input.stopped];
    const stacks: EdgeStack[] = [...input.stacks];
    if (errors.length > 0) return { ok: false, errors, ...(stopped.length > 0 ? { stopped } : {}) };
    // The pack adds a validation to each stack, which cdktf runs in app.synth() after every aspect.
    for (const stack of stacks) policy.attach(stack);
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
    const outcomes = new Map<
      string,
      {
        summary: PolicySummary;
        findings: readonly string[];
        paths: PathsSummary;
        resources: number;
        placeholders: readonly PlaceholderUse[];
      }
    >();
    for (const stack of stacks) {
      const name = stack.node.id;
      const outcome = policy.outcomeOf(stack);
      if (!outcome) {
        errors.push(
          [
            `${name}: error EDGE_POLICY_NOT_RUN at ${name}`,
            `  ${policy.name} did not check this stack`,
            `  fix:   pass ${policy.name} to the synth runner before the stacks are created, and do not skip validations`,
          ].join("\n"),
        );
        continue;
      }
      errors.push(...outcome.failures.map((f) => `${name}: ${f}`));
      // The JSON cdktf just wrote: reachability reads it and the table counts its resources, so
      // the stack is neither resolved again nor its file read back.
      const written = stack.synthesizedTerraform();
      const placeholders = placeholdersOf(stack);
      // A network path proven for every declared need: a missing one fails synth (core's
      // reachability); paths.json lists every need and the route that carries it.
      const reachability = checkStackPaths(stack, written);
      errors.push(...reachability.failures);
      outcomes.set(name, {
        summary: outcome.summary,
        findings: outcome.findings ?? [],
        paths: reachability.report.summary,
        resources: countResources(written),
        placeholders,
      });
      const dir = path.join(tmp, "stacks", name);
      fs.writeFileSync(path.join(dir, policy.reportFile), `${JSON.stringify(outcome.report, null, 2)}\n`);
      fs.writeFileSync(path.join(dir, PATHS_REPORT_FILE), `${JSON.stringify(reachability.report, null, 2)}\n`);
      // placeholders.json only for stacks that hold placeholders: deploy and publish refuse them.
      if (placeholders.length > 0) {
        // The site definition (region-hub for region-hub-us-west-2): its site.ts holds the value.
        const report: PlaceholdersReport = { stack: name, site: stack.definition, placeholders };
        fs.writeFileSync(path.join(dir, PLACEHOLDERS_FILE), `${JSON.stringify(report, null, 2)}\n`);
      }
      for (const [file, content] of Object.entries(options.extraFiles?.(stack) ?? {})) {
        fs.writeFileSync(path.join(dir, file), content);
      }
    }
    if (errors.length > 0) return { ok: false, errors };
    const names = stacks.map((s) => s.node.id);
    commitOutput(tmp, outdir, names, options.mode ?? "merge");
    return {
      ok: true,
      notes: [...input.notes],
      stacks: stacks.map((s) => {
        const file = path.join(outdir, "stacks", s.node.id, "cdk.tf.json");
        const outcome = outcomes.get(s.node.id)!;
        return {
          stack: s.node.id,
          site: s.site,
          environment: s.environment.name,
          resources: outcome.resources,
          state: s.stateLocation,
          output: path.relative(repoRoot, file),
          policy: outcome.summary,
          findings: outcome.findings,
          paths: outcome.paths,
          notes: [...s.notes],
          warnings: warningsOf(s),
          ...(outcome.placeholders.length > 0 ? { placeholders: outcome.placeholders } : {}),
        };
      }),
    };
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Warning annotations of a stack's constructs (facts that depend on live account data). */
function warningsOf(stack: EdgeStack): string[] {
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
      .map((m) => `${c.node.path}: ${String(m.data)}`),
  );
}
