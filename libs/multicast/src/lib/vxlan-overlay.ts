import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigCheck, EdgeStack, findOverlaps, isUnresolved, parseCidr, addEdgeWarning } from "@edge/core";
import { Construct } from "constructs";
import { checkGroupAddress } from "./private/checks";

/** VXLAN's IANA-assigned UDP port (RFC 7348). */
export const VXLAN_PORT = 4789;
/** Bytes VXLAN adds to each inner frame over IPv4: outer IP 20 + UDP 8 + VXLAN 8 + inner Ethernet 14 (RFC 7348). */
export const VXLAN_OVERHEAD = 50;
/** MTU of traffic through a transit gateway (Transit Gateway quotas, "MTU": 8500 bytes). */
export const TRANSIT_GATEWAY_MTU = 8500;
/**
 * MTU between a Wavelength Zone and its Region (OpenShift Wavelength enhancement quoting the
 * Wavelength guide's "how it works": 1300 bytes); the overlay must fit the smallest path.
 */
export const WAVELENGTH_REGION_MTU = 1300;

/** Props of {@link VxlanOverlay}. */
export interface VxlanOverlayProps {
  /** Security group of the tunnel endpoints (e.g. `MulticastMemberRules.securityGroupId`). */
  readonly securityGroupId: string;
  /** VXLAN network identifier, 1 to 16777215 (24 bits, RFC 7348). */
  readonly vni: number;
  /** Multicast group the endpoints use for flooding. @default "239.255.0.1" (administratively scoped, RFC 2365) */
  readonly group?: string;
  /** CIDRs of the tunnel endpoints' subnets: UDP 4789 is allowed between them. */
  readonly memberCidrs: readonly string[];
  /** IPv4 CIDR of the overlay (layer-2 segment) network; must not overlap any VPC of the environment. */
  readonly overlayCidr: string;
  /** Underlay interface name on the endpoints. @default "eth0" */
  readonly underlayInterface?: string;
  /**
   * Smallest MTU on the underlay path between endpoints: 8500 through a transit gateway, 1300
   * between a Wavelength Zone and the Region. @default 8500
   */
  readonly pathMtu?: number;
  /** MTU of the VXLAN interface. @default pathMtu - 50 */
  readonly innerMtu?: number;
  /**
   * Overlay router: a network interface with source/destination check off in this subnet, and a
   * route for the overlay CIDR to it in each listed route table.
   * @default - no router
   */
  readonly router?: { readonly subnetId: string; readonly routeTableIds: readonly string[] };
  /** Config path, for errors. @default "multicast.vxlan" */
  readonly configPath?: string;
}

/**
 * A VXLAN overlay whose tunnel endpoints find each other by multicast through the transit
 * gateway: UDP 4789 between members and to the group, a user-data fragment that forces IGMPv2 on
 * the underlay and creates the VXLAN interface, and optionally the overlay router pattern
 * (an interface with source/destination check off plus VPC routes for the overlay CIDR).
 */
export class VxlanOverlay extends Construct {
  readonly vni: number;
  readonly group: string;
  readonly innerMtu: number;
  readonly underlayInterface: string;
  readonly routerNetworkInterface?: NetworkInterface;

