import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  checkSynthInput,
  describeValue,
  ENVIRONMENT_CATALOG_FILE,
  siteConfigFile,
  siteSelectionErrors,
  type EdgeConfigError,
  type SiteDefinition,
} from "@edge/core";
import { TEST_REPO_ROOT } from "@edge/core/testing";
import { environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import { Testing } from "cdktf";
import { applyEdits, pathParts, type ConfigEdits } from "./config-edits";

/** One error as the user sees it: code, path and file, and the value as printed. */
export interface SeenError {
  readonly stack: string;
  readonly code: string;
  readonly path: string;
  readonly file: string;
  /** The value as the CLI prints it (`describeValue`). */
  readonly value: string;
  readonly problem: string;
  readonly fix: string;
  /**
   * What is written at `path` in `file`, printed as the CLI prints values, and the path's last
   * key (a key error prints the key as written); undefined when the path is not in a config file
   * (the command line), or for spawned runs.
   */
  readonly written?: { readonly value: string; readonly key: string };
}

/** What a run of the corpus input produced. */
export interface RunOutcome {
  readonly errors: readonly SeenError[];
  /** Stacks synthesized (in-process: built) when there was no error. */
  readonly stacks: number;
  /** What the CLI printed to stderr (spawned runs only), for the no-stack-trace check. */
  readonly stderr?: string;
  readonly exitCode?: number;
}

const seen = (stack: string, e: EdgeConfigError, written?: SeenError["written"]): SeenError => ({
  stack,
  code: e.code,
  path: e.path,
  file: e.file ?? "",
  value: describeValue(e.value),
  problem: e.problem,
  fix: e.fix,
  ...(written ? { written } : {}),
});

/** Follows `parts` into plain config data; undefined where a key is missing. */
function follow(value: unknown, parts: readonly string[]): unknown {
  let cur = value;
  for (const p of parts) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * What the user wrote at an error's path in its file (the environment catalog, or a site's
 * `environments.<env>` or `regions.<region>.<env>` entries), read from the config as
 * edited; undefined for a path outside the config files (the command line).
 */
export function writtenAt(
  e: Pick<EdgeConfigError, "path" | "file">,
  sites: ReadonlyMap<string, SiteDefinition>,
): SeenError["written"] {
  const parts = pathParts(e.path);
  const key = describeValue(parts[parts.length - 1]);
  if (e.file === ENVIRONMENT_CATALOG_FILE && parts[0] === "environments") {
    return { value: describeValue(follow(SHIPPED_ENVIRONMENTS, parts.slice(1))), key };
  }
  const site = [...sites.values()].find((s) => siteConfigFile(s.name) === e.file);
  if (!site) return undefined;
  if (parts[0] === "environments") return { value: describeValue(follow(site.environments, parts.slice(1))), key };
  if (parts[0] === "regions" && parts[2] === "environments") {
    return { value: describeValue(follow(site.regions?.[parts[1]], parts.slice(3))), key };
  }
  return undefined;
}

/** Runs `fn` with `edits` applied to the environment catalog and the sites' config entries, then restores both. */
export function withEdits<T>(
  edits: ConfigEdits,
  sites: ReadonlyMap<string, SiteDefinition>,
  fn: () => T,
): T {
  const envs = SHIPPED_ENVIRONMENTS as Record<string, unknown>;
  const savedEnvs = structuredClone(envs);
  // Every record a site keeps entries in: its environments, and each further home Region's.
  const records = [...sites.values()].flatMap((s) => [
    s.environments as Record<string, unknown>,
    ...Object.values(s.regions ?? {}).map((r) => r as Record<string, unknown>),
  ]);
  // One clone of them all keeps what the entries share (region-hub's us-west-2 entry spreads its
  // dev entry): restored, they share it again, as in site.ts.
  const saved = structuredClone(records);
  try {
    applyEdits(edits, envs, (name) => {
      const s = sites.get(name);
      if (!s) throw new Error(`no site ${name}`);
      return s;
    });
    return fn();
  } finally {
    restore(envs, savedEnvs);
    records.forEach((r, i) => restore(r, saved[i]));
  }
}

function restore(target: Record<string, unknown>, saved: Record<string, unknown>): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, saved);
}

/**
 * What synth checks, in this process: the site selection, the environments and every site in
 * every environment (`checkSynthInput`, the runner's own code); with no error, every stack is
 * synthesized too (aspects and validations).
 */
export function runInProcess(
  edits: ConfigEdits,
  sites: ReadonlyMap<string, SiteDefinition>,
  siteNames: readonly string[],
  envNames: readonly string[],
): RunOutcome {
  const selection = siteSelectionErrors(siteNames, [...sites.keys()]);
  if (selection.length > 0) return { errors: selection.map((e) => seen("", e)), stacks: 0 };
  return withEdits(edits, sites, () => {
    const app = Testing.app();
    const layout = { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") };
    const result = checkSynthInput(
      app,
      siteNames.map((n) => sites.get(n)!),
      envNames,
      layout,
      { catalog: environmentCatalog, adHocRefusals: "error" },
    );
    if (result.errors.length === 0) for (const stack of result.stacks) Testing.synth(stack, true);
    return {
      errors: result.errors.map((e) => seen(e.prefix, e.error, writtenAt(e.error, sites))),
      // Synth writes no stack when any error was found (all or nothing), whatever was built.
      stacks: result.errors.length === 0 ? result.stacks.length : 0,
    };
  });
}

const ROOT = path.resolve(__dirname, "../../..");

/**
 * The synth command as a user runs it (`npm run synth` is `node --import tsx tools/synth.ts`),
 * with the config edits applied in memory by a wrapper and the output in a scratch directory.
 * Parses what it printed back into errors.
 */
export function runSpawned(
  edits: ConfigEdits,
  env: { EDGE_ENVS?: string; EDGE_SITES?: string },
): RunOutcome {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "edge-corpus-"));
  try {
    const outdir = path.join(scratch, "cdktf.out");
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(__dirname, "synth-with-patch.ts")],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: {
          ...process.env,
          EDGE_TEST_CONFIG_EDITS: JSON.stringify(edits),
          CDKTF_OUTDIR: outdir,
          EDGE_ENVS: env.EDGE_ENVS ?? "",
          EDGE_SITES: env.EDGE_SITES ?? "",
        },
      },
    );
    const stacks = fs.existsSync(path.join(outdir, "stacks"))
      ? fs.readdirSync(path.join(outdir, "stacks")).length
      : 0;
    return {
      errors: parseErrors(result.stderr),
      stacks,
      stderr: result.stderr,
      exitCode: result.status ?? -1,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Parses the error blocks the synth command prints. */
export function parseErrors(stderr: string): SeenError[] {
  const out: SeenError[] = [];
  for (const block of stderr.split(/\n\n+/)) {
    const head = /^(?:(\S+): )?error (\S+) at (.+)$/m.exec(block);
    if (!head) continue;
    const lines = block.split("\n").slice(1);
    const field = (name: string) =>
      lines.find((l) => l.startsWith(`  ${name}:`))?.replace(/^\s+\w+:\s+/, "") ?? "";
    const problem = lines.find((l) => !/^\s+(file|value|fix):/.test(l))?.trim() ?? "";
    out.push({
      stack: head[1] ?? "",
      code: head[2],
      path: head[3],
      file: field("file"),
      value: field("value"),
      problem,
      fix: field("fix"),
    });
  }
  return out;
}
