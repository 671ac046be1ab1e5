import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { EdgeStack } from "./edge-stack";
import { resolveEnvironment } from "./environment";
import { configErrorsOf, type EdgeConfigError } from "./errors";
import { countResources, mergeManifest, withDirectoryLock } from "./private/synth-output";
import { siteConfigFor, siteConfigPath, type SiteDefinition } from "./site";

/** The environments synthesized when none are named. */
export const DEFAULT_ENVIRONMENTS = ["dev", "staging", "prod"] as const;

/** Options of {@link synthesizeSites}. */
export interface SynthOptions {
  /** Repository root: holds `state/` and, by default, `cdktf.out`. */
  readonly repoRoot: string;
  /** Final output directory. @default `$CDKTF_OUTDIR` or `<repoRoot>/cdktf.out` */
  readonly outdir?: string;
  /** Environments to synthesize. @default dev, staging, prod */
  readonly environments?: readonly string[];
  /**
   * `replace` swaps the whole output directory (a full synth); `merge` replaces only the stacks
   * synthesized and keeps the others (one site, or some environments).
   * @default "merge"
   */
  readonly mode?: "replace" | "merge";
}

/** One synthesized stack, for the summary table. */
export interface StackSummary {
  readonly stack: string;
  readonly resources: number;
  readonly state: string;
  readonly output: string;
}

/** What a synth produced: stacks on success, printable errors otherwise. */
export type SynthResult =
  | { readonly ok: true; readonly stacks: readonly StackSummary[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Synthesizes every site x environment into a temporary directory and, only when everything
 * succeeded, moves the result into the output directory. Bad input of any site is collected and
 * returned (nothing is written); anything else is a bug and is thrown.
 */
export function synthesizeSites(sites: readonly SiteDefinition[], options: SynthOptions): SynthResult {
  const repoRoot = path.resolve(options.repoRoot);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? path.join(repoRoot, "cdktf.out"));
  const envNames = options.environments ?? DEFAULT_ENVIRONMENTS;
  const errors: string[] = [];
  const record = (prefix: string, err: unknown): void => {
    const found = configErrorsOf(err);
    if (!found) throw err;
    errors.push(...found.map((e: EdgeConfigError) => e.format(prefix)));
  };

  const environments = envNames.flatMap((name) => {
    try {
      return [resolveEnvironment(name)];
    } catch (err) {
      record("environment", err);
      return [];
    }
  });

  const tmp = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.tmp-`));
  try {
    const app = new App({ outdir: tmp });
    const stacks: EdgeStack[] = [];
    for (const site of sites) {
      for (const env of environments) {
        try {
          const config = siteConfigFor(site, env.name);
          const stack = new EdgeStack(app, { site: site.name, environment: env, layout: { repoRoot, outdir } });
          site.build(stack, config, siteConfigPath(site, env.name));
          stacks.push(stack);
        } catch (err) {
          record(`${site.name}-${env.name}`, err);
        }
      }
    }
    if (errors.length > 0) return { ok: false, errors };
    try {
      app.synth();
    } catch (err) {
      // Error annotations (tag overrides, policy findings) end synth with cdktf's own message.
      if (err instanceof Error && /annotation with level error/i.test(err.message)) {
        return { ok: false, errors: [err.message.trim()] };
      }
      record("synth", err);
      return { ok: false, errors };
    }
    const names = stacks.map((s) => s.node.id);
    publish(tmp, outdir, names, options.mode ?? "merge");
    return {
      ok: true,
      stacks: stacks.map((s) => ({
        stack: s.node.id,
        resources: countResources(path.join(outdir, "stacks", s.node.id, "cdk.tf.json")),
        state: s.stateLocation,
        output: path.relative(repoRoot, path.join(outdir, "stacks", s.node.id, "cdk.tf.json")),
      })),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Moves a finished synth from `tmp` into `outdir`. */
function publish(tmp: string, outdir: string, stacks: readonly string[], mode: "replace" | "merge"): void {
  withDirectoryLock(`${outdir}.lock`, () => {
    if (mode === "replace" || !fs.existsSync(path.join(outdir, "manifest.json"))) {
      const old = `${outdir}.old-${process.pid}`;
      if (fs.existsSync(outdir)) fs.renameSync(outdir, old);
      fs.renameSync(tmp, outdir);
      fs.rmSync(old, { recursive: true, force: true });
      return;
    }
    fs.mkdirSync(path.join(outdir, "stacks"), { recursive: true });
    for (const name of stacks) {
      const target = path.join(outdir, "stacks", name);
      const old = `${target}.old-${process.pid}`;
      if (fs.existsSync(target)) fs.renameSync(target, old);
      fs.renameSync(path.join(tmp, "stacks", name), target);
      fs.rmSync(old, { recursive: true, force: true });
    }
    mergeManifest(path.join(outdir, "manifest.json"), path.join(tmp, "manifest.json"));
  });
}

/** Renders the summary table printed after a successful synth. */
export function formatSummary(stacks: readonly StackSummary[], seconds: number): string {
  const rows = [["stack", "resources", "state", "output"], ...stacks.map((s) => [s.stack, String(s.resources), s.state, s.output])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    "",
    `synthesized ${stacks.length} stack${stacks.length === 1 ? "" : "s"} in ${seconds.toFixed(1)} s`,
  ].join("\n");
}

/** Reads a comma-separated list from an environment variable. */
export function listFromEnv(name: string): string[] | undefined {
  const raw = process.env[name];
  if (!raw || !raw.trim()) return undefined;
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
 * The synth command: synthesizes `sites` for the environments in `EDGE_ENVS` (default dev,
 * staging, prod), prints the table or every error (no stack trace), and sets the exit code.
 */
export function runSynthCli(sites: readonly SiteDefinition[], options: { full?: boolean } = {}): void {
  const started = process.hrtime.bigint();
  const environments = listFromEnv("EDGE_ENVS");
  const mode = options.full && !environments ? "replace" : "merge";
  const result = synthesizeSites(sites, { repoRoot: findRepoRoot(), environments, mode });
  if (!result.ok) {
    process.stderr.write(`${result.errors.join("\n\n")}\n\nsynth failed with ${result.errors.length} error(s); cdktf.out was left as it was\n`);
    process.exitCode = 1;
    return;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${formatSummary(result.stacks, seconds)}\n`);
}
