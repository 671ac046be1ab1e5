import { defineSiteOutputs, out } from "@edge/core";

/**
 * What the `outpost-factory` site publishes for the sites of its environment. Maps are keyed by
 * the Outpost subnet's (or placement group's) name in the site config.
 */
export const outpostFactoryOutputs = defineSiteOutputs("outpost-factory", {
  outpostArn: out.string("ARN of the Outpost"),
  outpostAvailabilityZone: out.string("availability zone the Outpost is homed to"),
  routingMode: out.string(
    'how the Outpost reaches the on-premises network: "coip" or "direct-vpc-routing"',
  ),
  subnetIds: out.map("Outpost subnet id per subnet name"),
  subnetCidrs: out.map("Outpost subnet IPv4 CIDR per subnet name"),
  routeTableIds: out.map("route table id per Outpost subnet name (each subnet has its own)"),
  localGatewayId: out.string("id of the Outpost's local gateway"),
  localGatewayRouteTableId: out.string("local gateway route table the VPC is associated with"),
  customerOwnedIpv4Pool: out.string(
    "customer-owned IPv4 pool of the Outpost subnets (empty in direct VPC routing)",
  ),
  onPremisesCidrs: out.list("on-premises CIDRs routed to the local gateway"),
  instanceTypes: out.list("instance types the Outpost was ordered with"),
  placementGroupNames: out.map("placement group name per placement group key"),
});
