/**
 * Writes docs/sites/<site>.md, a Mermaid diagram per environment, from freshly synthesized
 * stacks. `node --import tsx tools/diagram.ts [site…]`; all sites when none is named.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import "@edge/policy";
import { DEFAULT_ENVIRONMENTS, findRepoRoot, synthesizeSites } from "@edge/core";
import { siteDiagramPage } from "./src/diagram";
import { loadSites } from "./src/sites";

const root = findRepoRoot(__dirname);
const wanted = process.argv.slice(2);
const sites = loadSites(root).filter((s) => wanted.length === 0 || wanted.includes(s.name));
const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-diagram-"));
try {
  const result = synthesizeSites(sites, { repoRoot: root, outdir: path.join(out, "cdktf.out"), mode: "replace" });
  if (!result.ok) {
    process.stderr.write(`${result.errors.join("\n\n")}\n`);
    process.exitCode = 1;
  } else {
    fs.mkdirSync(path.join(root, "docs", "sites"), { recursive: true });
    for (const site of sites) {
      const stacks = DEFAULT_ENVIRONMENTS.map((env) => ({
        env,
        json: JSON.parse(fs.readFileSync(path.join(out, "cdktf.out", "stacks", `${site.name}-${env}`, "cdk.tf.json"), "utf8")),
      }));
      const file = path.join(root, "docs", "sites", `${site.name}.md`);
      fs.writeFileSync(file, siteDiagramPage(site.name, stacks));
      process.stdout.write(`wrote ${path.relative(root, file)}\n`);
    }
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
