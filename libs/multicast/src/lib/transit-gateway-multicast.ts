import { DataAwsEc2InstanceType } from "@cdktf/provider-aws/lib/data-aws-ec2-instance-type";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayMulticastDomain } from "@cdktf/provider-aws/lib/ec2-transit-gateway-multicast-domain";
import { Ec2TransitGatewayMulticastDomainAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-multicast-domain-association";
import { Ec2TransitGatewayMulticastGroupMember } from "@cdktf/provider-aws/lib/ec2-transit-gateway-multicast-group-member";
import { Ec2TransitGatewayMulticastGroupSource } from "@cdktf/provider-aws/lib/ec2-transit-gateway-multicast-group-source";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Annotations } from "cdktf";
import { ConfigCheck, EdgeStack, isNitro, isUnresolved, NITRO_SOURCE, type EdgeSubnet } from "@edge/core";
import { Construct } from "constructs";
import { checkAttachmentSubnets, checkGroupAddress } from "./private/checks";

/** One VPC attached to the transit gateway. */
export interface MulticastAttachment {
  /** Name of the attachment, unique in the domain; becomes part of its Terraform address. */
  readonly name: string;
  readonly vpcId: string;
  /** One Region subnet per availability zone. */
  readonly subnets: readonly EdgeSubnet[];
  /**
   * Subnets of this attachment to associate with the multicast domain.
   * @default - every subnet of the attachment
   */
  readonly associate?: readonly string[];
}

/** A statically configured group (static-sources or static-membership domains). */
export interface StaticMulticastGroup {
  /** Group address in 224.0.0.0/4. */
  readonly address: string;
  /** Network interfaces that receive the group. */
  readonly memberNetworkInterfaceIds?: readonly string[];
  /** Network interfaces that send to the group (needs `staticSourcesSupport`). */
  readonly sourceNetworkInterfaceIds?: readonly string[];
}

/** Props of {@link TransitGatewayMulticast}. */
export interface TransitGatewayMulticastProps {
  /**
   * An existing transit gateway. It must have been created with `multicast_support = "enable"`:
   * the setting exists only at creation ("You must create a new transit gateway to enable
   * multicast", Transit Gateway guide).
   * @default - a new transit gateway with multicast support
   */
  readonly transitGatewayId?: string;
  /** Manage group membership with IGMPv2. @default true */
  readonly igmpv2Support?: boolean;
  /** Register group sources statically. Cannot be combined with IGMPv2. @default false */
  readonly staticSourcesSupport?: boolean;
  /** Accept cross-account subnet associations automatically. @default false */
  readonly autoAcceptSharedAssociations?: boolean;
  /** VPC attachments. */
  readonly attachments: readonly MulticastAttachment[];
  /** Static groups (static domains only). @default [] */
  readonly staticGroups?: readonly StaticMulticastGroup[];
  /**
   * Instance types that will send multicast. Non-Nitro types can only receive (Transit Gateway
   * guide: "A non-Nitro instance cannot be a multicast sender"); a type this repository's catalog
   * does not know is checked at plan time.
   * @default []
   */
  readonly senderInstanceTypes?: readonly string[];
  /** Config path of these props, for errors. @default "multicast" */
  readonly configPath?: string;
}

/** Where a subnet was associated with a multicast domain of the stack. */
interface DomainClaim {
  /** Construct path of the `TransitGatewayMulticast`. */
  readonly construct: string;
  /** Config path of the entry that associated the subnet. */
  readonly path: string;
  /** Config path of the attachment holding that entry. */
  readonly attachmentPath: string;
}

const domainsOfStack = new WeakMap<EdgeStack, Map<string, DomainClaim>>();

/** How errors name a subnet: its id when literal, else its zone (or its config entry). */
function subnetLabel(subnetId: string, zone: string | undefined, entry: string): string {
  if (!isUnresolved(subnetId)) return zone && !isUnresolved(zone) ? `subnet ${subnetId} in ${zone}` : `subnet ${subnetId}`;
  return zone && !isUnresolved(zone) ? `the ${zone} subnet` : `the subnet of ${entry}`;
}

/**
 * A transit gateway multicast domain: the transit gateway (created with multicast support, or
 * given), VPC attachments with one Region subnet per AZ, a domain in IGMPv2 or static-sources
 * mode, its subnet associations and, in static domains, group members and sources.
 */
