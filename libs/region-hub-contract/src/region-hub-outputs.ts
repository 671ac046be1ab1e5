import { defineSiteOutputs, out } from "@edge/core";

/**
 * What the `region-hub` site publishes for the sites of its environment. Maps are keyed by
 * availability zone name. A site reads the hub of its own home Region (an environment homes a hub
 * in each Region its sites are homed in): `sameRegion`.
 */
export const regionHubOutputs = defineSiteOutputs("region-hub", {
  vpcId: out.string("id of the hub VPC"),
  vpcCidr: out.string("primary IPv4 CIDR of the hub VPC"),
  internetGatewayId: out.string("id of the hub VPC's internet gateway"),
  publicSubnetIds: out.map("public subnet id per availability zone"),
  privateSubnetIds: out.map("private subnet id per availability zone"),
  publicRouteTableId: out.string("id of the public route table"),
  privateRouteTableIds: out.map("private route table id per availability zone"),
  natGatewayIds: out.map("NAT gateway id per availability zone that has one"),
  s3GatewayEndpointId: out.string(
    "id of the S3 gateway endpoint of the hub VPC, for edge route tables to associate",
  ),
  instanceConnectSecurityGroupId: out.string(
    "security group of the EC2 Instance Connect Endpoint (empty when disabled)",
  ),
  transitGatewayId: out.string(
    "transit gateway (created with multicast support) that edge sites attach to through parent-AZ subnets",
  ),
  transitGatewayRouteTableId: out.string(
    "the transit gateway's default route table (its attachments associate with and propagate to it), for a peered hub's static route",
  ),
  multicastDomainId: out.string("transit gateway multicast domain (IGMPv2)"),
  multicastMemberSecurityGroupId: out.string(
    "security group for multicast group members and VXLAN tunnel endpoints",
  ),
  edgeEndpointDnsName: out.string(
    "DNS name of the hub's internet-facing edge endpoint (load balancer in front of the OSv fleet)",
  ),
  edgeEndpointZoneId: out.string(
    "Route 53 hosted zone id of that load balancer, for weighted alias records",
  ),
}, { sameRegion: true });
