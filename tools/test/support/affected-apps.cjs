// @ts-check
/**
 * `nx show projects --affected --files=<file> --type app` for many files in one process: the
 * project graph is built once, then each file goes through the same Nx functions the command
 * calls (calculateFileChanges, filterAffected; nx/src/command-line/show/projects.js), one file
 * at a time. Prints `{ "<file>": ["<app>", …] }` as JSON.
 *
 *   node tools/test/support/affected-apps.cjs libs/core/src/index.ts libs/dns/src/index.ts
 */
const { createProjectGraphAsync } = require("nx/src/project-graph/project-graph");
const { readNxJson } = require("nx/src/config/nx-json");
const { filterAffected } = require("nx/src/project-graph/affected/affected-project-graph");
const { calculateFileChanges } = require("nx/src/project-graph/file-utils");
const { splitArgsIntoNxArgsAndOverrides } = require("nx/src/utils/command-line-utils");

async function main(files) {
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const nxJson = readNxJson();
  const out = {};
  for (const file of files) {
    const { nxArgs } = splitArgsIntoNxArgsAndOverrides(
      { files: [file], affected: true },
      "affected",
      { printWarnings: false },
      nxJson,
    );
    const touched = calculateFileChanges(nxArgs.files, nxArgs);
    const affected = await filterAffected(graph, touched, nxJson);
    out[file] = Object.values(affected.nodes)
      .filter((n) => n.type === "app")
      .map((n) => n.name)
      .sort();
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
