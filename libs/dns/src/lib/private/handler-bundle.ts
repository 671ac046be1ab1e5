import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { deterministicZip } from "./zip";

/** The built handler: a ZIP with `index.js`, on disk in a content-addressed cache. */
export interface HandlerBundle {
  /** Absolute path of the ZIP (outside the synthesized output; the asset copies it). */
  readonly zipPath: string;
  /** Base64 SHA-256 of the ZIP: Lambda's `CodeSha256`, used as `source_code_hash`. */
  readonly sha256Base64: string;
  /** Hex SHA-256 of the ZIP: the asset hash, so the asset path changes only with the code. */
  readonly sha256Hex: string;
  /** Size of the ZIP in bytes. */
  readonly zipBytes: number;
  /** Size of the bundled `index.js` in bytes. */
  readonly jsBytes: number;
}

/** The lib's root (`libs/dns`): esbuild resolves and names files relative to it. */
const LIB_ROOT = path.resolve(__dirname, "../../..");
const HANDLER_DIR = path.join(LIB_ROOT, "src", "handler");

/**
 * esbuild settings. The AWS SDK v3 stays external: the Node.js Lambda runtimes (nodejs22.x,
 * nodejs24.x) include it (Lambda developer guide, "Building Lambda functions with Node.js").
 * Paths in the output are relative to the lib root, there is no source map and no timestamp,
 * so the output depends only on the handler sources and the esbuild version.
 */
const BUILD_OPTIONS = {
  entryPoints: ["src/handler/index.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["@aws-sdk/*", "@smithy/*"],
  outfile: "index.js",
  charset: "utf8",
  legalComments: "none",
  sourcemap: false,
  minify: false,
  write: false,
  metafile: true,
  logLevel: "silent",
} as const;

let memo: HandlerBundle | undefined;

/**
 * Builds the carrier-IP updater handler with esbuild into a deterministic ZIP, once per process
 * and once per distinct source on disk: the cache key is the hash of every file under
 * `src/handler`, the esbuild version and the build options. A rebuild happens only when one of
 * them changes; Nx caches the synth targets that run this on top.
 */
export function handlerBundle(): HandlerBundle {
  if (memo && fs.existsSync(memo.zipPath)) return memo;
  const key = cacheKey(esbuild.version);
  const dir = cacheDir();
  // Content-addressed directory, fixed file name: the asset path shows a readable name.
  const zipPath = path.join(dir, key.slice(0, 32), "carrier-ip-updater.zip");
  const metaPath = `${zipPath}.json`;
  if (!fs.existsSync(zipPath) || !fs.existsSync(metaPath)) {
    const { zip, jsBytes } = buildHandlerZip();
    fs.mkdirSync(path.dirname(zipPath), { recursive: true });
    writeAtomically(zipPath, zip);
    writeAtomically(metaPath, Buffer.from(JSON.stringify({ jsBytes })));
  }
  const zip = fs.readFileSync(zipPath);
  const meta = JSON.parse(fs.readFileSync(metaPath, "utf8")) as { jsBytes: number };
  memo = {
    zipPath,
    sha256Base64: crypto.createHash("sha256").update(zip).digest("base64"),
    sha256Hex: crypto.createHash("sha256").update(zip).digest("hex"),
    zipBytes: zip.length,
    jsBytes: meta.jsBytes,
  };
  return memo;
}

/** Runs esbuild and zips the output, without any cache. */
export function buildHandlerZip(): { zip: Buffer; js: Uint8Array; jsBytes: number } {
  const result = esbuild.buildSync({
    ...BUILD_OPTIONS,
    entryPoints: [...BUILD_OPTIONS.entryPoints],
    external: [...BUILD_OPTIONS.external],
    absWorkingDir: LIB_ROOT,
  });
  const outside = Object.keys(result.metafile?.inputs ?? {}).filter(
    (input) => !input.startsWith("src/handler/"),
  );
  if (outside.length > 0) {
    // The cache key covers src/handler only; an import from elsewhere would be cached stale.
    throw new Error(
      `the carrier-ip updater handler must only import from src/handler and the AWS SDK; it bundles ${outside.join(", ")}`,
    );
  }
  const js = result.outputFiles[0].contents;
  return { zip: deterministicZip({ "index.js": js }), js, jsBytes: js.length };
}

function cacheKey(esbuildVersion: string): string {
  const hash = crypto.createHash("sha256");
  hash.update(JSON.stringify({ esbuildVersion, BUILD_OPTIONS }));
  for (const file of listFiles(HANDLER_DIR)) {
    hash.update(`\0${path.relative(HANDLER_DIR, file).split(path.sep).join("/")}\0`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
    })
    .sort();
}

/** `node_modules/.cache/edge-dns` of the workspace (the usual home of tool caches). */
function cacheDir(): string {
  const esbuildPackage = require.resolve("esbuild/package.json");
  const nodeModules = esbuildPackage.slice(
    0,
    esbuildPackage.lastIndexOf(`${path.sep}node_modules${path.sep}`) + "/node_modules".length,
  );
  return path.join(nodeModules, ".cache", "edge-dns");
}

/** Writes via a temporary file and a rename, so concurrent synths never read half a file. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
