// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { createHash } from "node:crypto";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigCheck, defineSite, parseZone, runSynthCli, type EdgeStack } from "@edge/core";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { LocalZoneSubnets, type RegionEgress } from "@edge/local-zone";
import { OsvHostFleet, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
import { suppressRules } from "@edge/policy";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import {
  LocalZoneBosConfigSchema,
  localZoneBosEnvironments,
  type LocalZoneBosSettings,
} from "./site";

/**
 * A load balancer or target group name: at most 32 letters, digits and hyphens (ELB API
 * CreateLoadBalancer and CreateTargetGroup, Name). A longer `<site>-<env>-<part>` (ad-hoc
 * environment names run to 24 characters) keeps its first 23 characters and a hash of the whole,
 * so two environments never share a name.
 */
export function elbName(stack: EdgeStack, part: string): string {
  const full = stack.physicalName(part);
  if (full.length <= 32) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, 23).replace(/-+$/, "")}-${hash}`;
}

// ACM certificate ARNs: arn:<partition>:acm:<region>:<account>:certificate/<uuid>.
const ACM_CERTIFICATE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;
// TLS 1.3 and 1.2 only. Without a policy, listeners created through the API get
// ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 (ELB ALB guide, "Security policies for
// your Application Load Balancer").
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

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
    checkEdgeConfig(check, stack, config, configPath);
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
    const production = stack.environment.profile === "production";
    const zones = lz.zones.map((z) => z.name);
    // The AMI's root volume type is one every zone offers: gp2 in us-east-1-bos-1a (catalog).
    const image = new OsvImage(stack, "osv-image", {
      ...osv.image,
      zones,
      configPath: `${configPath}.osv.image`,
    });

    const endpoint = new Construct(stack, "edge-endpoint");
    const listenerPort = ep.port ?? osv.appPort;
    const https = ep.certificateArn !== undefined;
    const endpointSecurityGroup = new SecurityGroup(endpoint, "security-group", {
      name: stack.physicalName("edge-endpoint"),
      description: `Edge endpoint ALB: tcp/${listenerPort} from the internet, to the OSv hosts only`,
      vpcId: hub.vpcId,
      tags: { Name: stack.physicalName("edge-endpoint") },
    });
    // The hosts admit the application port only from the ALB's group (ELB ALB guide, "Security
    // groups for your Application Load Balancer": set "the load balancer's security group as the
    // source in the ingress rule of the target's security group").
    const hosts = new OsvHostSecurityGroup(stack, "osv-hosts", {
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      appSourceSecurityGroupIds: [endpointSecurityGroup.id],
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
    const publicIngress = new VpcSecurityGroupIngressRule(endpoint, "public-ingress", {
      securityGroupId: endpointSecurityGroup.id,
      description: `Edge endpoint ${https ? "HTTPS" : "HTTP"} tcp/${listenerPort} from the internet`,
      ipProtocol: "tcp",
      fromPort: listenerPort,
      toPort: listenerPort,
      cidrIpv4: "0.0.0.0/0",
    });
    suppressRules(publicIngress, [
      {
        id: "EDGE-SG-4",
        reason: `tcp/${listenerPort} is the Local Zone's public edge endpoint: Boston clients reach the OSv fleet only through this ALB, and global DNS weights it against the other sites`,
      },
    ]);
    // The ALB's group must allow the listener and health check ports out to the targets (same
    // guide); the target group checks the traffic port.
    new VpcSecurityGroupEgressRule(endpoint, "hosts-egress", {
      securityGroupId: endpointSecurityGroup.id,
      description: `Requests and health checks to the OSv hosts on tcp/${osv.appPort}`,
      ipProtocol: "tcp",
      fromPort: osv.appPort,
      toPort: osv.appPort,
      referencedSecurityGroupId: hosts.securityGroupId,
    });
    const targetGroup = new LbTargetGroup(endpoint, "target-group", {
      name: elbName(stack, "osv"),
      targetType: "instance",
      protocol: "HTTP",
      port: osv.appPort,
      vpcId: hub.vpcId,
      // OSv hosts boot in well under a second: 30 s (default 300) drains requests on scale-in
      // and instance refresh without holding old hosts for five minutes.
      deregistrationDelay: "30",
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: ep.healthCheckPath ?? "/",
        matcher: "200-399",
        interval: 15,
        timeout: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      tags: { Name: stack.physicalName("osv") },
    });
    new OsvHostFleet(stack, "osv", {
      image,
      instanceType: osv.instanceType,
      subnets: zones.map((zone) => ({ subnetId: lz.privateSubnets[zone].id, zone })),
      securityGroupIds: [hosts.securityGroupId],
      minSize: osv.minSize,
      desiredCapacity: osv.desiredCapacity,
      maxSize: osv.maxSize,
      // The group registers its hosts and uses the target group's health checks ("ELB").
      targetGroupArns: [targetGroup.arn],
      configPath: `${configPath}.osv`,
    });
    const loadBalancer = new Lb(endpoint, "load-balancer", {
      name: elbName(stack, "edge"),
      loadBalancerType: "application",
      internal: false,
      // IPv4 only: the zone catalog lists no IPv6 for this Local Zone.
      ipAddressType: "ipv4",
      // The Local Zones' public subnets only, one per zone (see the site's comment above).
      subnets: zones.map((zone) => lz.publicSubnets[zone].id),
      securityGroups: [endpointSecurityGroup.id],
      // Reject requests with header names that are not valid HTTP (checkov CKV_AWS_131).
      dropInvalidHeaderFields: true,
      enableDeletionProtection: ep.deletionProtection ?? production,
      ...(ep.accessLogs
        ? {
            accessLogs: {
              bucket: ep.accessLogs.bucket,
              ...(ep.accessLogs.prefix !== undefined ? { prefix: ep.accessLogs.prefix } : {}),
              enabled: true,
            },
          }
        : {}),
      tags: { Name: stack.physicalName("edge") },
    });
    new LbListener(endpoint, "listener", {
      loadBalancerArn: loadBalancer.arn,
      port: listenerPort,
      protocol: https ? "HTTPS" : "HTTP",
      ...(https ? { certificateArn: ep.certificateArn, sslPolicy: TLS_POLICY } : {}),
      defaultAction: [{ type: "forward", targetGroupArn: targetGroup.arn }],
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
      edgeEndpointDnsName: loadBalancer.dnsName,
      edgeEndpointZoneId: loadBalancer.zoneId,
    });
  },
});

