import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigCheck, EdgeStack, parseCidr } from "@edge/core";
import { Construct } from "constructs";
import { checkGroupAddress } from "./private/checks";

/** A multicast group the members join, with the UDP port its data uses. */
export interface MulticastGroupPort {
  /** Group address in 224.0.0.0/4. */
  readonly address: string;
  /**
   * UDP port of the group's traffic. Leave it out when another construct owns the data rules
   * (a `VxlanOverlay` owns UDP 4789 for its flood group): only the IGMP join rule is added.
   * @default - no UDP rules for this group
   */
  readonly udpPort?: number;
}

/** Props of {@link MulticastMemberRules}. */
export interface MulticastMemberRulesProps {
  readonly vpcId: string;
  /** Groups the members join and send to. */
  readonly groups: readonly MulticastGroupPort[];
  /**
   * Addresses of the hosts that send to the groups, as CIDRs. A security group cannot be the
   * source of multicast data ("you can't use security group referencing" for it), so senders are
   * listed by address.
   */
  readonly senderCidrs: readonly string[];
  /**
   * A custom network ACL of the members' subnets: the same rules are added to it (network ACLs
   * are stateless). @default - no NACL rules (the default NACL allows all)
   */
  readonly networkAclId?: string;
  /** First NACL rule number; rules use consecutive numbers from it. @default 300 */
  readonly networkAclRuleNumber?: number;
  /** Config path, for errors. @default "multicast.members" */
  readonly configPath?: string;
}

/**
 * Security group (and optional NACL rules) for multicast group members, exactly as the Transit
 * Gateway guide's "Multicast routing" section lists them
 * (https://docs.aws.amazon.com/vpc/latest/tgw/how-multicast-works.html):
 *
 * | direction | protocol | peer | purpose |
 * | --- | --- | --- | --- |
 * | inbound | IGMP (2) | 0.0.0.0/32 | IGMP query from the transit gateway |
 * | inbound | UDP | sender addresses | multicast data |
 * | outbound | IGMP (2) | 224.0.0.2/32 | IGMP leave |
 * | outbound | IGMP (2) | group address | IGMP join |
 * | outbound | UDP | group address | multicast data |
 */
export class MulticastMemberRules extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: MulticastMemberRulesProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "multicast.members";
    const check = new ConfigCheck(this.node.path);
    props.groups.forEach((g, i) => {
      checkGroupAddress(check, g.address, `${path}.groups[${i}].address`);
      if (g.udpPort === undefined) return;
      check.expect(Number.isInteger(g.udpPort) && g.udpPort >= 1 && g.udpPort <= 65535, {
        code: "EDGE_PORT",
        path: `${path}.groups[${i}].udpPort`,
        value: g.udpPort,
        problem: "not a UDP port",
        fix: "use a port from 1 to 65535",
      });
    });
    props.senderCidrs.forEach((cidr, i) => check.collect(() => parseCidr(cidr, `${path}.senderCidrs[${i}]`)));
    check.throwIfFailed();

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: stack.physicalName(id),
      description: "Multicast group members: IGMP with the transit gateway, UDP data from senders",
      vpcId: props.vpcId,
      tags: { Name: stack.physicalName(id) },
    });
    this.securityGroupId = this.securityGroup.id;
    const sg = this.securityGroup.id;

    const rules: { egress: boolean; protocol: "2" | "udp"; cidr: string; port?: number; description: string; id: string }[] = [
      { egress: false, protocol: "2", cidr: "0.0.0.0/32", description: "IGMP query from the transit gateway", id: "igmp-query-in" },
      ...props.senderCidrs.flatMap((cidr, i) =>
        props.groups.flatMap((g, j) => (g.udpPort === undefined ? [] : [{
          egress: false,
          protocol: "udp" as const,
          cidr,
          port: g.udpPort,
          description: `multicast data for ${g.address} from sender ${cidr}`,
          id: `udp-in-sender-${i}-group-${j}`,
        }])),
      ),
      { egress: true, protocol: "2", cidr: "224.0.0.2/32", description: "IGMP leave", id: "igmp-leave-out" },
      ...props.groups.flatMap((g, j) => [
        { egress: true, protocol: "2" as const, cidr: `${g.address}/32`, description: `IGMP join ${g.address}`, id: `igmp-join-out-group-${j}` },
        ...(g.udpPort === undefined
          ? []
          : [{ egress: true, protocol: "udp" as const, cidr: `${g.address}/32`, port: g.udpPort, description: `multicast data to ${g.address}`, id: `udp-out-group-${j}` }]),
      ]),
    ];

    for (const r of rules) {
      const common = {
        securityGroupId: sg,
        description: r.description,
        ipProtocol: r.protocol,
        cidrIpv4: r.cidr,
        ...(r.port !== undefined ? { fromPort: r.port, toPort: r.port } : {}),
      };
      if (r.egress) new VpcSecurityGroupEgressRule(this, r.id, common);
      else new VpcSecurityGroupIngressRule(this, r.id, common);
    }

    if (props.networkAclId !== undefined) {
      let number = props.networkAclRuleNumber ?? 300;
      for (const r of rules) {
        new NetworkAclRule(this, `nacl-${r.id}`, {
          networkAclId: props.networkAclId,
          ruleNumber: number++,
          egress: r.egress,
          protocol: r.protocol === "2" ? "2" : "17",
          ruleAction: "allow",
          cidrBlock: r.cidr,
          ...(r.port !== undefined ? { fromPort: r.port, toPort: r.port } : {}),
        });
      }
    }
  }
}
