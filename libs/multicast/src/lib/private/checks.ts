import { ConfigCheck, isUnresolved, parseCidr, tryParseZone, zoneKindLabel, type EdgeSubnet } from "@edge/core";

// Multicast group addresses: IPv4 224.0.0.0/4 (provider doc aws_ec2_transit_gateway_multicast_group_member:
// "The IP address assigned to the transit gateway multicast group"; RFC 5771 for the range).
const MULTICAST_START = 224 * 2 ** 24;
const MULTICAST_END = 240 * 2 ** 24;

/** Checks that `address` is one IPv4 address in 224.0.0.0/4. */
export function checkGroupAddress(check: ConfigCheck, address: string, path: string): void {
  if (isUnresolved(address)) return;
  let start: number | undefined;
  if (typeof address === "string" && /^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    check.collect(() => {
      start = parseCidr(`${address}/32`, path).start;
    });
  } else {
    check.fail({
      code: "EDGE_MCAST_GROUP_IP",
      path,
      value: address,
      problem: "a multicast group is one IPv4 address, not a block or a name",
      fix: 'write one address without a prefix length, such as "239.255.10.1"',
    });
  }
  if (start !== undefined && (start < MULTICAST_START || start >= MULTICAST_END)) {
    check.fail({
      code: "EDGE_MCAST_GROUP_IP",
      path,
      value: address,
      problem: "multicast group addresses are in 224.0.0.0/4",
      fix: "use an address between 224.0.0.0 and 239.255.255.255, e.g. one of the administratively scoped 239.255.0.0/16",
    });
  }
  // RFC 5771 section 4, Local Network Control Block (224.0.0.0/24): "Addresses in the Local
  // Network Control Block are used for protocol control traffic that is not forwarded off link".
  // The transit gateway "serves as a multicast router" between subnets (Transit Gateway guide,
  // Multicast in AWS Transit Gateway), so a group there never reaches another subnet.
  if (start !== undefined && start >= MULTICAST_START && start < MULTICAST_START + 256) {
    check.fail({
      code: "EDGE_MCAST_GROUP_LOCAL",
      path,
      value: address,
      problem: "224.0.0.0/24 is the local network control block (mDNS, OSPF, IGMP): multicast routers, the transit gateway among them, never forward it to another subnet",
      fix: "use a group of the administratively scoped 239.255.0.0/16, such as \"239.255.10.1\"",
    });
  }
}

/**
 * Transit gateway VPC attachments take one subnet per availability zone and no Local Zone,
 * Wavelength Zone or Outpost subnet (Transit Gateway guide, tgw-vpc-attachments: "you must specify
 * one subnet from each Availability Zone"; "You can't create an attachment for a VPC subnet that
 * resides in a Local Zone"; Wavelength quotas: no transit gateway attachment in a Wavelength Zone).
 */
export function checkAttachmentSubnets(check: ConfigCheck, subnets: readonly EdgeSubnet[], path: string): void {
  const byZone = new Map<string, number>();
  subnets.forEach((subnet, i) => {
    const p = `${path}[${i}]`;
    if (subnet.outpostArn !== undefined) {
      check.fail({
        code: "EDGE_TGW_EDGE_SUBNET",
        path: p,
        value: subnet.zone,
        problem: "an Outpost subnet cannot carry a transit gateway attachment",
        fix: "attach a subnet of the Outpost's parent availability zone in the Region",
      });
      return;
    }
    if (isUnresolved(subnet.zone)) return;
    const zone = tryParseZone(subnet.zone);
    if (zone && zone.kind !== "availability-zone") {
      check.fail({
        code: "EDGE_TGW_EDGE_SUBNET",
        path: p,
        value: subnet.zone,
        problem: `a ${zoneKindLabel(zone.kind)} subnet cannot carry a transit gateway attachment`,
        fix: "attach a subnet of the zone's parent availability zone and route the edge subnet through it",
      });
      return;
    }
    const first = byZone.get(subnet.zone);
    if (first !== undefined) {
      check.fail({
        code: "EDGE_TGW_SUBNET_PER_AZ",
        path: p,
        value: subnet.zone,
        problem: `a transit gateway attachment takes one subnet per availability zone, and ${path}[${first}] is already in ${subnet.zone}`,
        fix: `keep one subnet of ${subnet.zone} in the attachment`,
      });
    } else {
      byZone.set(subnet.zone, i);
    }
  });
}
