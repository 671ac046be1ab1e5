import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigCheck, EdgeStack, isUnresolved, parseCidr } from "@edge/core";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";

/** Props of {@link OsvHostSecurityGroup}. */
export interface OsvHostSecurityGroupProps {
  readonly vpcId: string;
  /** TCP port the application listens on (the `--port` of its command line). */
  readonly appPort: number;
  /**
   * CIDR blocks that may reach the port: a load balancer's subnets, or `0.0.0.0/0` for the
   * carrier network in a Wavelength Zone (a public port the site must declare to the policy pack).
   * @default - none
   */
  readonly appSourceCidrs?: readonly string[];
  /** Security groups that may reach the port, e.g. a load balancer's. @default - none */
  readonly appSourceSecurityGroupIds?: readonly string[];
  /** The only security group that may open SSH: the EC2 Instance Connect Endpoint's. @default - no SSH */
  readonly sshSourceSecurityGroupId?: string;
  /**
   * The SSH source may be "" at apply time: the id comes from another site's outputs, which
   * publish "" when that site runs without an endpoint. The SSH rule then exists only when the id
   * is not empty (`count`, known at plan time since remote state is read during the plan).
   * @default false
   */
  readonly sshSourceMayBeEmpty?: boolean;
  /** Allow HTTPS out (AWS APIs: S3, Secrets Manager, CloudWatch). @default true */
  readonly httpsEgress?: boolean;
  /** Config path of these props, for errors. @default "osv.securityGroup" */
  readonly configPath?: string;
}

/**
 * The security group of OSv hosts: the application port from the sources the site declares
 * only, SSH only from the EC2 Instance Connect Endpoint's security group, and HTTPS out. Every
 * rule is its own `aws_vpc_security_group_*_rule` with a description.
 */
export class OsvHostSecurityGroup extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly securityGroupId: string;
  /** Application ingress rules, by source (`cidr-<i>`, `sg-<i>`), e.g. to declare a public port. */
  readonly appIngressRules: Readonly<Record<string, VpcSecurityGroupIngressRule>>;
  /**
   * The SSH rule, when `sshSourceSecurityGroupId` is given: e.g. for a site that reads the
   * endpoint's group from another site's outputs, where it may be empty, to make it conditional.
   */
  readonly sshIngressRule?: VpcSecurityGroupIngressRule;

  constructor(scope: Construct, id: string, props: OsvHostSecurityGroupProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "osv.securityGroup";
    const cidrs = props.appSourceCidrs ?? [];
    const groups = props.appSourceSecurityGroupIds ?? [];
    const check = new ConfigCheck(this.node.path);
    check.expect(Number.isInteger(props.appPort) && props.appPort >= 1 && props.appPort <= 65535, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.appPort`,
      value: props.appPort,
      problem: "not a TCP port",
      fix: "give the port the application listens on, 1 to 65535",
    });
    check.expect(cidrs.length + groups.length > 0, {
      code: "EDGE_OSV_APP_SOURCES",
      path: `${path}.appSourceCidrs`,
      value: cidrs,
      problem: "no source may reach the application port",
      fix: "list the sources the site declares: a load balancer's security group, its subnets, or the carrier network",
    });
    cidrs.forEach((cidr, i) => {
      if (!isUnresolved(cidr))
        check.collect(() => parseCidr(cidr, `${path}.appSourceCidrs[${i}]`, { min: 0, max: 32 }));
    });
    check.throwIfFailed();

    const name = stack.physicalName(id);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name,
      description: `OSv hosts: tcp/${props.appPort} from declared sources, ssh from the instance connect endpoint only`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    this.securityGroupId = this.securityGroup.id;
    const rules: Record<string, VpcSecurityGroupIngressRule> = {};
    const app = {
      securityGroupId: this.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: props.appPort,
      toPort: props.appPort,
    };
    cidrs.forEach((cidr, i) => {
      rules[`cidr-${i}`] = new VpcSecurityGroupIngressRule(this, `app-ingress-cidr-${i}`, {
        ...app,
        description: `Application tcp/${props.appPort} from ${cidr}`,
        cidrIpv4: cidr,
      });
    });
    groups.forEach((group, i) => {
      rules[`sg-${i}`] = new VpcSecurityGroupIngressRule(this, `app-ingress-sg-${i}`, {
        ...app,
        description: `Application tcp/${props.appPort} from a declared security group`,
        referencedSecurityGroupId: group,
      });
    });
    this.appIngressRules = rules;
    if (props.sshSourceSecurityGroupId !== undefined) {
      this.sshIngressRule = new VpcSecurityGroupIngressRule(this, "ssh-ingress", {
        securityGroupId: this.securityGroup.id,
        description: "SSH from the EC2 Instance Connect Endpoint only",
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        referencedSecurityGroupId: props.sshSourceSecurityGroupId,
      });
      // A rule referencing "" fails at apply. count = min(length(id), 1): 0 for "", 1 otherwise
      // (cdktf renders "" and 0 operands of Op comparisons as `undefined`, so the test is
      // arithmetic rather than `id != ""`).
      if (props.sshSourceMayBeEmpty) {
        this.sshIngressRule.count = Token.asNumber(
          Fn.min([Fn.lengthOf(props.sshSourceSecurityGroupId), 1]),
        );
      }
    }
    if (props.httpsEgress ?? true) {
      new VpcSecurityGroupEgressRule(this, "https-egress", {
        securityGroupId: this.securityGroup.id,
        description: "HTTPS to AWS APIs (S3, Secrets Manager, CloudWatch)",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
      });
    }
  }
}
