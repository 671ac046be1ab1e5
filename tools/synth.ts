/**
 * Synthesizes every site x environment: the main job (`npm run synth`) and the root cdktf.json
 * app (`npx cdktf synth`, `npx cdktf deploy <site>-<env>`). `--help` lists the options.
 *
 *   EDGE_SITES=region-hub,wavelength-bos   only these sites
 *   EDGE_ENVS=dev,feature-42               only these environments (default: every shipped one;
 *                                          other names are ad-hoc, derived from dev)
 */
import { findRepoRoot, listFromEnv, siteSelectionErrors } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli, synthHelp } from "@edge/synth";
import { loadSites, siteNames } from "./src/sites";

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  // Before the sites load: help needs none of them.
  process.stdout.write(`${synthHelp(environmentCatalog)}\n`);
} else {
  const root = findRepoRoot(__dirname);
  const wanted = listFromEnv("EDGE_SITES");
  const errors = wanted ? siteSelectionErrors(wanted, siteNames(root)) : [];
  if (errors.length > 0) {
    process.stderr.write(
      `${errors.map((e) => e.format()).join("\n\n")}\n\nsynth failed with ${errors.length} error(s); cdktf.out was left as it was\n`,
    );
    process.exitCode = 1;
  } else {
    // Only the named sites' code is loaded (and initialized) for EDGE_SITES.
    runSynthCli(loadSites(root, wanted), { policy: edgePolicyPack, catalog: environmentCatalog, full: !wanted, argv });
  }
}
