// @ts-check
/**
 * The workspace's Nx plugin. Every folder `apps/<site>` with `src/main.ts` is a site, every
 * `libs/<lib>` with `src/index.ts` a library, and `tools/` the workspace tools; each gets the
 * targets of its kind from targets.js. A project.json is optional: it names the project and
 * carries its tags; without one the folder name and the default tags of the kind apply.
 */
const fs = require("node:fs");
const path = require("node:path");
const { targetsFor } = require("./targets");

/** Tags of a project whose project.json lists none (see depConstraints in eslint.config.mjs). */
const DEFAULT_TAGS = {
  app: ["type:app", "scope:site"],
  lib: ["type:lib", "scope:edge"],
  tools: ["type:tool", "scope:tools"],
};

function kindOf(file) {
  if (/^apps\/[^/]+\/src\/main\.ts$/.test(file)) return "app";
  if (/^libs\/[^/]+\/src\/index\.ts$/.test(file)) return "lib";
  if (file === "tools/project.json") return "tools";
  return undefined;
}

function readProjectJson(workspaceRoot, root) {
  const file = path.join(workspaceRoot, root, "project.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
}

function nodesFor(file, workspaceRoot) {
  const kind = kindOf(file);
  if (!kind) return {};
  const root = kind === "tools" ? "tools" : file.split("/").slice(0, 2).join("/");
  const declared = readProjectJson(workspaceRoot, root);
  const name = declared.name ?? path.basename(root);
  return {
    projects: {
      [root]: {
        name,
        projectType: kind === "app" ? "application" : "library",
        sourceRoot: kind === "tools" ? "tools/src" : `${root}/src`,
        ...(declared.tags ? {} : { tags: DEFAULT_TAGS[kind] }),
        targets: targetsFor(kind, name, workspaceRoot),
      },
    },
  };
}

/** @type {import("nx/src/project-graph/plugins").CreateNodesV2} */
const createNodesV2 = [
  "{apps/*/src/main.ts,libs/*/src/index.ts,tools/project.json}",
  async (files, _options, context) =>
    files.map((file) => [file, nodesFor(file, context.workspaceRoot)]),
];

module.exports = { name: "@edge/nx", createNodesV2 };
