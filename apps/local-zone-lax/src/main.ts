import { defineSite } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { extendHubIntoLocalZones } from "@edge/local-zone";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { LocalZoneLaxConfigSchema, localZoneLaxRegions } from "./site";

/**
 * The Los Angeles Local Zone: a site homed in us-west-2, next to the us-east-1 sites of the same
 * environment. It reads the hub of its own Region (region-hub's us-west-2 instance,
 * `region-hub-us-west-2-<env>`) and extends that hub's VPC into us-west-2-lax-1a with a public
 * and a private subnet; private egress goes through the hub's NAT gateway in the parent AZ.
 */
export const localZoneLax = defineSite({
  name: "local-zone-lax",
  schema: LocalZoneLaxConfigSchema,
  // Homed in us-west-2 only: no entry for the environments' own Region.
  environments: {},
  regions: localZoneLaxRegions,
  build(stack, config, configPath) {
    extendHubIntoLocalZones(stack, "local-zones", {
      hub: regionHubOutputs.read(stack),
      zones: config.zones,
      privateEgress: config.privateEgress,
      manageOptIn: config.manageOptIn,
      instanceTypes: config.instanceTypes,
      configPath,
    });
  },
});

if (require.main === module) runSynthCli([localZoneLax], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run local-zone-lax:synth --" });
