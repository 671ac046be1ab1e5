import * as fs from "node:fs";
import * as path from "node:path";
import { AnnotationMetadataEntryType } from "cdktf";

/** Counts the `resource` blocks of a synthesized stack's Terraform JSON. */
export function countResources(json: Readonly<Record<string, unknown>>): number {
  const resources = (json.resource ?? {}) as Record<string, Record<string, unknown>>;
  return Object.values(resources).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/**
 * Entries of a stack folder that terraform (run by `cdktf diff|deploy` in that folder) owns: the
 * provider cache `.terraform/`, the dependency lock file `.terraform.lock.hcl`, and local state
 * files. Synth never replaces or removes them; everything else in a stack folder is generated.
 */
export function isTerraformOwned(entry: string): boolean {
  return entry === ".terraform" || entry.startsWith(".terraform.") || entry.startsWith("terraform.tfstate");
}

/** The synthesized JSON of a stack, `stacks/<stack>/cdk.tf.json` (cdktf's `Manifest`). */
const STACK_FILE = "cdk.tf.json";

/** The parts of `cdktf.out/manifest.json` the runner reads (cdktf's `Manifest`). */
interface Manifest {
  version: string;
  stacks: Record<string, { synthesizedStackPath: string; annotations?: { level: string }[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

/**
 * Moves a finished synth from `tmp` (a sibling of `outdir`, so on the same file system) into
 * `outdir`, the way the cdktf CLI expects its output directory to behave:
 *
 * - Only files are swapped, never stack folders: terraform's entries in a stack folder
 *   ({@link isTerraformOwned}) stay, so `cdktf diff|deploy` does not re-run a full `terraform init`
 *   and the provider lock file is kept. The CLI (cdktf-cli 0.21, `@cdktf/cli-core`
 *   `SynthStack.synth`) lists the stack folders before it runs the app and afterwards removes,
 *   with `fs.rmSync` and no `force`, every listed folder the manifest does not name; a folder the
 *   app removed itself makes that call fail with ENOENT. So no folder is ever removed here.
 * - The manifest names the stacks of this synth (`full`) or those plus every earlier stack whose
 *   `cdk.tf.json` is still there (`merge`): the CLI reads the file of every stack the manifest
 *   names (`SynthStack.readSynthesizedStacks`), so it must never name a missing one.
 * - Warning and info annotations are dropped from the manifest: the CLI prints the annotations of
 *   every stack in it (`printAnnotations` in `@cdktf/cli-core` `synth.js`), which replayed the
 *   warnings of stacks not being deployed and repeated the ones the runner already printed.
 *
 * All or nothing: the new files are complete in `tmp` before anything in `outdir` changes, and
 * every rename is journaled; if one fails, the ones done are undone in reverse order.
 */
export function commitOutput(tmp: string, outdir: string, stacks: readonly string[], mode: "full" | "merge"): void {
  withDirectoryLock(`${outdir}.lock`, () => {
    const journal: { from: string; to: string }[] = [];
    const created: string[] = [];
    const move = (from: string, to: string) => {
      fs.renameSync(from, to);
      journal.push({ from, to });
    };
    const ensureDir = (dir: string) => {
      if (fs.existsSync(dir)) return;
      ensureDir(path.dirname(dir));
      fs.mkdirSync(dir);
      created.push(dir);
    };
    const replaced = path.join(tmp, ".replaced");
    /** Moves the generated entries of a stack folder aside (into `tmp`, removed afterwards). */
    const setAside = (name: string) => {
      const dir = path.join(outdir, "stacks", name);
      if (!fs.existsSync(dir)) return;
      const generated = fs.readdirSync(dir).filter((e) => !isTerraformOwned(e));
      if (generated.length === 0) return;
      fs.mkdirSync(path.join(replaced, name), { recursive: true });
      for (const entry of generated) move(path.join(dir, entry), path.join(replaced, name, entry));
    };
    try {
      for (const name of stacks) {
        const target = path.join(outdir, "stacks", name);
        ensureDir(target);
        setAside(name);
        for (const entry of fs.readdirSync(path.join(tmp, "stacks", name))) {
          move(path.join(tmp, "stacks", name, entry), path.join(target, entry));
        }
      }
      if (mode === "full") {
        const stacksDir = path.join(outdir, "stacks");
        for (const name of fs.readdirSync(stacksDir)) {
          if (!stacks.includes(name) && fs.statSync(path.join(stacksDir, name)).isDirectory()) setAside(name);
        }
      }
      const manifestFile = path.join(outdir, "manifest.json");
      const next = path.join(tmp, "manifest.next.json");
      fs.writeFileSync(next, `${JSON.stringify(nextManifest(manifestFile, path.join(tmp, "manifest.json"), outdir, mode), null, 2)}\n`);
      if (fs.existsSync(manifestFile)) move(manifestFile, path.join(tmp, "manifest.previous.json"));
      move(next, manifestFile);
    } catch (err) {
      for (const { from, to } of journal.reverse()) fs.renameSync(to, from);
      for (const dir of created.reverse()) fs.rmdirSync(dir);
      throw err;
    }
  });
}

/**
 * The manifest to write: this synth's stacks, plus (merge) every other stack whose `cdk.tf.json`
 * is on disk: those the previous manifest names, and those it does not because an Nx cache hit of
 * `nx run <site>:synth` restored their files (the target caches the stack folders' files, never
 * the shared manifest; tools/nx-plugin/targets.js). Such a stack gets the entry cdktf's
 * `Manifest.forStack` writes for a top-level stack, which depends on its name alone.
 */
function nextManifest(current: string, incoming: string, outdir: string, mode: "full" | "merge"): Manifest {
  const next = JSON.parse(fs.readFileSync(incoming, "utf8")) as Manifest;
  const previous =
    mode === "merge" && fs.existsSync(current) ? (JSON.parse(fs.readFileSync(current, "utf8")) as Manifest).stacks : {};
  const kept = Object.entries(previous).filter(
    ([name, s]) => !(name in next.stacks) && fs.existsSync(path.join(outdir, s.synthesizedStackPath)),
  );
  const restored =
    mode === "merge"
      ? synthesizedStackFolders(outdir)
          .filter((name) => !(name in next.stacks) && !(name in previous))
          .map((name) => [name, manifestEntry(name)] as const)
      : [];
  const all = { ...Object.fromEntries(restored), ...Object.fromEntries(kept), ...next.stacks };
  const quiet = (s: Manifest["stacks"][string]) => ({ ...s, annotations: (s.annotations ?? []).filter((a) => a.level === AnnotationMetadataEntryType.ERROR) });
  const stacks = Object.fromEntries(Object.keys(all).sort().map((k) => [k, quiet(all[k])]));
  return { ...next, stacks };
}

/** The folders of `<outdir>/stacks` that hold a synthesized `cdk.tf.json`. */
function synthesizedStackFolders(outdir: string): string[] {
  const stacksDir = path.join(outdir, "stacks");
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .filter((name) => fs.existsSync(path.join(stacksDir, name, STACK_FILE)))
    .sort();
}

/**
 * The manifest entry cdktf 0.21 writes for a top-level stack (`Manifest.forStack` in
 * `cdktf/lib/manifest.js`): paths from its id, no annotations once warnings are dropped, and no
 * dependencies (stacks here never reference each other: EDGE_CROSS_STACK_REFERENCE).
 */
function manifestEntry(name: string): Manifest["stacks"][string] {
  return {
    name,
    constructPath: name,
    workingDirectory: `stacks/${name}`,
    synthesizedStackPath: `stacks/${name}/${STACK_FILE}`,
    stackMetadataPath: `stacks/${name}/metadata.json`,
    annotations: [],
    dependencies: [],
  };
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
