import { configError, resourcesOf, synthJson, testStack, warningsOf } from "@edge/core/testing";
import { MulticastMemberRules, VxlanOverlay, type VxlanOverlayProps } from "../src";

describe("MulticastMemberRules", () => {
  const stack = testStack({ site: "region-hub" });
  new MulticastMemberRules(stack, "members", {
    vpcId: "vpc-1",
    groups: [{ address: "239.255.10.1", udpPort: 5004 }, { address: "239.255.0.1" }],
    senderCidrs: ["10.10.0.0/22"],
    networkAclId: "acl-1",
  });
  const json = synthJson(stack);
  const rules = (type: string) =>
    Object.entries(resourcesOf(json, type)).map(([name, r]) => ({
      name,
      proto: r.ip_protocol,
      cidr: r.cidr_ipv4,
      ports: r.from_port === undefined ? "-" : `${r.from_port}-${r.to_port}`,
    })).sort((a, b) => a.name.localeCompare(b.name));

  it("implements the Transit Gateway guide's inbound rules: IGMP query from 0.0.0.0/32, UDP from senders", () => {
    expect(rules("aws_vpc_security_group_ingress_rule")).toEqual([
      { name: "members_igmp-query-in", proto: "2", cidr: "0.0.0.0/32", ports: "-" },
      { name: "members_udp-in-sender-0-group-0", proto: "udp", cidr: "10.10.0.0/22", ports: "5004-5004" },
    ]);
  });

  it("implements the guide's outbound rules: IGMP leave to 224.0.0.2/32, IGMP join and UDP to the group", () => {
    expect(rules("aws_vpc_security_group_egress_rule")).toEqual([
      { name: "members_igmp-join-out-group-0", proto: "2", cidr: "239.255.10.1/32", ports: "-" },
      { name: "members_igmp-join-out-group-1", proto: "2", cidr: "239.255.0.1/32", ports: "-" },
      { name: "members_igmp-leave-out", proto: "2", cidr: "224.0.0.2/32", ports: "-" },
      { name: "members_udp-out-group-0", proto: "udp", cidr: "239.255.10.1/32", ports: "5004-5004" },
    ]);
  });

  it("describes every rule", () => {
    for (const type of ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      for (const r of Object.values(resourcesOf(json, type))) expect(r.description).toMatch(/\w/);
    }
  });

  it("mirrors the rules in the custom network ACL (protocol 2 for IGMP, 17 for UDP)", () => {
    const nacl = resourcesOf(json, "aws_network_acl_rule");
    expect(nacl["members_nacl-igmp-query-in"]).toEqual({
      network_acl_id: "acl-1",
      rule_number: 300,
      egress: false,
      protocol: "2",
      rule_action: "allow",
      cidr_block: "0.0.0.0/32",
    });
    expect(nacl["members_nacl-udp-out-group-0"]).toMatchObject({ egress: true, protocol: "17", cidr_block: "239.255.10.1/32", from_port: 5004, to_port: 5004 });
    expect(Object.values(nacl).map((r) => r.rule_number).sort()).toEqual([300, 301, 302, 303, 304, 305]);
  });

  it("rejects a UDP port out of range", () => {
    const err = configError(
      () => new MulticastMemberRules(testStack(), "m", { vpcId: "v", groups: [{ address: "239.1.1.1", udpPort: 70000 }], senderCidrs: [] }),
    );
    expect(err.message).toBe("EDGE_PORT at multicast.members.groups[0].udpPort: not a UDP port (got 70000); fix: use a port from 1 to 65535");
  });
});