/** Site-level checks of the OSv and edge endpoint config, collected into `check`. */
function checkEdgeConfig(
  check: ConfigCheck,
  stack: EdgeStack,
  config: LocalZoneBosSettings,
  configPath: string,
): void {
  const listed = config.instanceTypes ?? [];
  check.expect(listed.includes(config.osv.instanceType), {
    code: "EDGE_SITE_INSTANCE_TYPE",
    path: `${configPath}.osv.instanceType`,
    value: config.osv.instanceType,
    problem:
      "the OSv fleet's instance type is not one of the types the site runs in the zones (instanceTypes), whose offering is checked at plan time",
    fix: `add ${config.osv.instanceType} to instanceTypes or use one of: ${listed.join(", ") || "(none listed)"}`,
  });
  const ep = config.edgeEndpoint;
  if (ep.port !== undefined) {
    check.expect(ep.port >= 1 && ep.port <= 65535, {
      code: "EDGE_CONFIG_VALUE",
      path: `${configPath}.edgeEndpoint.port`,
      value: ep.port,
      problem: "not a TCP port",
      fix: "give the listener port, 1 to 65535 (the port clients use at every site)",
    });
  }
  if (ep.healthCheckPath !== undefined) {
    // Target group health check path: starts with "/", at most 1024 characters (ELB API
    // CreateTargetGroup, HealthCheckPath).
    check.expect(ep.healthCheckPath.startsWith("/") && ep.healthCheckPath.length <= 1024, {
      code: "EDGE_CONFIG_VALUE",
      path: `${configPath}.edgeEndpoint.healthCheckPath`,
      value: ep.healthCheckPath,
      problem: "a health check path starts with / and has at most 1024 characters",
      fix: 'give the path the application answers health checks on, such as "/healthz"',
    });
  }
  if (ep.certificateArn !== undefined) {
    const region = ACM_CERTIFICATE.exec(ep.certificateArn)?.[1];
    // An ALB's certificate comes from ACM in the load balancer's region.
    check.expect(region === stack.environment.region, {
      code: "EDGE_LB_CERTIFICATE",
      path: `${configPath}.edgeEndpoint.certificateArn`,
      value: ep.certificateArn,
      problem:
        region === undefined
          ? "not an ACM certificate ARN"
          : `the certificate is in ${region}, not in the stack's region ${stack.environment.region}`,
      fix: `give the ARN of an ACM certificate in ${stack.environment.region} (arn:aws:acm:${stack.environment.region}:<account>:certificate/<id>)`,
    });
  }
}

if (require.main === module) runSynthCli([localZoneBos]);
