// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { createHash } from "node:crypto";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { defineSite, parseZone, runSynthCli, type EdgeStack } from "@edge/core";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { MulticastMemberRules, TransitGatewayMulticast, VxlanOverlay } from "@edge/multicast";
import { OsvHostFleet, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
import { suppressRules } from "@edge/policy";
import { RegionVpc } from "@edge/region";
import { Construct } from "constructs";
import { RegionHubConfigSchema, regionHubEnvironments } from "./site";

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

    // --- OSv fleet behind the edge endpoint ----------------------------------------------------
    const osv = config.osv;
    const production = stack.environment.profile === "production";
    // Network Load Balancers are offered in availability zones only (zone catalog; the NLB guide:
    // "You can't specify a subnet in a Local Zone"): ask the catalog for every public subnet's AZ.
    hub.availabilityZones.forEach((az, i) => {
      const path = `${configPath}.vpc.availabilityZones[${i}]`;
      stack.catalog.requireFeature(
        parseZone(az, { region: stack.environment.region, path }),
        "networkLoadBalancer",
        path,
      );
    });
    const image = new OsvImage(stack, "osv-image", {
      ...osv.image,
      configPath: `${configPath}.osv.image`,
    });

    const endpoint = new Construct(stack, "edge-endpoint");
    const listenerPort = config.edgeEndpoint.port ?? osv.appPort;
    // NLBs take security groups only when created with them (ELB NLB guide, "Update the security
    // groups for your Network Load Balancer"); the hosts then admit the app port from this group,
    // which "ensures that your targets accept traffic from your Network Load Balancer even if you
    // enable client IP preservation" (same page) and keeps clients from reaching hosts directly.
    const endpointSecurityGroup = new SecurityGroup(endpoint, "security-group", {
      name: stack.physicalName("edge-endpoint"),
      description: `Edge endpoint NLB: tcp/${listenerPort} from the internet, to the OSv hosts only`,
      vpcId: hub.vpcId,
      tags: { Name: stack.physicalName("edge-endpoint") },
    });
    const hosts = new OsvHostSecurityGroup(stack, "osv-hosts", {
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      appSourceSecurityGroupIds: [endpointSecurityGroup.id],
      // SSH only from the Instance Connect Endpoint's group, when the hub has the endpoint.
      ...(hub.instanceConnectSecurityGroup
        ? { sshSourceSecurityGroupId: hub.instanceConnectSecurityGroup.id }
        : {}),
      configPath: `${configPath}.osv`,
    });
    const publicIngress = new VpcSecurityGroupIngressRule(endpoint, "public-ingress", {
      securityGroupId: endpointSecurityGroup.id,
      description: `Edge endpoint tcp/${listenerPort} from the internet`,
      ipProtocol: "tcp",
      fromPort: listenerPort,
      toPort: listenerPort,
      cidrIpv4: "0.0.0.0/0",
    });
    suppressRules(publicIngress, [
      {
        id: "EDGE-SG-4",
        reason: `tcp/${listenerPort} is the hub's public edge endpoint: internet clients reach the OSv fleet only through this NLB, and global DNS weights it against the other sites`,
      },
    ]);
    // Health checks are subject to the NLB's outbound rules (same page): one rule covers both,
    // since the target group checks the traffic port.
    new VpcSecurityGroupEgressRule(endpoint, "hosts-egress", {
      securityGroupId: endpointSecurityGroup.id,
      description: `Client traffic and health checks to the OSv hosts on tcp/${osv.appPort}`,
      ipProtocol: "tcp",
      fromPort: osv.appPort,
      toPort: osv.appPort,
      referencedSecurityGroupId: hosts.securityGroupId,
    });
    const targetGroup = new LbTargetGroup(endpoint, "target-group", {
      name: elbName(stack, "osv"),
      targetType: "instance",
      protocol: "TCP",
      port: osv.appPort,
      vpcId: hub.vpcId,
      // OSv hosts boot in well under a second: 30 s (default 300) lets connections drain on
      // scale-in and instance refresh without holding old hosts for five minutes.
      deregistrationDelay: "30",
      healthCheck: {
        enabled: true,
        protocol: "TCP",
        port: "traffic-port",
        interval: 10,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      tags: { Name: stack.physicalName("osv") },
    });
    new OsvHostFleet(stack, "osv", {
      image,
      instanceType: osv.instanceType,
      subnets: hub.privateEdgeSubnets,
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
      loadBalancerType: "network",
      internal: false,
      ipAddressType: "ipv4",
      // One public subnet per AZ (ELB API CreateLoadBalancer: "You can specify only one subnet
      // per Availability Zone").
      subnets: hub.availabilityZones.map((az) => hub.publicSubnets[az].id),
      securityGroups: [endpointSecurityGroup.id],
      // NLBs balance within each AZ unless cross-zone is on; the group does not always have a
      // host in every AZ (dev and staging run fewer hosts than AZs at rest).
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: config.edgeEndpoint.deletionProtection ?? production,
      tags: { Name: stack.physicalName("edge") },
    });
    new LbListener(endpoint, "listener", {
      loadBalancerArn: loadBalancer.arn,
      port: listenerPort,
      protocol: "TCP",
      defaultAction: [{ type: "forward", targetGroupArn: targetGroup.arn }],
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
      edgeEndpointDnsName: loadBalancer.dnsName,
      edgeEndpointZoneId: loadBalancer.zoneId,
    });
  },
});

if (require.main === module) runSynthCli([regionHub]);
