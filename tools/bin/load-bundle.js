// @ts-check
/**
 * Runs a CommonJS bundle as `require` would, with V8's code cache: the bytecode V8 compiled for
 * the bundle in an earlier run (every function that run used, not only the top level) is kept in
 * `dist/.code-cache/`, so the next run neither parses nor compiles those functions again. Node 20
 * has no `module.enableCompileCache`; this is the `vm.Script` `cachedData` route it builds on.
 *
 * The cache file starts with the SHA-256 of the bundle's text, the Node version, the platform
 * and the architecture, and is used only when all of them match (V8 itself checks only the
 * source length and its own version and flags, and rejects what it cannot use). A missing,
 * stale or rejected cache is rewritten when the process exits; the process runs the same either
 * way. Set EDGE_CODE_CACHE=0 to load the bundle without it.
 *
 * The cache holds only the functions of the run that wrote it. A partial run (`--help`, one
 * site) that comes first after a build would leave every later full synth compiling the rest
 * lazily, so the byte after the key says whether a complete run that succeeded wrote the cache,
 * and the first such run replaces a partial run's cache once.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const KEY_BYTES = 32;

/** Where the code cache of `bundle` lives: dist/.code-cache/<path below dist, / as ->. */
function cacheFileOf(bundle) {
  const dist = path.resolve(path.dirname(bundle), "..");
  const below = path.relative(dist, bundle).split(path.sep).join("--");
  return path.join(dist, ".code-cache", `${below}.bin`);
}

/** The cache's key: what the cached bytecode was compiled from and for. */
function keyOf(source) {
  return crypto
    .createHash("sha256")
    .update(source)
    .update(`\0${process.version}\0${process.platform}\0${process.arch}`)
    .digest();
}

/** The cached bytecode for `key`, and whether a complete run wrote it. */
function readCache(file, key) {
  try {
    const data = fs.readFileSync(file);
    if (data.length <= KEY_BYTES || !data.subarray(0, KEY_BYTES).equals(key)) return undefined;
    return { complete: data[KEY_BYTES] === 1, data: data.subarray(KEY_BYTES + 1) };
  } catch {
    return undefined;
  }
}

/** Writes next to the target and renames, so a concurrent run never reads half a cache. */
function writeCache(file, key, complete, data) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([key, Buffer.from([complete ? 1 : 0]), data]));
    fs.renameSync(tmp, file);
  } catch {
    // A read-only checkout only loses the speed-up.
  }
}

/**
 * Loads and runs `bundle` (an absolute path) as the CommonJS module it is. `complete`: this run
 * uses the whole bundle (a full synth), so its cache replaces one a partial run wrote.
 * @param {string} bundle
 * @param {{ complete?: boolean }} [options] complete defaults to true
 */
function loadBundle(bundle, options = {}) {
  const complete = options.complete !== false;
  if (process.env.EDGE_CODE_CACHE === "0") {
    require(bundle);
    return;
  }
  const source = fs.readFileSync(bundle, "utf8");
  const key = keyOf(source);
  const file = cacheFileOf(bundle);
  const cached = readCache(file, key);
  // Module.wrap adds the CommonJS wrapper on the bundle's first line: line numbers of stack
  // traces stay those of the bundle (and of its source map).
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    ...(cached ? { cachedData: cached.data } : {}),
  });
  if (!cached || script.cachedDataRejected || (complete && !cached.complete)) {
    // After the run, the cache holds every function the run compiled (those it read from the
    // cache included).
    // A run that failed stopped early: its cache counts as partial.
    process.once("exit", (code) => writeCache(file, key, complete && code === 0, script.createCachedData()));
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  const wrapper = script.runInThisContext();
  wrapper.call(
    mod.exports,
    mod.exports,
    Module.createRequire(bundle),
    mod,
    bundle,
    path.dirname(bundle),
  );
  mod.loaded = true;
}

module.exports = { loadBundle, cacheFileOf };
