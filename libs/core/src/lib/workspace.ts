import * as fs from "node:fs";
import * as path from "node:path";
import { EdgeConfigError } from "./errors";

/** Reads a comma-separated list from an environment variable; undefined when unset or blank. */
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
 * A command-line parsing failure (node:util `parseArgs` throws one for an unknown option or a
 * missing value) as a configuration error at `arguments`: its first sentence, the arguments as
 * given, and the command's usage as the fix. Not `instanceof Error`: under a test VM the error
 * may come from another realm.
 */
export function argumentsError(err: unknown, argv: readonly string[], code: string, fix: string): EdgeConfigError {
  const message = String((err as { message?: unknown })?.message ?? err).split("\n")[0].split(". ")[0];
  return new EdgeConfigError({
    code,
    path: "arguments",
    value: argv.join(" "),
    problem: message.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()),
    fix,
  });
}
