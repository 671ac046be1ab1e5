import { defineSite, fromNetworkPlan, withConfigSources } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { EdgeContainers } from "@edge/containers";
import { EdgeEndpoint, edgeEndpointTls } from "@edge/endpoint";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { vxlanMulticastDomain } from "@edge/multicast";
import { OsvImage, osvFleetBehindEndpoint } from "@edge/osv";
import { peerHubs, RegionVpc, regionVpcNetworkIds } from "@edge/region";
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
    const { multicast, members } = vxlanMulticastDomain(stack, "multicast", {
      ...config.multicast,
      vpcId: hub.vpcId,
      subnets: hub.privateEdgeSubnets,
      memberCidrs: Object.values(hub.privateSubnetCidrs),
      configPath: `${configPath}.multicast`,
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
      tls: edgeEndpointTls(ep),
      plaintextReason: ep.plaintextReason,
      publicPortReason: `tcp/${listenerPort} is the hub's public edge endpoint: internet clients reach the OSv fleet only through this NLB, and global DNS weights it against the other sites`,
      configPath: `${configPath}.edgeEndpoint`,
    });
    osvFleetBehindEndpoint(stack, "osv", {
      endpoint,
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      // SSH only from the Instance Connect Endpoint's group, when the hub has the endpoint.
      sshSourceSecurityGroupId: hub.instanceConnectSecurityGroup?.id,
      image,
      instanceType: osv.instanceType,
      subnets: hub.privateEdgeSubnets,
      minSize: osv.minSize,
      desiredCapacity: osv.desiredCapacity,
      maxSize: osv.maxSize,
      configPath: `${configPath}.osv`,
    });

    // Containers on ECS per AZ of the private subnets; web services behind the edge endpoint.
    if (config.containers) {
      new EdgeContainers(stack, "containers", {
        vpcId: hub.vpcId,
        subnets: hub.privateEdgeSubnets,
        endpoint,
        config: config.containers,
        configPath: `${configPath}.containers`,
      });
    }
    // Peering with the hub of the environment's own Region where the plan asks for it.
    const transitGatewayRouteTableId = multicast.transitGateway?.associationDefaultRouteTableId ?? "";
    peerHubs(stack, "hub-peering", {
      local: { transitGatewayId: multicast.transitGatewayId, transitGatewayRouteTableId },
      privateRouteTables: hub.privateRouteTables,
      vpcAttachment: multicast.attachments.hub,
      readHomeHub: (region) => regionHubOutputs.read(stack, { region }),
    });

    regionHubOutputs.publish(stack, {
      ...regionVpcNetworkIds(hub),
      transitGatewayId: multicast.transitGatewayId,
      transitGatewayRouteTableId,
      multicastDomainId: multicast.domain.id,
      multicastMemberSecurityGroupId: members.securityGroupId,
      edgeEndpointDnsName: endpoint.dnsName,
      edgeEndpointZoneId: endpoint.zoneId,
    });
  },
});

if (require.main === module) runSynthCli([regionHub], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run region-hub:synth --" });
