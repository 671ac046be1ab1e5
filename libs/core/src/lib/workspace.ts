import * as fs from "node:fs";
import * as path from "node:path";

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
