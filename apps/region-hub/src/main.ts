// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { defineSite, regionHubOutputs, runSynthCli } from "@edge/core";
import { MulticastMemberRules, TransitGatewayMulticast, VxlanOverlay } from "@edge/multicast";
import { RegionVpc } from "@edge/region";
import { RegionHubConfigSchema, regionHubEnvironments } from "./site";

/**
 * The home-Region hub: the VPC every Local Zone and Outpost site extends, and the transit
 * gateway with its IGMPv2 multicast domain and VXLAN overlay, published to the other sites
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
    const mc = config.multicast;
    const multicast = new TransitGatewayMulticast(stack, "multicast", {
      igmpv2Support: true,
      attachments: [{ name: "hub", vpcId: hub.vpcId, subnets: hub.privateEdgeSubnets }],
      senderInstanceTypes: mc.senderInstanceTypes,
      configPath: `${configPath}.multicast`,
    });
    const privateCidrs = Object.values(hub.privateSubnetCidrs);
    const vxlanGroup = mc.vxlan.group ?? "239.255.0.1";
    const members = new MulticastMemberRules(stack, "multicast-members", {
      vpcId: hub.vpcId,
      // The overlay owns UDP 4789 for its flood group; the members only need the IGMP join for it.
      groups: [{ address: vxlanGroup }, ...mc.groups],
      senderCidrs: privateCidrs,
      configPath: `${configPath}.multicast`,
    });
    new VxlanOverlay(stack, "vxlan", {
      ...mc.vxlan,
      group: vxlanGroup,
      securityGroupId: members.securityGroupId,
      memberCidrs: privateCidrs,
      configPath: `${configPath}.multicast.vxlan`,
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
      transitGatewayId: multicast.transitGatewayId,
      multicastDomainId: multicast.domain.id,
      multicastMemberSecurityGroupId: members.securityGroupId,
    });
  },
});

if (require.main === module) runSynthCli([regionHub]);
