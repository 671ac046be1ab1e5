// @ts-check
/**
 * The `build` target: one esbuild bundle per entry, run by `synth` with plain node.
 *
 *   node tools/nx-plugin/build.js apps/<site>   apps/<site>/src/main.ts -> dist/apps/<site>/main.js
 *   node tools/nx-plugin/build.js tools         tools/synth.ts and every site -> dist/tools/synth.js
 *
 * The workspace's own TypeScript (apps, libs, tools, resolved through tsconfig paths) and the npm
 * packages it imports (cdktf, the provider's resource modules, constructs, zod) are bundled into
 * one file: node then parses one file without comments or inline source maps instead of
 * resolving and compiling ~540 modules (~12 MB) from node_modules, which cut the synth's CPU
 * and peak memory. Whitespace and syntax are minified (3.4 MB instead of 5.2 MB to read, hash
 * and parse; names are kept, so stack traces and anything that reads a class or function name
 * are unchanged); the linked source map maps traces back to the sources. tools/bin/synth.js runs
 * the root bundle with V8's code cache (tools/bin/load-bundle.js). esbuild itself (a native binary, used by the DNS lib to build its Lambda
 * handler at synth time) stays external. Source files that use
 * `__dirname` keep seeing their own folder, so files read next to the sources (the DNS lib's
 * Lambda handler sources) are found from the bundle. synth-prelude.js runs first.
 */
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");
const { fingerprint } = require("./fingerprint");

const workspaceRoot = path.resolve(__dirname, "..", "..");

/** Gives a bundled module its own source folder as `__dirname`, relative to the bundle. */
function sourceDirname(outdir) {
  return {
    name: "source-dirname",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = fs.readFileSync(args.path, "utf8");
        if (!/\b__dirname\b/.test(source)) return undefined;
        const rel = path.relative(outdir, path.dirname(args.path)).split(path.sep).join("/");
        const header = `const __dirname = require("node:path").join(__edgeBundleDir, ${JSON.stringify(rel)});`;
        return { contents: `${header}\n${source}`, loader: "ts" };
      });
    },
  };
}

/**
 * cdktf records the creation stack of every token it makes (`captureStackTrace` in
 * `cdktf/lib/tokens/private/stack-trace.js`, kept as `creationStack` and shown only when a token
 * cannot be resolved): V8 collects every frame, at unlimited depth, for each token. The prelude
 * (synth-prelude.js) already formats those captures as "", so the function returns [] in a
 * bundle; this gives it that body and skips the frame walk (about 5% of the synth's CPU).
 */
function noTokenStackTraces() {
  return {
    name: "no-token-stack-traces",
    setup(build) {
      build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
        contents: [
          '"use strict";',
          'Object.defineProperty(exports, "__esModule", { value: true });',
          "exports.captureStackTrace = function captureStackTrace() { return []; };",
        ].join("\n"),
        loader: "js",
      }));
    },
  };
}

/** The root synth entry: every site's main module, registered before tools/synth.ts runs. */
function synthEntry() {
  const apps = fs
    .readdirSync(path.join(workspaceRoot, "apps"))
    .filter((app) => fs.existsSync(path.join(workspaceRoot, "apps", app, "src", "main.ts")))
    .sort();
  const lines = apps.map(
    (app) => `  ${JSON.stringify(app)}: () => require("./apps/${app}/src/main.ts"),`,
  );
  return ["globalThis.__edgeSiteModules = {", ...lines, "};", 'require("./tools/synth.ts");'].join(
    "\n",
  );
}

function options(projectRoot) {
  const outdir = path.join(workspaceRoot, "dist", projectRoot);
  const common = {
    absWorkingDir: workspaceRoot,
    bundle: true,
    platform: /** @type {const} */ ("node"),
    target: "node20",
    format: /** @type {const} */ ("cjs"),
    external: ["esbuild"],
    tsconfig: path.join(workspaceRoot, "tsconfig.base.json"),
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: /** @type {const} */ ("linked"),
    sourcesContent: false,
    legalComments: /** @type {const} */ ("none"),
    metafile: true,
    logLevel: /** @type {const} */ ("warning"),
    banner: {
      js: `const __edgeBundleDir = __dirname;\n${fs.readFileSync(path.join(__dirname, "synth-prelude.js"), "utf8")}`,
    },
    plugins: [sourceDirname(outdir), noTokenStackTraces()],
  };
  if (projectRoot === "tools") {
    return {
      ...common,
      stdin: {
        contents: synthEntry(),
        resolveDir: workspaceRoot,
        sourcefile: "synth-entry.ts",
        loader: /** @type {const} */ ("ts"),
      },
      outfile: path.join(outdir, "synth.js"),
      // The sites are loaded as modules here; none of them is the process's main module.
      define: { "require.main": "undefined" },
    };
  }
  const entry = path.join(workspaceRoot, projectRoot, "src", "main.ts");
  if (!fs.existsSync(entry)) throw new Error(`${projectRoot} has no src/main.ts to build`);
  return { ...common, entryPoints: [entry], outfile: path.join(outdir, "main.js") };
}

const projectRoot = process.argv[2];
if (!projectRoot) {
  process.stderr.write("usage: node tools/nx-plugin/build.js <apps/<site>|tools>\n");
  process.exit(2);
}
const root = projectRoot.replace(/\/+$/, "");
const built = options(root);
fs.rmSync(path.join(workspaceRoot, "dist", root), { recursive: true, force: true });
esbuild.build(built).then(
  (result) => {
    // What the bundle was built from, so tools/bin/synth.js can tell it is current without Nx.
    // npm packages are covered by package-lock.json (in the fingerprint's settings).
    const inputs = Object.keys(result.metafile.inputs).filter(
      (f) => !f.startsWith("<") && !f.includes("node_modules/"),
    );
    fs.writeFileSync(
      `${built.outfile}.inputs.json`,
      `${JSON.stringify(fingerprint(workspaceRoot, inputs), null, 2)}\n`,
    );
  },
  () => {
    process.exitCode = 1; // esbuild has printed the errors
  },
);
