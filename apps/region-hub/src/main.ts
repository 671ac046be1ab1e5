import { defineSite, fromNetworkPlan, shiftedList, withConfigSources } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { EdgeEndpoint } from "@edge/endpoint";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { MulticastMemberRules, TransitGatewayMulticast, VxlanOverlay } from "@edge/multicast";
import { OsvAutoScalingFleet, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
import { RegionVpc } from "@edge/region";
import { RegionHubConfigSchema, regionHubEnvironments, regionHubRegions } from "./site";

/**
 * The home-Region hub: the VPC every Local Zone and Outpost site extends, the transit gateway
 * with its IGMPv2 multicast domain and VXLAN overlay, and the hub's OSv fleet (an Auto Scaling
 * group across the private subnets) behind an internet-facing Network Load Balancer, the hub's
 * edge endpoint. Published to the other sites through the region-hub outputs contract.
 */
export const regionHub = defineSite({
  name: "region-hub",
  schema: RegionHubConfigSchema,
  environments: regionHubEnvironments,
  regions: regionHubRegions,
  build(stack, config, configPath) {
    // The VPC CIDR and the site's block come from the environment's network plan: errors about
    // them name the catalog entry, not a `vpc.cidrBlock` no file has.
    const hub = withConfigSources(
      fromNetworkPlan(stack, {
        vpcCidr: `${configPath}.vpc.cidrBlock`,
        siteBlock: `${configPath}.vpc.subnetBlock`,
      }),
      () =>
        new RegionVpc(stack, "hub", {
          ...config.vpc,
          cidrBlock: stack.environment.network.vpcCidr,
          subnetBlock: stack.addressBlock,
          configPath: `${configPath}.vpc`,
        }),
    );
    const mc = config.multicast;
    const multicast = new TransitGatewayMulticast(stack, "multicast", {
      igmpv2Support: true,
      attachments: [{ name: "hub", vpcId: hub.vpcId, subnets: hub.privateEdgeSubnets }],
      senderInstanceTypes: mc.senderInstanceTypes,
      configPath: `${configPath}.multicast`,
    });
    const privateCidrs = Object.values(hub.privateSubnetCidrs);
    const vxlanGroup = mc.vxlan.group ?? "239.255.0.1";
    // The flood group goes in front of the user's groups: errors of entry i + 1 are about
    // multicast.groups[i], and entry 0 is multicast.vxlan.group.
    const groupsPath = `${configPath}.multicast.groups`;
    const vxlanPath = `${configPath}.multicast.vxlan.group`;
    const members = withConfigSources(
      [shiftedList(groupsPath, groupsPath, [vxlanPath])],
      () =>
        new MulticastMemberRules(stack, "multicast-members", {
          vpcId: hub.vpcId,
          // The overlay owns UDP 4789 for its flood group; the members only need the IGMP join for it.
          groups: [{ address: vxlanGroup }, ...mc.groups],
          senderCidrs: privateCidrs,
          configPath: `${configPath}.multicast`,
        }),
    );
    new VxlanOverlay(stack, "vxlan", {
      ...mc.vxlan,
      group: vxlanGroup,
      securityGroupId: members.securityGroupId,
      memberCidrs: privateCidrs,
      configPath: `${configPath}.multicast.vxlan`,
    });

    // --- OSv fleet behind the edge endpoint: an NLB in the public subnets of the hub's AZs ----
    const osv = config.osv;
    const image = new OsvImage(stack, "osv-image", {
      ...osv.image,
      configPath: `${configPath}.osv.image`,
    });
    const ep = config.edgeEndpoint;
    const listenerPort = ep.port ?? osv.appPort;
    const endpoint = new EdgeEndpoint(stack, "edge-endpoint", {
      vpcId: hub.vpcId,
      subnets: hub.availabilityZones.map((az, i) => ({
        subnetId: hub.publicSubnets[az].id,
        zone: az,
        configPath: `${configPath}.vpc.availabilityZones[${i}]`,
      })),
      targetPort: osv.appPort,
      port: listenerPort,
      targetName: "osv",
      targetDescription: "the OSv hosts",
      deletionProtection: ep.deletionProtection,
      ...(ep.tls
        ? {
            tls: {
              certificate: { domainName: ep.tls.domainName, hostedZoneId: ep.tls.hostedZoneId },
              sslPolicy: ep.tls.sslPolicy,
            },
          }
        : {}),
      plaintextReason: ep.plaintextReason,
      publicPortReason: `tcp/${listenerPort} is the hub's public edge endpoint: internet clients reach the OSv fleet only through this NLB, and global DNS weights it against the other sites`,
      configPath: `${configPath}.edgeEndpoint`,
    });
    const hosts = new OsvHostSecurityGroup(stack, "osv-hosts", {
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      appSourceSecurityGroupIds: [endpoint.securityGroupId],
      // SSH only from the Instance Connect Endpoint's group, when the hub has the endpoint.
      ...(hub.instanceConnectSecurityGroup
        ? { sshSourceSecurityGroupId: hub.instanceConnectSecurityGroup.id }
        : {}),
      configPath: `${configPath}.osv`,
    });
    endpoint.connectTargets(hosts.securityGroupId);
    new OsvAutoScalingFleet(stack, "osv", {
      image,
      instanceType: osv.instanceType,
      subnets: hub.privateEdgeSubnets,
      securityGroupIds: [hosts.securityGroupId],
      minSize: osv.minSize,
      desiredCapacity: osv.desiredCapacity,
      maxSize: osv.maxSize,
      // The group registers its hosts and uses the target group's health checks ("ELB").
      targetGroupArns: [endpoint.targetGroupArn],
      configPath: `${configPath}.osv`,
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
      s3GatewayEndpointId: hub.s3GatewayEndpoint?.id ?? "",
      instanceConnectSecurityGroupId: hub.instanceConnectSecurityGroup?.id ?? "",
      transitGatewayId: multicast.transitGatewayId,
      multicastDomainId: multicast.domain.id,
      multicastMemberSecurityGroupId: members.securityGroupId,
      edgeEndpointDnsName: endpoint.dnsName,
      edgeEndpointZoneId: endpoint.zoneId,
    });
  },
});

if (require.main === module) runSynthCli([regionHub], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run region-hub:synth --" });
