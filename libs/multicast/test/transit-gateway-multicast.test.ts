import { configError, configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { TransitGatewayMulticast, type TransitGatewayMulticastProps } from "../src";

const subnets = [
  { subnetId: "subnet-a", zone: "us-east-1a" },
  { subnetId: "subnet-b", zone: "us-east-1b" },
];
const base: TransitGatewayMulticastProps = { attachments: [{ name: "hub", vpcId: "vpc-1", subnets }] };

function synth(props: Partial<TransitGatewayMulticastProps> = {}) {
  const stack = testStack({ site: "region-hub" });
  new TransitGatewayMulticast(stack, "multicast", { ...base, ...props });
  return synthJson(stack);
}

describe("TransitGatewayMulticast", () => {
  const json = synth();

  it("creates the transit gateway with multicast support and no auto-accept", () => {
    expect(resourcesOf(json, "aws_ec2_transit_gateway")["multicast_transit-gateway"]).toMatchObject({
      multicast_support: "enable",
      auto_accept_shared_attachments: "disable",
    });
  });

  it("creates an IGMPv2 domain by default, without static sources or auto-accepted associations", () => {
    expect(resourcesOf(json, "aws_ec2_transit_gateway_multicast_domain").multicast_domain).toEqual({
      transit_gateway_id: "${aws_ec2_transit_gateway.multicast_transit-gateway.id}",
      igmpv2_support: "enable",
      static_sources_support: "disable",
      auto_accept_shared_associations: "disable",
      tags: { Name: "region-hub-dev-multicast" },
    });
  });

  it("attaches the VPC with one subnet per AZ and associates each with the domain", () => {
    expect(resourcesOf(json, "aws_ec2_transit_gateway_vpc_attachment")["multicast_attachment-hub"]).toMatchObject({
      transit_gateway_id: "${aws_ec2_transit_gateway.multicast_transit-gateway.id}",
      vpc_id: "vpc-1",
      subnet_ids: ["subnet-a", "subnet-b"],
    });
    expect(resourcesOf(json, "aws_ec2_transit_gateway_multicast_domain_association")).toEqual({
      "multicast_association-hub-us-east-1a": {
        subnet_id: "subnet-a",
        transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment.multicast_attachment-hub.id}",
        transit_gateway_multicast_domain_id: "${aws_ec2_transit_gateway_multicast_domain.multicast_domain.id}",
      },
      "multicast_association-hub-us-east-1b": {
        subnet_id: "subnet-b",
        transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment.multicast_attachment-hub.id}",
        transit_gateway_multicast_domain_id: "${aws_ec2_transit_gateway_multicast_domain.multicast_domain.id}",
      },
    });
  });

  it("uses an existing transit gateway when given one", () => {
    const j = synth({ transitGatewayId: "tgw-0123" });
    expect(resourcesOf(j, "aws_ec2_transit_gateway")).toEqual({});
    expect(resourcesOf(j, "aws_ec2_transit_gateway_multicast_domain").multicast_domain.transit_gateway_id).toBe("tgw-0123");
  });

  it("registers static members and sources in a static-sources domain", () => {
    const j = synth({
      igmpv2Support: false,
      staticSourcesSupport: true,
      staticGroups: [{ address: "239.1.1.1", memberNetworkInterfaceIds: ["eni-m"], sourceNetworkInterfaceIds: ["eni-s"] }],
    });
    expect(resourcesOf(j, "aws_ec2_transit_gateway_multicast_domain").multicast_domain).toMatchObject({
      igmpv2_support: "disable",
      static_sources_support: "enable",
    });
    expect(resourcesOf(j, "aws_ec2_transit_gateway_multicast_group_member")["multicast_group-0-member-0"]).toEqual({
      group_ip_address: "239.1.1.1",
      network_interface_id: "eni-m",
      transit_gateway_multicast_domain_id: "${aws_ec2_transit_gateway_multicast_domain.multicast_domain.id}",
    });
    expect(resourcesOf(j, "aws_ec2_transit_gateway_multicast_group_source")["multicast_group-0-source-0"]).toMatchObject({
      group_ip_address: "239.1.1.1",
      network_interface_id: "eni-s",
    });
  });

  it("adds a plan-time Nitro check for sender types the catalog does not know", () => {
    const j = synth({ senderInstanceTypes: ["c5.large", "zz9.large"] });
    expect(j.data?.aws_ec2_instance_type).toEqual({
      "multicast_sender-type-zz9_large": {
        instance_type: "zz9.large",
        lifecycle: {
          postcondition: [
            {
              condition: '${self.hypervisor == "nitro"}',
              error_message: "zz9.large is not built on Nitro, and non-Nitro instances cannot send multicast; use a Nitro type or let it only receive",
            },
          ],
        },
      },
    });
  });
});

