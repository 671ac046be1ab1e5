/**
 * Writes docs/sites/<site>.md, a Mermaid diagram per environment, from freshly synthesized
 * stacks. `node --import tsx tools/diagram.ts [site…]`; all sites when none is named.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findRepoRoot } from "@edge/core";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { synthesizeSites } from "@edge/synth";
import { sitePages } from "./src/diagram";
import { loadSites } from "./src/sites";

const root = findRepoRoot(__dirname);
const wanted = process.argv.slice(2);
const sites = loadSites(root).filter((s) => wanted.length === 0 || wanted.includes(s.name));
const unknown = wanted.filter((w) => !sites.some((s) => s.name === w));
if (unknown.length > 0) {
  process.stderr.write(`no site named ${unknown.join(", ")}; sites: ${loadSites(root).map((s) => s.name).join(", ")}\n`);
  process.exit(1);
}
const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-diagram-"));
try {
  const result = synthesizeSites(sites, {
    repoRoot: root,
    outdir: path.join(out, "cdktf.out"),
    mode: "full",
    policy: edgePolicyPack,
    catalog: environmentCatalog,
  });
  if (!result.ok) {
    process.stderr.write(`${result.errors.join("\n\n")}\n`);
    process.exitCode = 1;
  } else {
    fs.mkdirSync(path.join(root, "docs", "sites"), { recursive: true });
    const pages = sitePages(sites.map((s) => s.name), path.join(out, "cdktf.out", "stacks"), defaultEnvironments());
    for (const [site, page] of pages) {
      const file = path.join(root, "docs", "sites", `${site}.md`);
      fs.writeFileSync(file, page);
      process.stdout.write(`wrote ${path.relative(root, file)}\n`);
    }
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
