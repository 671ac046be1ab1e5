import { declareNeeds, defineSite, fromNetworkPlan, withConfigSources } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { outpostFactoryOutputs } from "@edge/outpost-factory-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { OsvFixedHosts, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
import {
  formatRackUplinkPlan,
  Outpost,
  OutpostSubnets,
  SpreadPlacementGroup,
} from "@edge/outposts";
import {
  OutpostFactoryConfigSchema,
  outpostFactoryAdHoc,
  outpostFactoryEnvironments,
} from "./site";

/**
 * The factory Outpost: subnets on the Outpost extending region-hub's VPC (read through the hub's
 * outputs contract), routed to the factory network through the local gateway, spread placement
 * groups for its hosts, the OSv line hosts (fixed instances with auto-recovery alarms, reached
 * from the factory networks), and the outpost-factory outputs for later sites. Each build records
 * the Outpost's rack uplink plan as a stack note, which the synth command prints after its table.
 */
export const outpostFactory = defineSite({
  name: "outpost-factory",
  schema: OutpostFactoryConfigSchema,
  environments: outpostFactoryEnvironments,
  adHoc: outpostFactoryAdHoc,
  build(stack, config, configPath) {
    const hub = regionHubOutputs.read(stack);
    const outpost = new Outpost(stack, "factory", {
      ...config.outpost,
      configPath: `${configPath}.outpost`,
    });
    // The VPC CIDR and the subnet block come from the environment's network plan.
    const network = withConfigSources(
      fromNetworkPlan(stack, {
        vpcCidr: `${configPath}.network.vpc.cidrBlock`,
        siteBlock: `${configPath}.network.subnetBlock`,
      }),
      () =>
        new OutpostSubnets(stack, "factory-network", {
          ...config.network,
          // The hub's VPC CIDR is the environment's (region-hub builds its VPC from it): a literal,
          // so on-premises CIDRs and the subnet block are checked against it at synth.
          vpc: { vpcId: hub.vpcId, cidrBlock: stack.environment.network.vpcCidr },
          outpost,
          subnetBlock: stack.addressBlock,
          // The Region path: the hub's NAT gateway in the Outpost's AZ over the service link,
          // unless the factory network is the egress (defaultRouteToLocalGateway); S3 through the
          // hub's gateway endpoint either way.
          ...(config.network.defaultRouteToLocalGateway
            ? {}
            : {
                regionEgress: {
                  natGatewayId: hub.natGatewayIds.get(config.outpost.availabilityZone),
                },
              }),
          s3GatewayEndpointId: hub.s3GatewayEndpointId,
          configPath: `${configPath}.network`,
        }),
    );
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

    // --- OSv line hosts ----------------------------------------------------------------------
    const osv = config.osv;
    // Region AZ snapshot and AMI; the Outpost hosts' root volumes are gp2 (the @edge/osv default
    // on Outposts, conservative: not confirmed in a primary source), and so is the AMI's.
    const image = new OsvImage(stack, "osv-image", {
      ...osv.image,
      rootVolumeType: "gp2",
      configPath: `${configPath}.osv.image`,
    });
    const hosts = new OsvHostSecurityGroup(stack, "osv-hosts", {
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      // The factory networks behind the local gateway are the declared sources: in CoIP mode the
      // local gateway translates only the destination (CoIP to private IP), so the source is the
      // on-premises client's address; with direct VPC routing it is anyway.
      appSourceCidrs: config.network.onPremisesCidrs,
      // region-hub publishes "" when it runs without an Instance Connect Endpoint.
      sshSourceSecurityGroupId: hub.instanceConnectSecurityGroupId,
      sshSourceMayBeEmpty: true,
      configPath: `${configPath}.osv`,
    });
    const placement = placementGroups.find(([key]) => key === osv.placementGroup)?.[1];
    const lineHosts = new OsvFixedHosts(stack, "osv-line", {
      image,
      outpost,
      instanceType: osv.instanceType,
      // CoIP comes from each subnet's map_customer_owned_ip_on_launch (true in CoIP mode unless
      // a subnet opts out); the fleet sets no IP flag on Outposts.
      subnets: osv.subnets.map((name) => ({
        subnetId: network.subnets[name].id,
        zone: outpost.availabilityZone,
        outpostArn: outpost.arn,
      })),
      securityGroupIds: [hosts.securityGroupId],
      instanceCount: osv.instanceCount,
      // The resource's name attribute, not the literal: Terraform then creates the group first.
      ...(placement ? { placementGroupName: placement.placementGroup.name } : {}),
      configPath: `${configPath}.osv`,
    });

    // Clients: the factory networks behind the local gateway, and SSH from the hub.
    declareNeeds(lineHosts, {
      clients: [{ onPremises: config.network.onPremisesCidrs }, { site: "region-hub" }],
    });

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

if (require.main === module) runSynthCli([outpostFactory], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run outpost-factory:synth --" });
