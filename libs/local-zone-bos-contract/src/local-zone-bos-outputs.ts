import { defineSiteOutputs, out } from "@edge/core";

/**
 * What the `local-zone-bos` site publishes for later sites (compute, DNS). Maps are keyed by
 * Local Zone name (`us-east-1-bos-1a`).
 */
export const localZoneBosOutputs = defineSiteOutputs("local-zone-bos", {
  publicSubnetIds: out.map("public subnet id per Local Zone"),
  privateSubnetIds: out.map("private subnet id per Local Zone"),
  publicRouteTableId: out.string(
    "id of the Local Zone public route table (0.0.0.0/0 to the hub internet gateway)",
  ),
  privateRouteTableIds: out.map("private route table id per Local Zone"),
  natGatewayIds: out.map("in-zone NAT gateway id per Local Zone that has one"),
  networkBorderGroups: out.map(
    "network border group per Local Zone, for EIPs allocated in the zone",
  ),
  ebsVolumeTypes: out.map("default EBS volume type per Local Zone, from the zone catalog"),
  workloadSecurityGroupId: out.string("security group for instances in the Local Zone subnets"),
  edgeEndpointDnsName: out.string(
    "DNS name of the Local Zone's internet-facing edge endpoint (load balancer in the zone)",
  ),
  edgeEndpointZoneId: out.string(
    "Route 53 hosted zone id of that load balancer, for weighted alias records",
  ),
});
