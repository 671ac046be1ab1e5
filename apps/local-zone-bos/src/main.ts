// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import {
  ConfigCheck,
  defineSite,
  localZoneBosOutputs,
  parseZone,
  regionHubOutputs,
  runSynthCli,
} from "@edge/core";
import { LocalZoneSubnets, type RegionEgress } from "@edge/local-zone";
import { LocalZoneBosConfigSchema, localZoneBosEnvironments } from "./site";

/**
 * The Boston Local Zone: the hub VPC of the environment (read from region-hub's outputs)
 * extended into us-east-1-bos-1a, published to later sites through the local-zone-bos contract.
 */
export const localZoneBos = defineSite({
  name: "local-zone-bos",
  schema: LocalZoneBosConfigSchema,
  environments: localZoneBosEnvironments,
  build(stack, config, configPath) {
    // The egress AZs are hub AZs: reject a Local Zone (or anything else) here, with this path.
    const check = new ConfigCheck();
    config.zones.forEach((z, i) => {
      if (z.egressAvailabilityZone === undefined) return;
      check.collect(() =>
        parseZone(z.egressAvailabilityZone!, {
          region: stack.environment.region,
          path: `${configPath}.zones[${i}].egressAvailabilityZone`,
          kinds: ["availability-zone"],
        }),
      );
    });
    check.throwIfFailed();

    const hub = regionHubOutputs.read(stack);
    const regionEgress: Record<string, RegionEgress> = {};
    for (const z of config.zones) {
      if (z.egressAvailabilityZone === undefined) continue;
      regionEgress[z.name] = {
        availabilityZone: z.egressAvailabilityZone,
        natGatewayId: hub.natGatewayIds.get(z.egressAvailabilityZone),
      };
    }
    const lz = new LocalZoneSubnets(stack, "local-zones", {
      vpc: { vpcId: hub.vpcId, cidrBlock: hub.vpcCidr, internetGatewayId: hub.internetGatewayId },
      zones: config.zones.map((z) => z.name),
      regionEgress,
      privateEgress: config.privateEgress,
      manageOptIn: config.manageOptIn,
      instanceTypes: config.instanceTypes,
      publicSubnetPrefixLength: config.publicSubnetPrefixLength,
      privateSubnetPrefixLength: config.privateSubnetPrefixLength,
      configPath,
    });

    const ids = <T extends { id: string }>(byZone: Readonly<Record<string, T>>) =>
      Object.fromEntries(Object.entries(byZone).map(([zone, r]) => [zone, r.id]));
    localZoneBosOutputs.publish(stack, {
      publicSubnetIds: ids(lz.publicSubnets),
      privateSubnetIds: ids(lz.privateSubnets),
      publicRouteTableId: lz.publicRouteTable.id,
      privateRouteTableIds: ids(lz.privateRouteTables),
      natGatewayIds: ids(lz.natGateways),
      networkBorderGroups: Object.fromEntries(lz.zones.map((z) => [z.name, z.networkBorderGroup])),
      ebsVolumeTypes: { ...lz.ebsVolumeTypes },
      workloadSecurityGroupId: lz.workloadSecurityGroup.id,
    });
  },
});

if (require.main === module) runSynthCli([localZoneBos]);
