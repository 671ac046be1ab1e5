import { shiftedList, withConfigSources, type EdgeSubnet } from "@edge/core";
import type { Construct } from "constructs";
import { MulticastMemberRules, type MulticastGroupPort } from "./multicast-member-rules";
import { TransitGatewayMulticast } from "./transit-gateway-multicast";
import { VxlanOverlay } from "./vxlan-overlay";

/** The VXLAN overlay of a {@link vxlanMulticastDomain}, as a site's config states it. */
export interface VxlanDomainOverlay {
  /** VXLAN network identifier. */
  readonly vni: number;
  /** The overlay's flood group. @default "239.255.0.1" */
  readonly group?: string;
  /** The overlay's inner CIDR. */
  readonly overlayCidr: string;
  /** @default "eth0" */
  readonly underlayInterface?: string;
}

/** Props of {@link vxlanMulticastDomain}. */
export interface VxlanMulticastDomainProps {
  /** The VPC attached to the transit gateway. */
  readonly vpcId: string;
  /** The subnets attached to the multicast domain (one per AZ). */
  readonly subnets: readonly EdgeSubnet[];
  /** Name of the VPC's transit gateway attachment. @default "hub" */
  readonly attachmentName?: string;
  /** CIDRs of the members (the attached subnets'): they send to the groups and the overlay. */
  readonly memberCidrs: readonly string[];
  /** Groups the members join besides the overlay's flood group. @default [] */
  readonly groups?: readonly MulticastGroupPort[];
  /** Instance types that send multicast (Nitro only). @default [] */
  readonly senderInstanceTypes?: readonly string[];
  readonly vxlan: VxlanDomainOverlay;
  /** Config path of these props (the site's `multicast`), for errors. @default "multicast" */
  readonly configPath?: string;
}

/** What {@link vxlanMulticastDomain} creates. */
export interface VxlanMulticastDomain {
  readonly multicast: TransitGatewayMulticast;
  readonly members: MulticastMemberRules;
  readonly overlay: VxlanOverlay;
}

/** The overlay's flood group when the config names none. */
export const DEFAULT_VXLAN_GROUP = "239.255.0.1";

/**
 * A transit gateway with an IGMPv2 multicast domain on a VPC's subnets (`<id>`), the members'
 * security group for the groups (`<id>-members`), and a VXLAN overlay (`vxlan`) flooding through
 * its own group: the members join the flood group by IGMP (transit gateway multicast supports
 * IGMPv2: Amazon VPC Transit Gateways guide, "Multicast on transit gateways") and the overlay
 * owns UDP 4789 for it. The flood group goes in front of the site's groups in the member rules:
 * errors of entry i + 1 are reported at `<configPath>.groups[i]`, entry 0 at
 * `<configPath>.vxlan.group`.
 */
export function vxlanMulticastDomain(
  scope: Construct,
  id: string,
  props: VxlanMulticastDomainProps,
): VxlanMulticastDomain {
  const path = props.configPath ?? "multicast";
  const multicast = new TransitGatewayMulticast(scope, id, {
    igmpv2Support: true,
    attachments: [
      { name: props.attachmentName ?? "hub", vpcId: props.vpcId, subnets: props.subnets },
    ],
    senderInstanceTypes: props.senderInstanceTypes ?? [],
    configPath: path,
  });
  const group = props.vxlan.group ?? DEFAULT_VXLAN_GROUP;
  const groupsPath = `${path}.groups`;
  const members = withConfigSources(
    [shiftedList(groupsPath, groupsPath, [`${path}.vxlan.group`])],
    () =>
      new MulticastMemberRules(scope, `${id}-members`, {
        vpcId: props.vpcId,
        groups: [{ address: group }, ...(props.groups ?? [])],
        senderCidrs: props.memberCidrs,
        configPath: path,
      }),
  );
  const overlay = new VxlanOverlay(scope, "vxlan", {
    ...props.vxlan,
    group,
    securityGroupId: members.securityGroupId,
    memberCidrs: props.memberCidrs,
    configPath: `${path}.vxlan`,
  });
  return { multicast, members, overlay };
}
