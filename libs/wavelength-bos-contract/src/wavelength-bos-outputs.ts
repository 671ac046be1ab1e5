import { defineSiteOutputs, out } from "@edge/core";

/** What the `wavelength-bos` site publishes for later sites (compute, DNS). */
export const wavelengthBosOutputs = defineSiteOutputs("wavelength-bos", {
  vpcId: out.string("id of the VPC the Wavelength subnets live in"),
  vpcCidr: out.string("primary IPv4 CIDR of that VPC"),
  zoneName: out.string("the Wavelength Zone, which is also its network border group"),
  carrierGatewayId: out.string("id of the VPC's carrier gateway"),
  carrierSubnetId: out.string(
    "id of the Wavelength subnet that routes 0.0.0.0/0 to the carrier gateway",
  ),
  carrierRouteTableId: out.string("id of the carrier route table"),
  privateSubnetId: out.string(
    "id of the Wavelength subnet without a carrier route (empty when disabled)",
  ),
  regionSubnetIds: out.map(
    "region-side subnet id per tier (public, private) for what cannot live in the zone",
  ),
  hostSecurityGroupId: out.string("security group of the carrier-IP hosts"),
  launchTemplateId: out.string("id of the carrier-IP launch template"),
  dnsRecordName: out.string(
    "record name the carrier-IP DNS updater keeps current (empty when the site has no updater)",
  ),
  carrierClientCidrs: out.list(
    "the carrier's client and resolver CIDR blocks, whose clients get dnsRecordName for the public name (empty when the site has no updater)",
  ),
});
