import type { EdgeSubnet } from "@edge/core";
import { configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { DEFAULT_VXLAN_GROUP, vxlanMulticastDomain, type VxlanMulticastDomainProps } from "../src";

const SUBNETS: EdgeSubnet[] = [
  { subnetId: "subnet-a", zone: "us-east-1a" },
  { subnetId: "subnet-b", zone: "us-east-1b" },
];

function build(props: Partial<VxlanMulticastDomainProps> = {}) {
  const stack = testStack({ site: "region-hub" });
  const made = vxlanMulticastDomain(stack, "multicast", {
    vpcId: "vpc-0hub",
    subnets: SUBNETS,
    memberCidrs: ["10.10.32.0/20", "10.10.48.0/20"],
    groups: [{ address: "239.255.10.1", udpPort: 5004 }],
    senderInstanceTypes: ["t3.medium"],
    vxlan: { vni: 1001, overlayCidr: "172.16.0.0/16" },
    configPath: "environments.dev.multicast",
    ...props,
  });
  return { stack, ...made };
}

describe("vxlanMulticastDomain", () => {
  const { stack } = build();
  const json = synthJson(stack);

  it("creates an IGMPv2 multicast domain on the VPC's subnets under <id>", () => {
    // Transit gateway multicast with IGMPv2: igmpv2_support "enable" on the gateway and the
    // domain (Terraform AWS provider, aws_ec2_transit_gateway_multicast_domain).
    expect(
      resourcesOf(json, "aws_ec2_transit_gateway_multicast_domain")["multicast_domain"],
    ).toMatchObject({
      igmpv2_support: "enable",
    });
    expect(
      resourcesOf(json, "aws_ec2_transit_gateway_vpc_attachment")["multicast_attachment-hub"],
    ).toMatchObject({
      vpc_id: "vpc-0hub",
      subnet_ids: ["subnet-a", "subnet-b"],
    });
  });

  it("has the members join the overlay's flood group before the site's groups (<id>-members)", () => {
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");
    expect(egress["multicast-members_igmp-join-out-group-0"].cidr_ipv4).toBe(
      `${DEFAULT_VXLAN_GROUP}/32`,
    );
    expect(egress["multicast-members_igmp-join-out-group-1"].cidr_ipv4).toBe("239.255.10.1/32");
    expect(egress["multicast-members_udp-out-group-1"]).toMatchObject({
      ip_protocol: "udp",
      from_port: 5004,
    });
  });

  it("floods the overlay (vxlan) through the flood group, UDP 4789 on the members' group", () => {
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    const vxlan = Object.entries(ingress).filter(([name]) => name.startsWith("vxlan_"));
    expect(vxlan.length).toBeGreaterThan(0);
    // VXLAN's IANA port, 4789 (RFC 7348, section 5).
    for (const [, rule] of vxlan)
      expect(rule).toMatchObject({ ip_protocol: "udp", from_port: 4789, to_port: 4789 });
  });

  it("reports an error about a site group at its own index, and about the flood group at vxlan.group", () => {
    const errors = configErrors(() =>
      build({
        groups: [{ address: "10.0.0.1", udpPort: 5004 }],
        vxlan: { vni: 1001, overlayCidr: "172.16.0.0/16", group: "10.0.0.2" },
      }),
    );
    // Multicast group addresses are 224.0.0.0/4 (RFC 5771); the member rules check both lists.
    expect(errors.map((e) => e.message)).toEqual([
      'EDGE_MCAST_GROUP_IP at environments.dev.multicast.vxlan.group: multicast group addresses are in 224.0.0.0/4 (got "10.0.0.2"); fix: use an address between 224.0.0.0 and 239.255.255.255, e.g. one of the administratively scoped 239.255.0.0/16',
      'EDGE_MCAST_GROUP_IP at environments.dev.multicast.groups[0].address: multicast group addresses are in 224.0.0.0/4 (got "10.0.0.1"); fix: use an address between 224.0.0.0 and 239.255.255.255, e.g. one of the administratively scoped 239.255.0.0/16',
    ]);
  });
});
