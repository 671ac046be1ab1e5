import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { EdgeConfigError } from "@edge/core";
import { ustar, type TarEntry } from "./private/ustar";

/** One file of a configuration archive. */
export interface ArchivedFile {
  /** Path inside the archive, relative to the stack directory (`cdk.tf.json`, `assets/…`). */
  readonly path: string;
  readonly bytes: number;
}

/** A stack directory packed for upload. */
export interface StackArchive {
  /** The `.tar.gz` to upload. */
  readonly data: Buffer;
  /** The files it holds, in archive order. */
  readonly files: readonly ArchivedFile[];
}

/**
 * Names never uploaded: provider caches, local state and plans belong to one machine, and the
 * reports synth writes beside `cdk.tf.json` (`policy.json`, `paths.json`, `placeholders.json`)
 * are for people, not runs. The provider lock file `.terraform.lock.hcl` is uploaded: a run
 * installs the providers it pins.
 */
const EXCLUDED_DIRS = new Set([".terraform", "terraform.tfstate.d"]);
const EXCLUDED_FILE = /(\.tfstate(\.backup)?|\.tfplan|^\.terraform\.tfstate\.lock\.info|^(policy|paths|placeholders)\.json)$/;

/** Options of {@link archiveStackDir}. */
export interface ArchiveOptions {
  /**
   * The workspace's working directory: the stack's files go below it, so that a run that starts
   * there finds `cdk.tf.json`. A relative path without `..`. @default "" (the archive's root)
   */
  readonly workingDirectory?: string;
}

/**
 * A working directory as archive members name it: no leading `./` or slashes; undefined when it
 * leaves the archive. A leading slash means the archive's root, as Terraform Cloud reads it (the
 * workspaces API's own samples set `"working-directory": "/networking"`).
 */
export function normalizeWorkingDirectory(dir: string): string | undefined {
  const parts = dir.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) return undefined;
  return parts.join("/");
}

/**
 * Packs a synthesized stack directory (`cdktf.out/stacks/<stack>`) as a gzipped tar whose root is
 * the directory itself (or the workspace's working directory below the root): `cdk.tf.json` sits
 * there, assets (such as a Lambda zip) keep their relative paths. Output is reproducible: members are sorted and carry no owner or time.
 */
export function archiveStackDir(dir: string, options: ArchiveOptions = {}): StackArchive {
  const prefix = normalizeWorkingDirectory(options.workingDirectory ?? "");
  if (prefix === undefined) {
    throw new EdgeConfigError({
      code: "EDGE_TFC_WORKING_DIRECTORY",
      path: "working-directory",
      value: options.workingDirectory,
      problem: "the working directory leaves the uploaded archive",
      fix: "use a relative path inside the archive, such as stacks/<stack>, or leave it empty",
    });
  }
  const main = path.join(dir, "cdk.tf.json");
  if (!fs.existsSync(main)) {
    throw new EdgeConfigError({
      code: "EDGE_TFC_STACK",
      path: dir,
      value: undefined,
      problem: "the stack directory holds no cdk.tf.json",
      fix: "synthesize the stack first (npx nx run <site>:synth)",
    });
  }
  const entries: TarEntry[] = [];
  const files: ArchivedFile[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const name of fs.readdirSync(abs).sort()) {
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const stat = fs.lstatSync(childAbs);
      if (stat.isDirectory()) {
        if (EXCLUDED_DIRS.has(name)) continue;
        entries.push({ path: childRel, type: "directory" });
        walk(childAbs, childRel);
      } else if (stat.isFile()) {
        if (EXCLUDED_FILE.test(name)) continue;
        const data = fs.readFileSync(childAbs);
        entries.push({ path: childRel, type: "file", data, mode: stat.mode & 0o111 ? 0o755 : 0o644 });
        files.push({ path: childRel, bytes: data.length });
      } else {
        throw new EdgeConfigError({
          code: "EDGE_TFC_ARCHIVE",
          path: childAbs,
          value: stat.isSymbolicLink() ? "symbolic link" : "special file",
          problem: "only regular files and directories can be uploaded",
          fix: "replace it with a copy of the file, or remove it from the stack directory",
        });
      }
    }
  };
  const root = prefix ? prefix.split("/").map((_, i, all) => all.slice(0, i + 1).join("/")) : [];
  entries.push(...root.map((p): TarEntry => ({ path: p, type: "directory" })));
  walk(dir, prefix);
  return { data: gzipSync(ustar(entries), { level: 9 }), files };
}
