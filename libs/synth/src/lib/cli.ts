import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import {
  argumentsError,
  EdgeConfigError,
  findRepoRoot,
  listFromEnv,
  shippedEnvironmentNames,
  type EdgeStack,
  type EnvironmentCatalog,
  type SiteDefinition,
  type StackPolicy,
} from "@edge/core";
import { coloursFor, formatNotes, formatSummary, formatTiming } from "./format";
import { synthesizeSites } from "./synthesize-sites";

/** Options of {@link runSynthCli}. */
export interface SynthCliOptions {
  /** The rule pack every stack is checked with (`edgePolicyPack` of `@edge/policy`). */
  readonly policy: StackPolicy;
  /** The repository's environments (`environmentCatalog` of `@edge/environments`). */
  readonly catalog: EnvironmentCatalog;
  /**
   * True when `sites` is every site: without `EDGE_ENVS` the synth is then a full one (see
   * `SynthOptions.mode`). @default false
   */
  readonly full?: boolean;
  /** Command-line arguments. @default `process.argv.slice(2)` */
  readonly argv?: readonly string[];
  /** How the help names the command. @default "npm run synth --" */
  readonly command?: string;
  /** See `SynthOptions.extraFiles`. @default none */
  readonly extraFiles?: (stack: EdgeStack) => Readonly<Record<string, string>>;
}

/** The text `--help` prints. */
export function synthHelp(catalog: EnvironmentCatalog, command = "npm run synth --"): string {
  return [
    `Usage: ${command} [--quiet | --verbose] [--help]`,
    "",
    "Synthesizes each site x environment into cdktf.out/stacks/<site>-<env>/ (cdk.tf.json and the",
    "policy report policy.json), checks every stack with the policy pack, and prints a table.",
    "Terraform's own files in a stack folder (.terraform/, .terraform.lock.hcl) are kept.",
    "A failed synth changes nothing.",
    "",
    "Options:",
    "  --quiet     print only errors and the final line",
    "  --verbose   also list every policy warning and accepted suppression",
    "  --help      print this help and exit",
    "",
    "Environment variables:",
    "  EDGE_SITES=region-hub,wavelength-bos  only these sites",
    `  EDGE_ENVS=dev,feature-42              only these environments (default: ${shippedEnvironmentNames(catalog).join(", ")};`,
    "                                        any other name is an ad-hoc environment)",
    "  CDKTF_OUTDIR=<dir>                    output directory (default: cdktf.out)",
    "  NO_COLOR=1                            no colour even on a terminal",
  ].join("\n");
}

/**
 * The synth command: synthesizes `sites` for the environments in `EDGE_ENVS` (default: every
 * shipped environment), prints the table or every error (no stack trace), and sets the exit
 * code. The time printed is wall time since the process started, start-up included.
 */
export function runSynthCli(sites: readonly SiteDefinition[], options: SynthCliOptions): void {
  let flags: { help?: boolean; quiet?: boolean; verbose?: boolean };
  try {
    flags = parseFlags(options.argv ?? process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as EdgeConfigError).format("synth")}\n`);
    process.exitCode = 1;
    return;
  }
  if (flags.help) {
    process.stdout.write(`${synthHelp(options.catalog, options.command)}\n`);
    return;
  }
  const environments = listFromEnv("EDGE_ENVS");
  const mode = options.full && !environments ? "full" : "merge";
  const result = synthesizeSites(sites, {
    repoRoot: findRepoRoot(),
    policy: options.policy,
    catalog: options.catalog,
    environments,
    mode,
    // A synth of every site leaves out a site that cannot take an ad-hoc environment (with a
    // note); naming that site is an error.
    adHocRefusals: options.full ? "skip" : "error",
    ...(options.extraFiles ? { extraFiles: options.extraFiles } : {}),
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
  const seconds = performance.now() / 1000;
  if (flags.quiet) {
    process.stdout.write(`${formatTiming(result.stacks.length, seconds)}\n`);
    return;
  }
  process.stdout.write(`${formatSummary(result.stacks, seconds)}\n`);
  const extra = formatNotes(result.stacks, { verbose: flags.verbose, colours: coloursFor(process.stdout) });
  if (extra) process.stdout.write(`\n${extra}\n`);
  if (result.notes.length > 0) process.stdout.write(`\n${result.notes.map((n) => `note: ${n}`).join("\n")}\n`);
}

function parseFlags(argv: readonly string[]) {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { help: { type: "boolean", short: "h" }, quiet: { type: "boolean", short: "q" }, verbose: { type: "boolean", short: "v" } },
    });
    if (values.quiet && values.verbose) throw new Error("--quiet and --verbose cannot be combined");
    return values;
  } catch (err) {
    throw argumentsError(err, argv, "EDGE_SYNTH_ARGS", "use --quiet, --verbose or --help (sites and environments: EDGE_SITES, EDGE_ENVS)");
  }
}
