import * as fs from "node:fs";

/** Counts the `resource` blocks of a synthesized stack. */
export function countResources(file: string): number {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

interface Manifest {
  version: string;
  stacks: Record<string, unknown>;
  [key: string]: unknown;
}

/** Adds the stacks of `incoming` to the manifest at `target`, replacing same-named entries. */
export function mergeManifest(target: string, incoming: string): void {
  const next = JSON.parse(fs.readFileSync(incoming, "utf8")) as Manifest;
  const current = fs.existsSync(target) ? (JSON.parse(fs.readFileSync(target, "utf8")) as Manifest) : undefined;
  const stacks = { ...(current?.stacks ?? {}), ...next.stacks };
  const sorted = Object.fromEntries(Object.keys(stacks).sort().map((k) => [k, stacks[k]]));
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify({ ...next, stacks: sorted }, null, 2)}\n`);
  fs.renameSync(tmp, target);
}

/**
 * Runs `fn` while holding a lock directory, so parallel per-site synths (Nx runs targets in
 * parallel) never interleave their moves into the shared output directory.
 */
export function withDirectoryLock<T>(lockDir: string, fn: () => T, timeoutMs = 60_000): T {
  const deadline = Date.now() + timeoutMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (Date.now() > deadline) {
        throw new Error(`could not lock ${lockDir} within ${timeoutMs} ms; remove it if no synth is running`);
      }
      Atomics.wait(sleeper, 0, 0, 50);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
