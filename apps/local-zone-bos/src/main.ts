import { declareNeeds, defineSite } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { EdgeContainers } from "@edge/containers";
import { EdgeEndpoint, edgeEndpointTls } from "@edge/endpoint";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { extendHubIntoLocalZones, localZoneNetworkIds } from "@edge/local-zone";
import { OsvImage, osvFleetBehindEndpoint } from "@edge/osv";
import { LocalZoneBosConfigSchema, localZoneBosEnvironments } from "./site";

/**
 * The Boston Local Zone: the hub VPC of the environment (read from region-hub's outputs)
 * extended into us-east-1-bos-1a, an OSv fleet in the zone's private subnet behind an
 * internet-facing Application Load Balancer in the zone's public subnet (the site's edge
 * endpoint), published to later sites through the local-zone-bos contract.
 *
 * The endpoint is an ALB because NLBs cannot use Local Zone subnets (EdgeEndpoint picks the type
 * by zone kind and cites the ELB guides). Which Local Zones offer ALBs is listed on the AWS Local
 * Zones features page, not read here for us-east-1-bos-1a (no plan-time lookup exists either), so
 * the first apply confirms it.
 */
export const localZoneBos = defineSite({
  name: "local-zone-bos",
  schema: LocalZoneBosConfigSchema,
  environments: localZoneBosEnvironments,
  build(stack, config, configPath) {
    const hub = regionHubOutputs.read(stack);
    const lz = extendHubIntoLocalZones(stack, "local-zones", {
      hub,
      zones: config.zones,
      privateEgress: config.privateEgress,
      manageOptIn: config.manageOptIn,
      instanceTypes: config.instanceTypes,
      publicSubnetPrefixLength: config.publicSubnetPrefixLength,
      privateSubnetPrefixLength: config.privateSubnetPrefixLength,
      // S3 from the zones through the hub's gateway endpoint, not the NAT and the Region.
      s3GatewayEndpointId: hub.s3GatewayEndpointId,
      configPath,
    });

    // --- OSv fleet behind the edge endpoint ----------------------------------------------------
    const osv = config.osv;
    const ep = config.edgeEndpoint;
    const zones = lz.zones.map((z) => z.name);
    // The AMI's root volume type is one every zone offers: gp2 in us-east-1-bos-1a (catalog).
    const image = new OsvImage(stack, "osv-image", {
      ...osv.image,
      zones,
      configPath: `${configPath}.osv.image`,
    });

    const listenerPort = ep.port ?? osv.appPort;
    const endpoint = new EdgeEndpoint(stack, "edge-endpoint", {
      vpcId: hub.vpcId,
      subnets: zones.map((zone, i) => ({
        subnetId: lz.publicSubnets[zone].id,
        zone,
        configPath: `${configPath}.zones[${i}].name`,
      })),
      targetPort: osv.appPort,
      port: listenerPort,
      targetName: "osv",
      targetDescription: "the OSv hosts",
      tls: edgeEndpointTls(ep),
      plaintextReason: ep.plaintextReason,
      healthCheckPath: ep.healthCheckPath,
      accessLogs: ep.accessLogs,
      deletionProtection: ep.deletionProtection,
      publicPortReason: `tcp/${listenerPort} is the Local Zone's public edge endpoint: Boston clients reach the OSv fleet only through this ALB, and global DNS weights it against the other sites`,
      configPath: `${configPath}.edgeEndpoint`,
    });
    const { fleet } = osvFleetBehindEndpoint(stack, "osv", {
      endpoint,
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      // region-hub publishes "" when it runs without an Instance Connect Endpoint.
      sshSourceSecurityGroupId: hub.instanceConnectSecurityGroupId,
      sshSourceMayBeEmpty: true,
      image,
      instanceType: osv.instanceType,
      subnets: zones.map((zone) => ({ subnetId: lz.privateSubnets[zone].id, zone })),
      minSize: osv.minSize,
      desiredCapacity: osv.desiredCapacity,
      maxSize: osv.maxSize,
      configPath: `${configPath}.osv`,
    });
    // Clients: the load balancer (same VPC) and SSH from the hub's Instance Connect Endpoint.
    declareNeeds(fleet, { clients: [{ site: "region-hub" }] });

    // Containers on ECS in the Local Zone; web services behind the zone's edge endpoint (ALB).
    if (config.containers) {
      new EdgeContainers(stack, "containers", {
        vpcId: hub.vpcId,
        subnets: zones.map((zone) => ({ subnetId: lz.privateSubnets[zone].id, zone })),
        endpoint,
        config: config.containers,
        ...(config.instanceTypes ? { allowedInstanceTypes: config.instanceTypes } : {}),
        configPath: `${configPath}.containers`,
      });
    }

    localZoneBosOutputs.publish(stack, {
      ...localZoneNetworkIds(lz),
      edgeEndpointDnsName: endpoint.dnsName,
      edgeEndpointZoneId: endpoint.zoneId,
    });
  },
});

if (require.main === module) runSynthCli([localZoneBos], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run local-zone-bos:synth --" });
