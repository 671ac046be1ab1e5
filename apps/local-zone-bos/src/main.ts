// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { ConfigCheck, defineSite, parseZone, runSynthCli } from "@edge/core";
import { EdgeEndpoint } from "@edge/endpoint";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { LocalZoneSubnets, type RegionEgress } from "@edge/local-zone";
import { OsvAutoScalingFleet, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
import { Fn, Token } from "cdktf";
import {
  LocalZoneBosConfigSchema,
  localZoneBosEnvironments,
  type LocalZoneBosSettings,
} from "./site";

/**
 * The Boston Local Zone: the hub VPC of the environment (read from region-hub's outputs)
 * extended into us-east-1-bos-1a, an OSv fleet in the zone's private subnet behind an
 * internet-facing Application Load Balancer in the zone's public subnet (the site's edge
 * endpoint), published to later sites through the local-zone-bos contract.
 *
 * Why an ALB: Network Load Balancers cannot use Local Zone subnets (ELB NLB guide, "Update the
 * Availability Zones for your Network Load Balancer": "You can't specify a subnet in a Local
 * Zone"; the zone catalog's networkLoadBalancer fact), while Application Load Balancers can, and
 * need no Availability Zone subnet beside them: "[Application Load Balancers on Local Zones] You
 * can specify subnets from one or more Local Zones" (ELB API reference, CreateLoadBalancer,
 * Subnets), where other ALBs need subnets in at least two Availability Zones. The zones of one
 * ALB must be of one type ("you can't enable both an Availability Zone and a Local Zone", ELB ALB
 * guide, "Subnets for your load balancer"), so the ALB uses the Local Zone subnets only. Which
 * Local Zones offer ALBs is listed on the AWS Local Zones features page; not read here for
 * us-east-1-bos-1a (there is no plan-time lookup for it either), so the first apply confirms it.
 */
export const localZoneBos = defineSite({
  name: "local-zone-bos",
  schema: LocalZoneBosConfigSchema,
  environments: localZoneBosEnvironments,
  build(stack, config, configPath) {
    // The egress AZs are hub AZs: reject a Local Zone (or anything else) here, with this path.
    const check = new ConfigCheck();
    checkSiteConfig(check, config, configPath);
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
      ...(ep.certificateArn !== undefined ? { tls: { certificateArn: ep.certificateArn } } : {}),
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
      sshSourceSecurityGroupId: hub.instanceConnectSecurityGroupId,
      configPath: `${configPath}.osv`,
    });
    // region-hub publishes "" for the Instance Connect Endpoint's group when it runs without one
    // (regionHubOutputs): a rule referencing "" fails at apply, so the SSH rule exists only when
    // the hub's state names a group (known at plan time: remote state is read during the plan).
    // count = min(length(id), 1): 0 for "", 1 otherwise (cdktf renders "" and 0 operands of
    // Op comparisons as `undefined`, so the test is arithmetic rather than `id != ""`).
    hosts.sshIngressRule!.count = Token.asNumber(
      Fn.min([Fn.lengthOf(hub.instanceConnectSecurityGroupId), 1]),
    );
    endpoint.connectTargets(hosts.securityGroupId);
    new OsvAutoScalingFleet(stack, "osv", {
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

/**
 * The site's own cross-field rule: the fleet runs one of the types the site lists for its zones
 * (whose offering LocalZoneSubnets checks at plan time). Shapes are the schema's; the endpoint's
 * and the fleet's rules are their constructs'.
 */
function checkSiteConfig(check: ConfigCheck, config: LocalZoneBosSettings, configPath: string): void {
  const listed = config.instanceTypes ?? [];
  check.expect(listed.includes(config.osv.instanceType), {
    code: "EDGE_SITE_INSTANCE_TYPE",
    path: `${configPath}.osv.instanceType`,
    value: config.osv.instanceType,
    problem:
      "the OSv fleet's instance type is not one of the types the site runs in the zones (instanceTypes), whose offering is checked at plan time",
    fix: `add ${config.osv.instanceType} to instanceTypes or use one of: ${listed.join(", ") || "(none listed)"}`,
  });
}

if (require.main === module) runSynthCli([localZoneBos]);