describe("VxlanOverlay", () => {
  const base: VxlanOverlayProps = { securityGroupId: "sg-1", vni: 1001, memberCidrs: ["10.10.0.0/22", "10.10.4.0/22"], overlayCidr: "172.16.0.0/16" };
  const build = (props: Partial<VxlanOverlayProps> = {}) => {
    const stack = testStack({ site: "region-hub" });
    const overlay = new VxlanOverlay(stack, "vxlan", { ...base, ...props });
    return { stack, overlay, json: synthJson(stack) };
  };

  it("opens UDP 4789 between tunnel endpoints and to the flood group", () => {
    const { json } = build();
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ["udp", 4789, 4789, "10.10.0.0/22"],
      ["udp", 4789, 4789, "10.10.4.0/22"],
    ]);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule")).map((r) => r.cidr_ipv4)).toEqual([
      "10.10.0.0/22",
      "10.10.4.0/22",
      "239.255.0.1/32",
    ]);
  });

  it("renders user data that forces IGMPv2 on the underlay and creates the VXLAN interface on the group", () => {
    const { overlay } = build({ underlayInterface: "ens5", group: "239.255.7.7" });
    expect(overlay.userData()).toBe(
      [
        "# VXLAN 1001 over transit gateway multicast group 239.255.7.7",
        "cat > /etc/sysctl.d/90-vxlan-igmp.conf <<'EOF'",
        "net.ipv4.conf.ens5.force_igmp_version=2",
        "net.ipv4.conf.all.force_igmp_version=2",
        "EOF",
        "sysctl -p /etc/sysctl.d/90-vxlan-igmp.conf",
        "ip link add vxlan1001 type vxlan id 1001 group 239.255.7.7 dev ens5 dstport 4789 ttl 5",
        "ip link set vxlan1001 mtu 8450 up",
        "",
      ].join("\n"),
    );
  });

  it("fits the inner MTU to a Wavelength path and warns when a set MTU would fragment", () => {
    expect(build({ pathMtu: 1300 }).overlay.innerMtu).toBe(1250);
    const { stack } = build({ pathMtu: 1300, innerMtu: 1280 });
    expect(warningsOf(stack)).toEqual([
      "[region-hub-dev/vxlan] EDGE_VXLAN_MTU at multicast.vxlan.innerMtu: VXLAN inner MTU 1280 + 50 bytes of overhead exceeds the 1300-byte path: packets would fragment, and the transit gateway drops fragmented multicast; fix: set innerMtu to 1250 or less",
    ]);
  });

  it("builds the overlay router: source/dest check off and routes for the overlay CIDR to its interface", () => {
    const { json } = build({ router: { subnetId: "subnet-a", routeTableIds: ["rtb-1", "rtb-2"] } });
    expect(resourcesOf(json, "aws_network_interface")["vxlan_router-interface"]).toMatchObject({
      subnet_id: "subnet-a",
      source_dest_check: false,
      security_groups: ["sg-1"],
    });
    expect(resourcesOf(json, "aws_route")).toEqual({
      "vxlan_overlay-route-0": { route_table_id: "rtb-1", destination_cidr_block: "172.16.0.0/16", network_interface_id: "${aws_network_interface.vxlan_router-interface.id}" },
      "vxlan_overlay-route-1": { route_table_id: "rtb-2", destination_cidr_block: "172.16.0.0/16", network_interface_id: "${aws_network_interface.vxlan_router-interface.id}" },
    });
  });

  it("rejects an overlay CIDR that overlaps a VPC of the environment", () => {
    const err = configError(() => build({ overlayCidr: "10.10.128.0/17" }));
    expect(err.message).toBe(
      'EDGE_OVERLAY_CIDR_OVERLAP at multicast.vxlan.overlayCidr: the overlay network overlaps the hub VPC (10.10.0.0/16) in environment dev (got "10.10.128.0/17"); fix: choose an overlay CIDR outside every VPC of the environment, e.g. from 172.16.0.0/12',
    );
  });

  it("rejects a VNI beyond 24 bits", () => {
    expect(configError(() => build({ vni: 2 ** 24 })).message).toBe(
      "EDGE_VXLAN_VNI at multicast.vxlan.vni: a VXLAN network identifier is 24 bits (got 16777216); fix: use a VNI from 1 to 16777215",
    );
  });

  it("rejects a flood group outside 224.0.0.0/4", () => {
    expect(configError(() => build({ group: "192.168.0.1" })).code).toBe("EDGE_MCAST_GROUP_IP");
  });

  // RFC 5771 section 4: the local network control block "is not forwarded off link"; the transit
  // gateway is the multicast router between the overlay's subnets (Transit Gateway guide).
  it("rejects a flood group in the local network control block 224.0.0.0/24", () => {
    expect(configError(() => build({ group: "224.0.0.251" })).message).toBe(
      'EDGE_MCAST_GROUP_LOCAL at multicast.vxlan.group: 224.0.0.0/24 is the local network control block (mDNS, OSPF, IGMP): multicast routers, the transit gateway among them, never forward it to another subnet (got "224.0.0.251"); fix: use a group of the administratively scoped 239.255.0.0/16, such as "239.255.10.1"',
    );
    expect(() => build({ group: "224.0.1.1" })).not.toThrow();
  });
});
