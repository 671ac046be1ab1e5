// @ts-check
/**
 * Every target of the workspace, declared once: command, inputs, outputs and dependencies. The
 * plugin (index.js) gives each project the targets of its kind; `nx show project <name>` lists
 * them. A project.json may still override one target, but none needs to.
 */
const fs = require("node:fs");
const path = require("node:path");

/** Shared by every kind: type-aware lint and the TypeScript project of the folder. */
const lint = () => ({
  command: "eslint {projectRoot}",
  cache: true,
  inputs: ["default", "^production", "{workspaceRoot}/eslint.config.mjs"],
});

/**
 * `tsc -b` builds the project's references first (each lib once, its declarations cached in
 * dist/out-tsc), then checks only this project's own files against them.
 */
const typecheck = () => ({
  command: "tsc -b {projectRoot}/tsconfig.json",
  cache: true,
  dependsOn: ["^typecheck"],
  inputs: ["default", "^production", { externalDependencies: ["typescript"] }],
  outputs: ["{workspaceRoot}/dist/out-tsc/{projectRoot}"],
});

/**
 * One Jest config for every project: jest.preset.js with the project's folder as rootDir. Nx runs
 * several projects' tasks at once (its default `parallel`, 3), which keeps the cores busy; each
 * Jest runs its files in band, because a worker process would load cdktf and the provider
 * modules again (about 1.5 s of CPU each) for cores that other tasks already use. (Jest's own
 * default is one worker per core but one: the same on 2 cores, oversubscribed on more.) The
 * workspace tests are the exception: the longest task by far (spawned synths, the generator on a
 * copy of the workspace), they run last, when the other projects are done, so two workers use
 * both cores (on 2 cores a cold npm test took 156 s in band, 121 s with two workers).
 */
const test = (extraInputs = [], dependsOn = [], workers = "--runInBand") => ({
  command: `jest -c jest.preset.js --rootDir {projectRoot} ${workers}`,
  cache: true,
  dependsOn,
  inputs: [
    "default",
    "^production",
    "{workspaceRoot}/jest.preset.js",
    "{workspaceRoot}/.swcrc",
    ...extraInputs,
  ],
});

/** One esbuild bundle per entry (tools/nx-plugin/build.js); synth runs it with plain node. */
const build = () => ({
  command: "node tools/nx-plugin/build.js {projectRoot}",
  cache: true,
  inputs: [
    "production",
    "^production",
    "{workspaceRoot}/tools/nx-plugin/build.js",
    "{workspaceRoot}/tools/nx-plugin/fingerprint.js",
    "{workspaceRoot}/tools/nx-plugin/synth-prelude.js",
    { externalDependencies: ["esbuild"] },
  ],
  outputs: ["{workspaceRoot}/dist/{projectRoot}"],
});

const synth = (name) => ({
  command: "node dist/{projectRoot}/main.js",
  cache: true,
  dependsOn: ["build"],
  inputs: ["production", "^production", { env: "EDGE_ENVS" }, { env: "CDKTF_OUTDIR" }],
  // The files synth generates in the site's stack folders, never the folders: a cache hit must
  // not bring back, or remove, what terraform keeps there (.terraform/, .terraform.lock.hcl).
  outputs: [`{workspaceRoot}/cdktf.out/stacks/${name}-*/*.json`, `{workspaceRoot}/cdktf.out/stacks/${name}-*/assets/**/*`],
});

const diagram = (name) => ({
  command: `node --import tsx tools/diagram.ts ${name}`,
  cache: true,
  inputs: [
    "production",
    "^production",
    "{workspaceRoot}/tools/diagram.ts",
    "{workspaceRoot}/tools/src/**/*",
  ],
  outputs: [`{workspaceRoot}/docs/sites/${name}.md`],
});

/**
 * Executors that synthesize the one environment they act on themselves (tools/src/deploy.ts: an
 * ad-hoc environment is not in the cached synth) and so do not depend on `synth`.
 */
const SELF_SYNTHESIZING = new Set(["deploy", "diff", "destroy"]);

/**
 * One target per executor in tools/executors/executors.json (publish, deploy, diff, destroy):
 * each is never cached; publish runs against the cached synth. Adding an executor there adds the
 * target to every site.
 */
function siteExecutorTargets(workspaceRoot) {
  const file = path.join(workspaceRoot, "tools", "executors", "executors.json");
  const { executors } = JSON.parse(fs.readFileSync(file, "utf8"));
  return Object.fromEntries(
    Object.keys(executors).map((name) => [
      name,
      {
        executor: `./tools/executors:${name}`,
        ...(SELF_SYNTHESIZING.has(name) ? {} : { dependsOn: ["synth"] }),
        cache: false,
      },
    ]),
  );
}

/**
 * The workspace tests read the root config files, the workflows and the docs as well, and run
 * the compiled root synth (so they depend on its build).
 */
const WORKSPACE_TEST_INPUTS = [
  "{workspaceRoot}/nx.json",
  "{workspaceRoot}/apps/*/project.json",
  "{workspaceRoot}/libs/*/project.json",
  "{workspaceRoot}/package.json",
  "{workspaceRoot}/README.md",
  "{workspaceRoot}/.ci/run",
  "{workspaceRoot}/.github/**/*",
  "{workspaceRoot}/docs/**/*",
  "{workspaceRoot}/cdktf.json",
  "{workspaceRoot}/eslint.config.mjs",
];

/** Targets by kind of project. */
function targetsFor(kind, name, workspaceRoot) {
  switch (kind) {
    case "app":
      return {
        lint: lint(),
        typecheck: typecheck(),
        test: test(),
        build: build(),
        synth: synth(name),
        diagram: diagram(name),
        ...siteExecutorTargets(workspaceRoot),
      };
    case "lib":
      return { lint: lint(), typecheck: typecheck(), test: test() };
    case "tools":
      return {
        lint: lint(),
        typecheck: typecheck(),
        test: test(WORKSPACE_TEST_INPUTS, ["build"], "--maxWorkers=2"),
        build: build(),
      };
    default:
      throw new Error(`unknown project kind ${kind}`);
  }
}

module.exports = { targetsFor, siteExecutorTargets };
