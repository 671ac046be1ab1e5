// @ts-check
/**
 * The fingerprint of a bundle's sources: the content hash of every workspace file esbuild read,
 * of the build settings, the esbuild version and the list of sites. build.js writes it beside the
 * bundle; tools/bin/synth.js recomputes it to run a current bundle without starting Nx.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const SETTINGS = [
  "tools/nx-plugin/build.js",
  "tools/nx-plugin/fingerprint.js",
  "tools/nx-plugin/synth-prelude.js",
  "tsconfig.base.json",
  "package-lock.json",
];

/** Folders of apps/ with a src/main.ts: a new site makes the root bundle stale. */
function siteFolders(workspaceRoot) {
  const apps = path.join(workspaceRoot, "apps");
  if (!fs.existsSync(apps)) return [];
  return fs
    .readdirSync(apps)
    .filter((app) => fs.existsSync(path.join(apps, app, "src", "main.ts")))
    .sort();
}

function hashOf(file) {
  try {
    return crypto.createHash("sha1").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return "missing";
  }
}

/** `files` are relative to the workspace root, with forward slashes. */
function fingerprint(workspaceRoot, files) {
  const all = [...new Set([...files, ...SETTINGS])].sort();
  return {
    esbuild: require("esbuild/package.json").version,
    sites: siteFolders(workspaceRoot),
    files: Object.fromEntries(all.map((f) => [f, hashOf(path.join(workspaceRoot, f))])),
  };
}

/** True when the recorded fingerprint still matches the workspace. */
function isCurrent(workspaceRoot, recorded) {
  const now = fingerprint(workspaceRoot, Object.keys(recorded.files ?? {}));
  return JSON.stringify(now) === JSON.stringify(recorded);
}

module.exports = { fingerprint, isCurrent };
