import { declareNeeds, defineSite, escapeRegExp, rewritten, withConfigSources } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { EdgeEndpoint } from "@edge/endpoint";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { LocalZoneSubnets, type RegionEgress } from "@edge/local-zone";
import { OsvAutoScalingFleet, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
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
    const regionEgress: Record<string, RegionEgress> = {};
    config.zones.forEach((z, i) => {
      if (z.egressAvailabilityZone === undefined) return;
      regionEgress[z.name] = {
        availabilityZone: z.egressAvailabilityZone,
        natGatewayId: hub.natGatewayIds.get(z.egressAvailabilityZone),
        // LocalZoneSubnets rejects anything but a hub AZ here, at the site's path.
        configPath: `${configPath}.zones[${i}].egressAvailabilityZone`,
      };
    });
    // The construct takes the zone names: its errors about zones[i] are about zones[i].name.
    const zonesPath = escapeRegExp(`${configPath}.zones`);
    const lz = withConfigSources(
      [rewritten(`${zonesPath}\\[(\\d+)\\](?![.\\[])`, `${configPath}.zones[$1].name`)],
      () =>
        new LocalZoneSubnets(stack, "local-zones", {
          vpc: { vpcId: hub.vpcId, cidrBlock: hub.vpcCidr, internetGatewayId: hub.internetGatewayId },
          zones: config.zones.map((z) => z.name),
          regionEgress,
          privateEgress: config.privateEgress,
          manageOptIn: config.manageOptIn,
          instanceTypes: config.instanceTypes,
          publicSubnetPrefixLength: config.publicSubnetPrefixLength,
          privateSubnetPrefixLength: config.privateSubnetPrefixLength,
          // S3 from the zones through the hub's gateway endpoint, not the NAT and the Region.
          s3GatewayEndpointId: hub.s3GatewayEndpointId,
          configPath,
        }),
    );

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
      ...(ep.certificateArn !== undefined || ep.tls !== undefined
        ? {
            tls: {
              certificateArn: ep.certificateArn,
              ...(ep.tls
                ? {
                    certificate: {
                      domainName: ep.tls.domainName,
                      hostedZoneId: ep.tls.hostedZoneId,
                    },
                    sslPolicy: ep.tls.sslPolicy,
                    httpRedirectPort: ep.tls.httpRedirectPort,
                  }
                : {}),
            },
          }
        : {}),
      plaintextReason: ep.plaintextReason,
      healthCheckPath: ep.healthCheckPath,
      accessLogs: ep.accessLogs,
      deletionProtection: ep.deletionProtection,
      publicPortReason: `tcp/${listenerPort} is the Local Zone's public edge endpoint: Boston clients reach the OSv fleet only through this ALB, and global DNS weights it against the other sites`,
      configPath: `${configPath}.edgeEndpoint`,
    });
    const hosts = new OsvHostSecurityGroup(stack, "osv-hosts", {
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      appSourceSecurityGroupIds: [endpoint.securityGroupId],
      // region-hub publishes "" when it runs without an Instance Connect Endpoint.
      sshSourceSecurityGroupId: hub.instanceConnectSecurityGroupId,
      sshSourceMayBeEmpty: true,
      configPath: `${configPath}.osv`,
    });
    endpoint.connectTargets(hosts.securityGroupId);
    const fleet = new OsvAutoScalingFleet(stack, "osv", {
      image,
      instanceType: osv.instanceType,
      subnets: zones.map((zone) => ({ subnetId: lz.privateSubnets[zone].id, zone })),
      securityGroupIds: [hosts.securityGroupId],
      minSize: osv.minSize,
      desiredCapacity: osv.desiredCapacity,
      maxSize: osv.maxSize,
      // The group registers its hosts and uses the target group's health checks ("ELB").
      targetGroupArns: [endpoint.targetGroupArn],
      configPath: `${configPath}.osv`,
    });
    // Clients: the load balancer (same VPC) and SSH from the hub's Instance Connect Endpoint.
    declareNeeds(fleet, { clients: [{ site: "region-hub" }] });

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
      edgeEndpointDnsName: endpoint.dnsName,
      edgeEndpointZoneId: endpoint.zoneId,
    });
  },
});

if (require.main === module) runSynthCli([localZoneBos], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run local-zone-bos:synth --" });
