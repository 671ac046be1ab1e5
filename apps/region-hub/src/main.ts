import { defineSite, regionHubOutputs, runSynthCli } from "@edge/core";
import { RegionVpc } from "@edge/region";
import { RegionHubConfigSchema, regionHubEnvironments } from "./site";

/**
 * The home-Region hub: the VPC every Local Zone and Outpost site extends, published to them
 * through the region-hub outputs contract.
 */
export const regionHub = defineSite({
  name: "region-hub",
  schema: RegionHubConfigSchema,
  environments: regionHubEnvironments,
  build(stack, config, configPath) {
    const hub = new RegionVpc(stack, "hub", {
      ...config.vpc,
      cidrBlock: stack.environment.network.vpcCidr,
      subnetBlock: stack.addressBlock,
      configPath: `${configPath}.vpc`,
    });
    const ids = <T extends { id: string }>(byAz: Readonly<Record<string, T>>) =>
      Object.fromEntries(Object.entries(byAz).map(([az, r]) => [az, r.id]));
    regionHubOutputs.publish(stack, {
      vpcId: hub.vpcId,
      vpcCidr: hub.cidrBlock,
      internetGatewayId: hub.internetGatewayId,
      publicSubnetIds: ids(hub.publicSubnets),
      privateSubnetIds: ids(hub.privateSubnets),
      publicRouteTableId: hub.publicRouteTable.id,
      privateRouteTableIds: ids(hub.privateRouteTables),
      natGatewayIds: ids(hub.natGateways),
      instanceConnectSecurityGroupId: hub.instanceConnectSecurityGroup?.id ?? "",
    });
  },
});

if (require.main === module) runSynthCli([regionHub]);
