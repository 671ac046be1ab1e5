import type { Construct } from "constructs";
import { OsvAutoScalingFleet, type OsvAutoScalingFleetProps } from "./osv-auto-scaling-fleet";
import { OsvHostSecurityGroup } from "./osv-host-security-group";

/** The load balancer a fleet serves through: what `EdgeEndpoint` of @edge/endpoint offers. */
export interface OsvFleetEndpoint {
  /** The load balancer's security group: the only application source of the hosts. */
  readonly securityGroupId: string;
  /** The target group the Auto Scaling group registers its hosts in. */
  readonly targetGroupArn: string;
  /** Lets the load balancer reach the targets' security group (its egress rule). */
  connectTargets(targetSecurityGroupId: string): void;
}

/** Props of {@link osvFleetBehindEndpoint}. */
export interface OsvEndpointFleetProps extends Omit<
  OsvAutoScalingFleetProps,
  "securityGroupIds" | "targetGroupArns"
> {
  /** The load balancer in front of the fleet. */
  readonly endpoint: OsvFleetEndpoint;
  /** VPC of the hosts' security group. */
  readonly vpcId: string;
  /** TCP port the application listens on: the target port of the endpoint. */
  readonly appPort: number;
  /** The EC2 Instance Connect Endpoint's security group, for SSH. @default - no SSH */
  readonly sshSourceSecurityGroupId?: string;
  /** The SSH source may be "" at apply time (read from another site's outputs). @default false */
  readonly sshSourceMayBeEmpty?: boolean;
}

/** What {@link osvFleetBehindEndpoint} creates. */
export interface OsvEndpointFleet {
  readonly hosts: OsvHostSecurityGroup;
  readonly fleet: OsvAutoScalingFleet;
}

/**
 * An OSv Auto Scaling fleet serving through a load balancer: the hosts' security group
 * (`<id>-hosts`: the application port from the endpoint's security group only, SSH from the
 * Instance Connect Endpoint's group only), the endpoint's egress to it, and the fleet (`<id>`),
 * which registers its hosts in the endpoint's target group and takes the target group's health
 * checks ("ELB" health checks: Amazon EC2 Auto Scaling User Guide, "Health checks for instances
 * in an Auto Scaling group"). Both get `configPath`, the site's `osv` path.
 */
export function osvFleetBehindEndpoint(
  scope: Construct,
  id: string,
  props: OsvEndpointFleetProps,
): OsvEndpointFleet {
  const { endpoint, vpcId, appPort, sshSourceSecurityGroupId, sshSourceMayBeEmpty, ...fleetProps } =
    props;
  const hosts = new OsvHostSecurityGroup(scope, `${id}-hosts`, {
    vpcId,
    appPort,
    appSourceSecurityGroupIds: [endpoint.securityGroupId],
    ...(sshSourceSecurityGroupId !== undefined ? { sshSourceSecurityGroupId } : {}),
    ...(sshSourceMayBeEmpty !== undefined ? { sshSourceMayBeEmpty } : {}),
    configPath: props.configPath,
  });
  endpoint.connectTargets(hosts.securityGroupId);
  const fleet = new OsvAutoScalingFleet(scope, id, {
    ...fleetProps,
    securityGroupIds: [hosts.securityGroupId],
    targetGroupArns: [endpoint.targetGroupArn],
  });
  return { hosts, fleet };
}
