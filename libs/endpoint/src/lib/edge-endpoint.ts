import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { EdgeStack, validateFor } from "@edge/core";
import { suppressRules } from "@edge/policy";
import { Construct } from "constructs";
import type { EdgeEndpointProps, EdgeLoadBalancerType } from "./edge-endpoint-props";
import { elbName } from "./elb-name";
import { requestCertificate, type RequestedCertificate } from "./private/request-certificate";
import { validateEndpointProps } from "./private/validate-props";

/**
 * TLS 1.3 and 1.2 only, with hybrid post-quantum key exchange for clients that offer it and
 * classical key exchange for the others. The ELB guides ("Security policies for your Application
 * Load Balancer", "Security policies for your Network Load Balancer") make it the console's
 * default and AWS's recommendation ("AWS recommends implementing the new PQ-TLS based security
 * policies ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 or ...-FIPS-PQ-2025-09 ... backwards
 * compatibility by supporting clients capable of negotiating hybrid PQ-TLS, TLS 1.3 only, or
 * TLS 1.2 only"). Without a policy, listeners created through the API get
 * ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 (same pages).
 */
export const EDGE_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/**
 * A site's internet-facing edge endpoint: a load balancer in the site's public subnets (a
 * Network Load Balancer in availability zones, an Application Load Balancer in Local Zones), its
 * security group (the declared public port from the internet in, the target port out to the
 * targets' group only), a target group for the site's hosts and a listener that forwards to it.
 *
 * Why the zones choose: Network Load Balancers cannot use Local Zone subnets (ELB NLB guide,
 * "Update the Availability Zones for your Network Load Balancer": "You can't specify a subnet in
 * a Local Zone"; the zone catalog's networkLoadBalancer fact), while Application Load Balancers
 * can, with no Availability Zone subnet beside them: "[Application Load Balancers on Local Zones]
 * You can specify subnets from one or more Local Zones" (ELB API reference, CreateLoadBalancer,
 * Subnets), where other ALBs need subnets in at least two Availability Zones.
 *
 * The targets' security group admits the target port from {@link securityGroupId}; the endpoint
 * reaches it once the site calls {@link connectTargets} with that group. The hosts (an Auto
 * Scaling group, say) register with {@link targetGroupArn}.
 *
 * TLS (`tls`): the listener on the public port speaks HTTPS (ALB) or TLS (NLB) with a given ACM
 * certificate or one the endpoint requests for its name and validates by DNS in the site's
 * hosted zone; an ALB also answers plain HTTP on `tls.httpRedirectPort` (80) with a redirect to
 * HTTPS. TLS stays on the public port, so every endpoint behind one DNS name keeps one port, and
 * turning TLS on changes the existing listener in place. Without TLS the site declares the
 * plaintext listener (`plaintextReason`, an EDGE-ELB-1 suppression).
 *
 * Addresses: `<id>_security-group`, `<id>_public-ingress`, `<id>_hosts-egress`,
 * `<id>_target-group`, `<id>_load-balancer`, `<id>_listener`; with a redirect
 * `<id>_http-redirect-ingress`, `<id>_http-redirect`; with a requested certificate
 * `<id>_certificate`, `<id>_certificate-validation-record["<name>"]`,
 * `<id>_certificate-validation`.
 */
export class EdgeEndpoint extends Construct {
  /** The load balancer type the zones chose. */
  readonly loadBalancerType: EdgeLoadBalancerType;
  readonly securityGroup: SecurityGroup;
  /** The endpoint's security group: the source the targets admit the target port from. */
  readonly securityGroupId: string;
  /** The declared public port's rule (0.0.0.0/0 to the listener port). */
  readonly publicIngressRule: VpcSecurityGroupIngressRule;
  readonly targetGroup: LbTargetGroup;
  readonly targetGroupArn: string;
  readonly loadBalancer: Lb;
  /** The listener on the public port: HTTPS or TLS with `tls`, HTTP or TCP without. */
  readonly listener: LbListener;
  /** The ALB's HTTP listener that redirects to HTTPS, with `tls`. */
  readonly httpRedirectListener?: LbListener;
  /** The certificate the endpoint requested and validated, with `tls.certificate`. */
  readonly requestedCertificate?: RequestedCertificate;
  /** The listener port, which clients use. */
  readonly port: number;
  /** DNS name of the load balancer, for alias records. */
  readonly dnsName: string;
  /** Route 53 hosted zone id of the load balancer, for alias records. */
  readonly zoneId: string;

