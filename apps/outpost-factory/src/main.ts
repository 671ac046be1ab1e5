// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { defineSite, outpostFactoryOutputs, regionHubOutputs, runSynthCli } from "@edge/core";
import {
  formatRackUplinkPlan,
  Outpost,
  OutpostSubnets,
  SpreadPlacementGroup,
} from "@edge/outposts";
import { OutpostFactoryConfigSchema, outpostFactoryEnvironments } from "./site";

/**
 * The factory Outpost: subnets on the Outpost extending region-hub's VPC (read through the hub's
 * outputs contract), routed to the factory network through the local gateway, spread placement
 * groups for its hosts, and the outpost-factory outputs for later sites. Each build records the
 * Outpost's rack uplink plan as a stack note, which the synth command prints after its table.
 */
export const outpostFactory = defineSite({
  name: "outpost-factory",
  schema: OutpostFactoryConfigSchema,
  environments: outpostFactoryEnvironments,
  build(stack, config, configPath) {
    const hub = regionHubOutputs.read(stack);
    const outpost = new Outpost(stack, "factory", {
      ...config.outpost,
      configPath: `${configPath}.outpost`,
    });
    const network = new OutpostSubnets(stack, "factory-network", {
      ...config.network,
      // The hub's VPC CIDR is the environment's (region-hub builds its VPC from it): a literal,
      // so on-premises CIDRs and the subnet block are checked against it at synth.
      vpc: { vpcId: hub.vpcId, cidrBlock: stack.environment.network.vpcCidr },
      outpost,
      subnetBlock: stack.addressBlock,
      configPath: `${configPath}.network`,
    });
    const placementGroups = Object.entries(config.placementGroups).map(
      ([key, group]) =>
        [
          key,
          new SpreadPlacementGroup(stack, `placement-group-${key}`, {
            ...group,
            outpost,
            configPath: `${configPath}.placementGroups.${key}`,
          }),
        ] as const,
    );

    const ids = <T extends { id: string }>(byName: Readonly<Record<string, T>>) =>
      Object.fromEntries(Object.entries(byName).map(([name, r]) => [name, r.id]));
    outpostFactoryOutputs.publish(stack, {
      outpostArn: outpost.arn,
      outpostAvailabilityZone: outpost.availabilityZone,
      routingMode: network.routingMode,
      subnetIds: ids(network.subnets),
      subnetCidrs: { ...network.subnetCidrs },
      routeTableIds: ids(network.routeTables),
      localGatewayId: network.localGateway.localGatewayId,
      localGatewayRouteTableId: network.localGateway.localGatewayRouteTableId,
      customerOwnedIpv4Pool: network.customerOwnedIpv4Pool ?? "",
      onPremisesCidrs: [...config.network.onPremisesCidrs],
      instanceTypes: [...outpost.instanceTypes],
      placementGroupNames: Object.fromEntries(
        placementGroups.map(([key, group]) => [key, group.name]),
      ),
    });

    // Printed by the synth command after its table, and only when the whole synth succeeded.
    stack.note(formatRackUplinkPlan(outpost.uplinkPlan, stack.node.id));
  },
});

if (require.main === module) runSynthCli([outpostFactory]);