describe("TransitGatewayMulticast rules", () => {
  const fail = (props: Partial<TransitGatewayMulticastProps>) => configError(() => synth(props));

  it("rejects IGMPv2 and static sources together", () => {
    expect(fail({ igmpv2Support: true, staticSourcesSupport: true }).message).toBe(
      'EDGE_MCAST_MODE at multicast.staticSourcesSupport: a multicast domain cannot have both IGMPv2 and static sources ("You cannot enable both attributes at the same time") (got true); fix: choose one: igmpv2Support for dynamic membership, or staticSourcesSupport with igmpv2Support false',
    );
  });

  it("rejects a group address outside 224.0.0.0/4", () => {
    expect(fail({ igmpv2Support: false, staticGroups: [{ address: "10.1.1.1", memberNetworkInterfaceIds: ["eni-1"] }] }).message).toBe(
      'EDGE_MCAST_GROUP_IP at multicast.staticGroups[0].address: multicast group addresses are in 224.0.0.0/4 (got "10.1.1.1"); fix: use an address between 224.0.0.0 and 239.255.255.255, e.g. one of the administratively scoped 239.255.0.0/16',
    );
  });

  it("rejects two subnets of one AZ in an attachment", () => {
    const err = fail({ attachments: [{ name: "hub", vpcId: "vpc-1", subnets: [...subnets, { subnetId: "subnet-c", zone: "us-east-1a" }] }] });
    expect(err.message).toBe(
      'EDGE_TGW_SUBNET_PER_AZ at multicast.attachments[0].subnets[2]: a transit gateway attachment takes one subnet per availability zone, and multicast.attachments[0].subnets[0] is already in us-east-1a (got "us-east-1a"); fix: keep one subnet of us-east-1a in the attachment',
    );
  });

  it.each([
    [{ subnetId: "s", zone: "us-east-1-bos-1a" }, "a Local Zone subnet cannot carry a transit gateway attachment", "us-east-1-bos-1a"],
    [{ subnetId: "s", zone: "us-east-1-wl1-bos-wlz-1" }, "a Wavelength Zone subnet cannot carry a transit gateway attachment", "us-east-1-wl1-bos-wlz-1"],
  ])("rejects an edge-zone subnet in an attachment (%j)", (subnet, problem, zone) => {
    const err = fail({ attachments: [{ name: "hub", vpcId: "vpc-1", subnets: [subnets[0], subnet] }] });
    expect(err.message).toBe(
      `EDGE_TGW_EDGE_SUBNET at multicast.attachments[0].subnets[1]: ${problem} (got "${zone}"); fix: attach a subnet of the zone's parent availability zone and route the edge subnet through it`,
    );
  });

  it("rejects an Outpost subnet in an attachment", () => {
    const outpostArn = "arn:aws:outposts:us-east-1:123456789012:outpost/op-0123456789abcdef0";
    const err = fail({ attachments: [{ name: "hub", vpcId: "vpc-1", subnets: [{ subnetId: "s", zone: "us-east-1a", outpostArn }] }] });
    expect(err.message).toBe(
      'EDGE_TGW_EDGE_SUBNET at multicast.attachments[0].subnets[0]: an Outpost subnet cannot carry a transit gateway attachment (got "us-east-1a"); fix: attach a subnet of the Outpost\'s parent availability zone in the Region',
    );
  });

  it("rejects an associated subnet that is not in the attachment", () => {
    const err = fail({ attachments: [{ name: "hub", vpcId: "vpc-1", subnets, associate: ["subnet-z"] }] });
    expect(err.message).toBe(
      'EDGE_MCAST_ASSOCIATION_SUBNET at multicast.attachments[0].associate[0]: an associated subnet must be one of the attachment\'s subnets (got "subnet-z"); fix: associate only subnets listed in multicast.attachments[0].subnets',
    );
  });

  it("rejects a subnet in two multicast domains", () => {
    const stack = testStack({ site: "region-hub" });
    new TransitGatewayMulticast(stack, "first", base);
    const errors = configErrors(() => new TransitGatewayMulticast(stack, "second", { ...base, transitGatewayId: "tgw-1" }));
    expect(errors.map((e) => e.message)).toEqual([
      'EDGE_MCAST_SUBNET_DOMAIN at multicast.attachments[0].subnets[0]: a subnet can be in only one multicast domain, and subnet subnet-a in us-east-1a is already associated by multicast.attachments[0].subnets[0] (construct region-hub-dev/first) (got "subnet-a"); fix: list in multicast.attachments[0].associate only the subnets this domain should take, without subnet subnet-a in us-east-1a, or take that subnet out of multicast.attachments[0]',
      'EDGE_MCAST_SUBNET_DOMAIN at multicast.attachments[0].subnets[1]: a subnet can be in only one multicast domain, and subnet subnet-b in us-east-1b is already associated by multicast.attachments[0].subnets[1] (construct region-hub-dev/first) (got "subnet-b"); fix: list in multicast.attachments[0].associate only the subnets this domain should take, without subnet subnet-b in us-east-1b, or take that subnet out of multicast.attachments[0]',
    ]);
  });

  // Transit Gateway guide, multicast considerations
  // (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-multicast-overview.html, archived source
  // awsdocs/aws-transit-gateway-guide doc_source/tgw-multicast-overview.md): "A subnet can only be
  // in one multicast domain." Subnets of the stack are tokens until apply,
  // so the error names the subnet by its zone, the config entry that claimed it first and the
  // construct that holds that claim, instead of the token.
  it("names a stack subnet already in another domain by zone, config entry and construct", () => {
    const stack = testStack({ site: "region-hub" });
    const made = ["us-east-1a", "us-east-1b"].map((zone, i) => ({
      zone,
      subnetId: new Subnet(stack, `subnet-${zone}`, { vpcId: "vpc-1", cidrBlock: `10.0.${i}.0/24`, availabilityZone: zone }).id,
    }));
    new TransitGatewayMulticast(stack, "first", { attachments: [{ name: "hub", vpcId: "vpc-1", subnets: made }], configPath: "sites.hub.multicast" });
    const second = (associate?: string[]) =>
      configErrors(() => new TransitGatewayMulticast(stack, `second-${associate ? "explicit" : "all"}`, { attachments: [{ name: "edge", vpcId: "vpc-1", subnets: made, ...(associate ? { associate } : {}) }], transitGatewayId: "tgw-1", configPath: "sites.other.multicast" }));
    const byDefault = second();
    expect(byDefault.map((e) => e.message)).toEqual([
      'EDGE_MCAST_SUBNET_DOMAIN at sites.other.multicast.attachments[0].subnets[0]: a subnet can be in only one multicast domain, and the us-east-1a subnet is already associated by sites.hub.multicast.attachments[0].subnets[0] (construct region-hub-dev/first) (got "the us-east-1a subnet"); fix: list in sites.other.multicast.attachments[0].associate only the subnets this domain should take, without the us-east-1a subnet, or take that subnet out of sites.hub.multicast.attachments[0]',
      'EDGE_MCAST_SUBNET_DOMAIN at sites.other.multicast.attachments[0].subnets[1]: a subnet can be in only one multicast domain, and the us-east-1b subnet is already associated by sites.hub.multicast.attachments[0].subnets[1] (construct region-hub-dev/first) (got "the us-east-1b subnet"); fix: list in sites.other.multicast.attachments[0].associate only the subnets this domain should take, without the us-east-1b subnet, or take that subnet out of sites.hub.multicast.attachments[0]',
    ]);
    expect(byDefault[0].constructPath).toBe("region-hub-dev/second-all");
    const explicit = second([made[1].subnetId]);
    expect(explicit.map((e) => e.message)).toEqual([
      'EDGE_MCAST_SUBNET_DOMAIN at sites.other.multicast.attachments[0].associate[0]: a subnet can be in only one multicast domain, and the us-east-1b subnet is already associated by sites.hub.multicast.attachments[0].subnets[1] (construct region-hub-dev/first) (got "the us-east-1b subnet"); fix: remove sites.other.multicast.attachments[0].associate[0], or take that subnet out of sites.hub.multicast.attachments[0]',
    ]);
  });

  it("rejects a non-Nitro sender", () => {
    expect(fail({ senderInstanceTypes: ["m4.large"] }).message).toBe(
      'EDGE_MCAST_SENDER_NITRO at multicast.senderInstanceTypes[0]: m4.large is not built on Nitro, and non-Nitro instances cannot send multicast (got "m4.large"); fix: use a Nitro type (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html), or let m4.large only receive',
    );
  });

  it("rejects static sources in an IGMPv2 domain", () => {
    expect(fail({ staticGroups: [{ address: "239.1.1.1", sourceNetworkInterfaceIds: ["eni-s"] }] }).code).toBe("EDGE_MCAST_STATIC_SOURCE");
  });
});