export class TransitGatewayMulticast extends Construct {
  readonly transitGatewayId: string;
  readonly transitGateway?: Ec2TransitGateway;
  readonly domain: Ec2TransitGatewayMulticastDomain;
  readonly attachments: Readonly<Record<string, Ec2TransitGatewayVpcAttachment>>;

  constructor(scope: Construct, id: string, props: TransitGatewayMulticastProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "multicast";
    const igmp = props.igmpv2Support ?? true;
    const staticSources = props.staticSourcesSupport ?? false;
    const claimed = domainsOfStack.get(stack) ?? new Map<string, DomainClaim>();
    domainsOfStack.set(stack, claimed);

    const check = new ConfigCheck(this.node.path);
    if (igmp && staticSources) {
      check.fail({
        code: "EDGE_MCAST_MODE",
        path: `${path}.staticSourcesSupport`,
        value: true,
        problem: "a multicast domain cannot have both IGMPv2 and static sources (\"You cannot enable both attributes at the same time\")",
        fix: "choose one: igmpv2Support for dynamic membership, or staticSourcesSupport with igmpv2Support false",
      });
    }
    const names = new Set<string>();
    props.attachments.forEach((att, i) => {
      const p = `${path}.attachments[${i}]`;
      check.expect(/^[a-z][a-z0-9-]*$/.test(att.name) && !names.has(att.name), {
        code: "EDGE_CONFIG_VALUE",
        path: `${p}.name`,
        value: att.name,
        problem: "attachment names are unique, lowercase letters, digits and dashes",
        fix: "give each attachment a distinct name such as \"hub\"",
      });
      names.add(att.name);
      checkAttachmentSubnets(check, att.subnets, `${p}.subnets`);
      const own = new Set(att.subnets.map((s) => s.subnetId));
      (att.associate ?? []).forEach((subnetId, j) => {
        check.expect(own.has(subnetId), {
          code: "EDGE_MCAST_ASSOCIATION_SUBNET",
          path: `${p}.associate[${j}]`,
          value: subnetId,
          problem: "an associated subnet must be one of the attachment's subnets",
          fix: `associate only subnets listed in ${p}.subnets`,
        });
      });
      const associated = att.associate ?? att.subnets.map((s) => s.subnetId);
      associated.forEach((subnetId, j) => {
        const owner = claimed.get(subnetId);
        if (owner === undefined || owner.construct === this.node.path) return;
        const here = att.associate ? `${p}.associate[${j}]` : `${p}.subnets[${j}]`;
        const k = att.subnets.findIndex((s) => s.subnetId === subnetId);
        const name = subnetLabel(subnetId, att.subnets[k]?.zone, `${p}.subnets[${k}]`);
        check.fail({
          code: "EDGE_MCAST_SUBNET_DOMAIN",
          path: here,
          // A subnet of the stack is a token until apply: name it by its zone instead.
          value: isUnresolved(subnetId) ? name : subnetId,
          problem: `a subnet can be in only one multicast domain, and ${name} is already associated by ${owner.path} (construct ${owner.construct})`,
          fix: att.associate
            ? `remove ${here}, or take that subnet out of ${owner.attachmentPath}`
            : `list in ${p}.associate only the subnets this domain should take, without ${name}, or take that subnet out of ${owner.attachmentPath}`,
        });
      });
    });
    (props.staticGroups ?? []).forEach((group, i) => {
      const p = `${path}.staticGroups[${i}]`;
      checkGroupAddress(check, group.address, `${p}.address`);
      if ((group.sourceNetworkInterfaceIds ?? []).length > 0 && !staticSources) {
        check.fail({
          code: "EDGE_MCAST_STATIC_SOURCE",
          path: `${p}.sourceNetworkInterfaceIds`,
          value: group.sourceNetworkInterfaceIds,
          problem: "static group sources need a domain with static sources support",
          fix: "set staticSourcesSupport true and igmpv2Support false, or let IGMPv2 hosts send without registration",
        });
      }
      if (igmp && (group.memberNetworkInterfaceIds ?? []).length > 0) {
        Annotations.of(this).addInfo(`${p}: static members in an IGMPv2 domain are kept alongside IGMP joins`);
      }
    });
    const unknownSenders: string[] = [];
    (props.senderInstanceTypes ?? []).forEach((type, i) => {
      if (isUnresolved(type)) return;
      const nitro = isNitro(type);
      check.expect(nitro !== false, {
        code: "EDGE_MCAST_SENDER_NITRO",
        path: `${path}.senderInstanceTypes[${i}]`,
        value: type,
        problem: `${type} is not built on Nitro, and non-Nitro instances cannot send multicast`,
        fix: `use a Nitro type (${NITRO_SOURCE}), or let ${type} only receive`,
      });
      if (nitro === undefined) unknownSenders.push(type);
    });
    check.throwIfFailed();

    if (props.transitGatewayId === undefined) {
      this.transitGateway = new Ec2TransitGateway(this, "transit-gateway", {
        description: `${stack.physicalName(id)}: multicast`,
        multicastSupport: "enable", // only settable at creation
        autoAcceptSharedAttachments: "disable",
        defaultRouteTableAssociation: "enable",
        defaultRouteTablePropagation: "enable",
        tags: { Name: stack.physicalName(id) },
      });
      this.transitGatewayId = this.transitGateway.id;
    } else {
      this.transitGatewayId = props.transitGatewayId;
      Annotations.of(this).addInfo(
        `transit gateway ${props.transitGatewayId} must have been created with multicast_support = "enable"`,
      );
    }

    this.domain = new Ec2TransitGatewayMulticastDomain(this, "domain", {
      transitGatewayId: this.transitGatewayId,
      igmpv2Support: igmp ? "enable" : "disable",
      staticSourcesSupport: staticSources ? "enable" : "disable",
      autoAcceptSharedAssociations: props.autoAcceptSharedAssociations ? "enable" : "disable",
      tags: { Name: stack.physicalName(id) },
    });

    const attachments: Record<string, Ec2TransitGatewayVpcAttachment> = {};
    props.attachments.forEach((att, i) => {
      const p = `${path}.attachments[${i}]`;
      const attachment = new Ec2TransitGatewayVpcAttachment(this, `attachment-${att.name}`, {
        transitGatewayId: this.transitGatewayId,
        vpcId: att.vpcId,
        subnetIds: att.subnets.map((s) => s.subnetId),
        tags: { Name: stack.physicalName(id, att.name) },
      });
      attachments[att.name] = attachment;
      const associate = att.associate ?? att.subnets.map((s) => s.subnetId);
      associate.forEach((subnetId, j) => {
        const zone = att.subnets.find((s) => s.subnetId === subnetId)!.zone;
        claimed.set(subnetId, {
          construct: this.node.path,
          path: att.associate ? `${p}.associate[${j}]` : `${p}.subnets[${j}]`,
          attachmentPath: p,
        });
        new Ec2TransitGatewayMulticastDomainAssociation(this, `association-${att.name}-${zone}`, {
          transitGatewayMulticastDomainId: this.domain.id,
          transitGatewayAttachmentId: attachment.id,
          subnetId,
        });
      });
    });
    this.attachments = attachments;

    (props.staticGroups ?? []).forEach((group, i) => {
      (group.memberNetworkInterfaceIds ?? []).forEach((eni, j) => {
        new Ec2TransitGatewayMulticastGroupMember(this, `group-${i}-member-${j}`, {
          transitGatewayMulticastDomainId: this.domain.id,
          groupIpAddress: group.address,
          networkInterfaceId: eni,
        });
      });
      (group.sourceNetworkInterfaceIds ?? []).forEach((eni, j) => {
        new Ec2TransitGatewayMulticastGroupSource(this, `group-${i}-source-${j}`, {
          transitGatewayMulticastDomainId: this.domain.id,
          groupIpAddress: group.address,
          networkInterfaceId: eni,
        });
      });
    });

    // Types the catalog does not know are checked against the live instance-type data at plan time.
    for (const type of unknownSenders) {
      new DataAwsEc2InstanceType(this, `sender-type-${type}`, {
        instanceType: type,
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.hypervisor == "nitro"}`,
              errorMessage: `${type} is not built on Nitro, and non-Nitro instances cannot send multicast; use a Nitro type or let it only receive`,
            },
          ],
        },
      });
    }
  }
}
