import { escapeRegExp, formatPathsLine, PLACEHOLDERS_FILE, type PolicySummary } from "@edge/core";
import type { StackSummary } from "./synthesize-sites";

/** Styles for terminal output; identity functions when colour is off. */
export interface Colours {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly red: (text: string) => string;
}

const plain = (text: string) => text;

/**
 * Colour only for a person at a terminal: on when the stream is a TTY, unless `NO_COLOR` is set
 * (https://no-color.org). `FORCE_COLOR` is not honoured: Nx sets it for every task, also when
 * the output goes to a CI log or a file.
 */
export function coloursFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colours {
  const on = stream.isTTY === true && env.NO_COLOR === undefined;
  if (!on) return { bold: plain, dim: plain, yellow: plain, red: plain };
  const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
  return { bold: sgr(1, 22), dim: sgr(2, 22), yellow: sgr(33, 39), red: sgr(31, 39) };
}

/**
 * Renders the summary table printed after a successful synth: per stack its resource count, the
 * policy findings (unsuppressed errors, warnings, suppressions), where its state lives and its
 * output file.
 */
export function formatSummary(stacks: readonly StackSummary[], seconds: number): string {
  const rows = [
    ["stack", "resources", "errors", "warnings", "suppressed", "state", "output"],
    ...stacks.map((s) => [
      s.stack,
      String(s.resources),
      String(s.policy.errors),
      String(s.policy.warnings),
      String(s.policy.suppressed),
      s.state,
      s.output,
    ]),
  ];
  const numeric = new Set([1, 2, 3, 4]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const total = (key: keyof PolicySummary) => stacks.reduce((n, s) => n + s.policy[key], 0);
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    "",
    `policy: ${total("errors")} errors, ${total("warnings")} warnings, ${total("suppressed")} suppressed (listed with --verbose; every result: policy.json beside each cdk.tf.json)`,
    ...(stacks.length > 0 ? ["paths (every need and route: paths.json beside each cdk.tf.json):", ...stacks.map((s) => `  ${formatPathsLine(s.stack, s.paths)}`)] : []),
    formatTiming(stacks.length, seconds),
  ].join("\n");
}

/** The last line of every successful synth: stack count and wall time since the process started. */
export function formatTiming(stacks: number, seconds: number): string {
  return `synthesized ${stacks} stack${stacks === 1 ? "" : "s"} in ${seconds.toFixed(1)} s`;
}

/**
 * Groups per-stack lines by site: a line every environment of a site repeats (with the stack
 * name or the environment's config path in it) is printed once, as
 * `<site> (dev, staging, prod): <line>`, with the stack name shown as `<site>-<env>` and the
 * config path as `environments.<env>.…` (`regions.<region>.<env>.…`); a leading `<stack>: ` is dropped since the heading names it.
 */
export function groupBySite(stacks: readonly StackSummary[], linesOf: (s: StackSummary) => readonly string[]): string[] {
  const groups = new Map<string, { site: string; text: string; envs: string[]; stacks: string[] }>();
  for (const s of stacks) {
    for (const line of linesOf(s)) {
      const generic = (line.startsWith(`${s.stack}: `) ? line.slice(s.stack.length + 2) : line)
        .split(s.stack)
        .join("\u0000")
        .replace(new RegExp(`\\b(environments|regions\\.[a-z0-9-]+)\\.${escapeRegExp(s.environment)}\\.`, "g"), "$1.\u0002.");
      const key = `${s.site}\u0001${generic}`;
      const group = groups.get(key) ?? { site: s.site, text: generic, envs: [], stacks: [] };
      group.envs.push(s.environment);
      group.stacks.push(s.stack);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => {
    const text = g.text
      .split("\u0000")
      .join(g.stacks.length === 1 ? g.stacks[0] : `${g.site}-<env>`)
      .split("\u0002")
      .join(g.envs.length === 1 ? g.envs[0] : "<env>");
    const [first, ...rest] = text.split("\n");
    return [`${g.site} (${g.envs.join(", ")}): ${first}`, ...rest].join("\n");
  });
}

/** Options of {@link formatNotes}. */
export interface NotesOptions {
  /** List every policy warning and suppression too. @default false */
  readonly verbose?: boolean;
  /** @default no colour */
  readonly colours?: Colours;
}

/** Site notes, construct warnings and (verbose) policy findings of the synthesized stacks, for after the table. */
export function formatNotes(stacks: readonly StackSummary[], options: NotesOptions = {}): string {
  const c = options.colours ?? coloursFor({ isTTY: false });
  const indent = (text: string) => text.split("\n").map((l) => `  ${l}`).join("\n");
  const section = (title: string, lines: string[]) => (lines.length > 0 ? [[c.bold(title), ...lines.map(indent)].join("\n")] : []);
  return [
    ...section(
      `placeholders (deploy and publish refuse these stacks until they are set; list: ${PLACEHOLDERS_FILE} beside each cdk.tf.json):`,
      groupBySite(stacks, (s) => (s.placeholders ?? []).map((p) => `${p.path}: ${p.what}`)),
    ),
    ...section("notes:", groupBySite(stacks, (s) => s.notes)),
    ...section(
      "warnings (they depend on live account data or trade-offs; synth went on):",
      groupBySite(stacks, (s) => s.warnings).map((w) => `${c.yellow("warning")} ${w}`),
    ),
    ...(options.verbose
      ? section(
          "policy findings (warnings and accepted suppressions):",
          groupBySite(stacks, (s) => s.findings),
        )
      : []),
  ].join("\n\n");
}
