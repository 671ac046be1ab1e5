/**
 * Synthesizes every site x environment: the main job (`npm run synth`) and the root cdktf.json
 * app (`npx cdktf synth`, `npx cdktf deploy <site>-<env>`).
 *
 *   EDGE_SITES=region-hub,wavelength-bos   only these sites
 *   EDGE_ENVS=dev,feature-42               only these environments (unknown names are ad-hoc)
 */
// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { EdgeConfigError, findRepoRoot, listFromEnv, runSynthCli } from "@edge/core";
import { loadSites } from "./src/sites";

const all = loadSites(findRepoRoot(__dirname));
const wanted = listFromEnv("EDGE_SITES");
const unknown = (wanted ?? []).filter((name) => !all.some((s) => s.name === name));
if (unknown.length > 0) {
  const err = new EdgeConfigError({
    code: "EDGE_SITE_UNKNOWN",
    path: "EDGE_SITES",
    value: unknown.join(","),
    problem: `no site named ${unknown.join(", ")}`,
    fix: `use one of ${all.map((s) => s.name).join(", ")}`,
  });
  process.stderr.write(`${err.format()}\n`);
  process.exitCode = 1;
} else {
  runSynthCli(wanted ? all.filter((s) => wanted.includes(s.name)) : all, { full: !wanted });
}