  /** Port the targets listen on: the target group forwards to it and checks it. */
  readonly targetPort: number;
  private readonly targetDescription: string;
  private targetsEgress?: VpcSecurityGroupEgressRule;
  private readonly moreTargets = new Set<string>();

  constructor(scope: Construct, id: string, props: EdgeEndpointProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const { type, httpRedirectPort } = validateFor(this, () => validateEndpointProps(stack, props));
    const network = type === "network";
    const tls = props.tls;
    this.loadBalancerType = type;
    this.port = props.port ?? props.targetPort;
    this.targetPort = props.targetPort;
    this.targetDescription = props.targetDescription ?? "the targets";
    const port = this.port;
    const targetPort = props.targetPort;
    const production = stack.environment.profile === "production";
    const lbName = props.name ?? "edge";
    const targetName = props.targetName ?? "targets";

    // NLBs take security groups only when created with them (ELB NLB guide, "Update the security
    // groups for your Network Load Balancer"); the targets admit the target port from this group,
    // which "ensures that your targets accept traffic from your Network Load Balancer even if you
    // enable client IP preservation" (same page). For an ALB the targets likewise set "the load
    // balancer's security group as the source in the ingress rule of the target's security
    // group" (ELB ALB guide, "Security groups for your Application Load Balancer").
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: stack.physicalName(id),
      description: `Edge endpoint ${network ? "NLB" : "ALB"}: tcp/${port} from the internet, to ${this.targetDescription} only`,
      vpcId: props.vpcId,
      tags: { Name: stack.physicalName(id) },
    });
    this.securityGroupId = this.securityGroup.id;
    const listenerProtocol = network ? (tls ? "TLS" : "TCP") : tls ? "HTTPS" : "HTTP";
    this.publicIngressRule = new VpcSecurityGroupIngressRule(this, "public-ingress", {
      securityGroupId: this.securityGroupId,
      description: `Edge endpoint ${listenerProtocol === "TCP" ? "" : `${listenerProtocol} `}tcp/${port} from the internet`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrIpv4: "0.0.0.0/0",
    });
    // The declared public port (EDGE-SG-4 is the rule that asks for the declaration).
    suppressRules(this.publicIngressRule, [{ id: "EDGE-SG-4", reason: props.publicPortReason }]);

    this.targetGroup = new LbTargetGroup(this, "target-group", {
      name: elbName(stack, targetName),
      targetType: "instance",
      protocol: network ? "TCP" : "HTTP",
      port: targetPort,
      vpcId: props.vpcId,
      // Hosts that boot in seconds: 30 s (default 300) drains connections on scale-in and
      // instance refresh without holding old hosts for five minutes.
      deregistrationDelay: "30",
      healthCheck: network
        ? {
            enabled: true,
            protocol: "TCP",
            port: "traffic-port",
            interval: 10,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
          }
        : {
            enabled: true,
            protocol: "HTTP",
            port: "traffic-port",
            path: props.healthCheckPath ?? "/",
            matcher: "200-399",
            interval: 15,
            timeout: 5,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
          },
      tags: { Name: stack.physicalName(targetName) },
    });
    this.targetGroupArn = this.targetGroup.arn;

    const logs = props.accessLogs;
    this.loadBalancer = new Lb(this, "load-balancer", {
      name: elbName(stack, lbName),
      loadBalancerType: type,
      internal: false,
      ipAddressType: "ipv4",
      // One subnet per zone (ELB API CreateLoadBalancer: "You can specify only one subnet per
      // Availability Zone").
      subnets: props.subnets.map((s) => s.subnetId),
      securityGroups: [this.securityGroupId],
      ...(network
        ? {
            // NLBs balance within each AZ unless cross-zone is on; an Auto Scaling group does not
            // always have a host in every AZ.
            enableCrossZoneLoadBalancing: true,
          }
        : {
            // Reject requests with header names that are not valid HTTP (checkov CKV_AWS_131).
            dropInvalidHeaderFields: true,
          }),
      enableDeletionProtection: props.deletionProtection ?? production,
      ...(logs
        ? {
            accessLogs: {
              bucket: logs.bucket,
              ...(logs.prefix !== undefined ? { prefix: logs.prefix } : {}),
              enabled: true,
            },
          }
        : {}),
      tags: { Name: stack.physicalName(lbName) },
    });
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;

    if (tls?.certificate)
      this.requestedCertificate = requestCertificate(this, stack, tls.certificate, lbName);
    const certificateArn = this.requestedCertificate?.validatedArn ?? tls?.certificateArn;
    this.listener = new LbListener(this, "listener", {
      loadBalancerArn: this.loadBalancer.arn,
      port,
      protocol: listenerProtocol,
      ...(tls ? { certificateArn, sslPolicy: tls.sslPolicy ?? EDGE_TLS_POLICY } : {}),
      defaultAction: [{ type: "forward", targetGroupArn: this.targetGroupArn }],
    });
    if (!tls && props.plaintextReason !== undefined) {
      // The plaintext listener, declared (EDGE-ELB-1 is the rule that asks for the declaration).
      suppressRules(this.listener, [{ id: "EDGE-ELB-1", reason: props.plaintextReason }]);
    }

    if (httpRedirectPort !== undefined) {
      // "You can use redirect actions to redirect client requests from one URL to another ...
      // for example from HTTP to HTTPS" (ELB ALB guide, "Listeners for your Application Load
      // Balancers", redirect actions); host, path and query stay as the client sent them.
      const redirectIngress = new VpcSecurityGroupIngressRule(this, "http-redirect-ingress", {
        securityGroupId: this.securityGroupId,
        description: `Edge endpoint HTTP tcp/${httpRedirectPort} from the internet, redirected to HTTPS tcp/${port}`,
        ipProtocol: "tcp",
        fromPort: httpRedirectPort,
        toPort: httpRedirectPort,
        cidrIpv4: "0.0.0.0/0",
      });
      suppressRules(redirectIngress, [
        {
          id: "EDGE-SG-4",
          reason: `tcp/${httpRedirectPort} answers plain HTTP only with a redirect to HTTPS on tcp/${port}, the declared public port: ${props.publicPortReason}`,
        },
      ]);
      this.httpRedirectListener = new LbListener(this, "http-redirect", {
        loadBalancerArn: this.loadBalancer.arn,
        port: httpRedirectPort,
        protocol: "HTTP",
        defaultAction: [
          {
            type: "redirect",
            redirect: { protocol: "HTTPS", port: String(port), statusCode: "HTTP_301" },
          },
        ],
      });
    }

    this.node.addValidation({
      validate: () =>
        this.targetsEgress
          ? []
          : [`${this.node.path}: call connectTargets() with the targets' security group`],
    });
  }

  /**
   * Lets the endpoint reach the targets' security group on the target port: client traffic and
   * health checks, one rule since the target group checks the traffic port (health checks are
   * subject to the load balancer's outbound rules, ELB NLB and ALB guides). Call it once for the
   * site's hosts (`<id>_hosts-egress`).
   *
   * Further targets of the same target group in a group of their own (container instances
   * registered by an ECS service, say) come with `more`: `<id>_<name>-egress`, once per name.
   */
  connectTargets(
    securityGroupId: string,
    more?: { readonly name: string; readonly description: string },
  ): VpcSecurityGroupEgressRule {
    const network = this.loadBalancerType === "network";
    const what = network ? "Client traffic" : "Requests";
    if (more !== undefined) {
      if (this.moreTargets.has(more.name))
        throw new Error(`${this.node.path}: connectTargets() was already called for ${more.name}`);
      this.moreTargets.add(more.name);
      const rule = new VpcSecurityGroupEgressRule(this, `${more.name}-egress`, {
        securityGroupId: this.securityGroupId,
        description: `${what} and health checks to ${more.description} on tcp/${this.targetPort}`,
        ipProtocol: "tcp",
        fromPort: this.targetPort,
        toPort: this.targetPort,
        referencedSecurityGroupId: securityGroupId,
      });
      this.targetsEgress ??= rule;
      return rule;
    }
    if (this.node.tryFindChild("hosts-egress"))
      throw new Error(`${this.node.path}: connectTargets() was already called`);
    const rule = new VpcSecurityGroupEgressRule(this, "hosts-egress", {
      securityGroupId: this.securityGroupId,
      description: `${what} and health checks to ${this.targetDescription} on tcp/${this.targetPort}`,
      ipProtocol: "tcp",
      fromPort: this.targetPort,
      toPort: this.targetPort,
      referencedSecurityGroupId: securityGroupId,
    });
    this.targetsEgress = rule;
    return rule;
  }
}