  constructor(scope: Construct, id: string, props: VxlanOverlayProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "multicast.vxlan";
    const group = props.group ?? "239.255.0.1";
    const pathMtu = props.pathMtu ?? TRANSIT_GATEWAY_MTU;
    const innerMtu = props.innerMtu ?? pathMtu - VXLAN_OVERHEAD;
    const iface = props.underlayInterface ?? "eth0";

    const check = new ConfigCheck(this.node.path);
    check.expect(Number.isInteger(props.vni) && props.vni >= 1 && props.vni <= 0xffffff, {
      code: "EDGE_VXLAN_VNI",
      path: `${path}.vni`,
      value: props.vni,
      problem: "a VXLAN network identifier is 24 bits",
      fix: "use a VNI from 1 to 16777215",
    });
    checkGroupAddress(check, group, `${path}.group`);
    check.expect(/^[a-z][a-z0-9]{0,14}$/.test(iface), {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.underlayInterface`,
      value: iface,
      problem: "not a Linux interface name",
      fix: 'use the endpoint\'s interface name, e.g. "eth0" or "ens5"',
    });
    props.memberCidrs.forEach((c, i) => check.collect(() => parseCidr(c, `${path}.memberCidrs[${i}]`)));
    if (!isUnresolved(props.overlayCidr)) {
      check.collect(() => {
        parseCidr(props.overlayCidr, `${path}.overlayCidr`);
        const env = stack.environment;
        const vpcs = [
          { name: "the hub VPC", cidr: env.network.vpcCidr },
          ...Object.entries(env.network.sites).map(([site, cidr]) => ({ name: `site ${site}`, cidr })),
        ];
        for (const v of vpcs) {
          const [hit] = findOverlaps([v, { name: "overlay", cidr: props.overlayCidr }]);
          if (hit) {
            check.fail({
              code: "EDGE_OVERLAY_CIDR_OVERLAP",
              path: `${path}.overlayCidr`,
              value: props.overlayCidr,
              problem: `the overlay network overlaps ${v.name} (${v.cidr}) in environment ${env.name}`,
              fix: "choose an overlay CIDR outside every VPC of the environment, e.g. from 172.16.0.0/12",
            });
          }
        }
      });
    }
    check.throwIfFailed();

    this.vni = props.vni;
    this.group = group;
    this.innerMtu = innerMtu;
    this.underlayInterface = iface;

    if (innerMtu + VXLAN_OVERHEAD > pathMtu) {
      addEdgeWarning(this, {
        code: "EDGE_VXLAN_MTU",
        path: `${path}.innerMtu`,
        problem: `VXLAN inner MTU ${innerMtu} + ${VXLAN_OVERHEAD} bytes of overhead exceeds the ${pathMtu}-byte path: packets would fragment, and the transit gateway drops fragmented multicast`,
        fix: `set innerMtu to ${pathMtu - VXLAN_OVERHEAD} or less`,
      });
    }

    const peers = [...props.memberCidrs, `${group}/32`];
    props.memberCidrs.forEach((cidr, i) => {
      new VpcSecurityGroupIngressRule(this, `vxlan-in-${i}`, {
        securityGroupId: props.securityGroupId,
        description: `VXLAN (UDP ${VXLAN_PORT}) from tunnel endpoints in ${cidr}`,
        ipProtocol: "udp",
        fromPort: VXLAN_PORT,
        toPort: VXLAN_PORT,
        cidrIpv4: cidr,
      });
    });
    peers.forEach((cidr, i) => {
      new VpcSecurityGroupEgressRule(this, `vxlan-out-${i}`, {
        securityGroupId: props.securityGroupId,
        description: `VXLAN (UDP ${VXLAN_PORT}) to ${i < props.memberCidrs.length ? "tunnel endpoints in" : "the flood group"} ${cidr}`,
        ipProtocol: "udp",
        fromPort: VXLAN_PORT,
        toPort: VXLAN_PORT,
        cidrIpv4: cidr,
      });
    });

    if (props.router) {
      this.routerNetworkInterface = new NetworkInterface(this, "router-interface", {
        subnetId: props.router.subnetId,
        securityGroups: [props.securityGroupId],
        sourceDestCheck: false,
        description: `overlay router for ${props.overlayCidr}`,
        tags: { Name: stack.physicalName(id, "router") },
      });
      props.router.routeTableIds.forEach((routeTableId, i) => {
        new Route(this, `overlay-route-${i}`, {
          routeTableId,
          destinationCidrBlock: props.overlayCidr,
          networkInterfaceId: this.routerNetworkInterface!.id,
        });
      });
    }
  }

  /**
   * Shell fragment for the endpoints' user data: force IGMPv2 on the underlay (the transit
   * gateway speaks IGMPv2) persistently, then create the VXLAN interface on the flood group.
   */
  userData(): string {
    const dev = `vxlan${this.vni}`;
    const iface = this.underlayInterface;
    return [
      `# VXLAN ${this.vni} over transit gateway multicast group ${this.group}`,
      `cat > /etc/sysctl.d/90-vxlan-igmp.conf <<'EOF'`,
      `net.ipv4.conf.${iface}.force_igmp_version=2`,
      `net.ipv4.conf.all.force_igmp_version=2`,
      `EOF`,
      `sysctl -p /etc/sysctl.d/90-vxlan-igmp.conf`,
      `ip link add ${dev} type vxlan id ${this.vni} group ${this.group} dev ${iface} dstport ${VXLAN_PORT} ttl 5`,
      `ip link set ${dev} mtu ${this.innerMtu} up`,
      "",
    ].join("\n");
  }
}
