/**
 * The synth command with config edited in memory, for the bad-input corpus: applies the edits in
 * `EDGE_TEST_CONFIG_EDITS` (JSON) to the environment catalog and the sites' config, as a user
 * would in the files, then runs tools/synth.ts unchanged.
 *
 *   { "environments": { "dev": { "network.vpcCidr": "10.10.0.0/33" } },
 *     "sites": { "region-hub": { "dev": { "vpc.natGateways": "two" } },
 *                "local-zone-lax": { "regions.us-west-2.dev": { "zones[0].name": "x" } } } }
 *
 * A value `{ "$delete": true }` removes the key; a path `""` replaces the whole entry.
 */
import * as path from "node:path";
import { SHIPPED_ENVIRONMENTS } from "@edge/environments";
import { loadSites } from "../../src/sites";
import { applyEdits, type ConfigEdits } from "./config-edits";

const edits = JSON.parse(process.env.EDGE_TEST_CONFIG_EDITS ?? "{}") as ConfigEdits;
const root = path.resolve(__dirname, "../../..");
const sites = new Map(loadSites(root).map((s) => [s.name, s]));
applyEdits(edits, SHIPPED_ENVIRONMENTS as Record<string, unknown>, (name) => {
  const site = sites.get(name);
  if (!site) throw new Error(`no site ${name}`);
  return site;
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../../synth");
