/** The load balancer behind an edge endpoint. */
export type EdgeLoadBalancerType = "network" | "application";

/** A public subnet the load balancer lives in. */
export interface EdgeEndpointSubnet {
  readonly subnetId: string;
  /** The subnet's zone: an availability zone or a Local Zone of the stack's region. */
  readonly zone: string;
  /** Config path of the zone, for zone errors. @default `<configPath>.subnets[<i>].zone` */
  readonly configPath?: string;
}

/**
 * TLS at the listener. The listener speaks HTTPS (ALB) or TLS (NLB) with this certificate
 * instead of HTTP or TCP; the targets still get plain traffic on the target port.
 */
export interface EdgeEndpointTls {
  /** ACM certificate in the stack's region (`arn:aws:acm:<region>:<account>:certificate/<id>`). */
  readonly certificateArn: string;
  /**
   * Security policy of the listener.
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3 and 1.2 only)
   */
  readonly sslPolicy?: string;
}

/** Access logs of an Application Load Balancer. */
export interface EdgeEndpointAccessLogs {
  /** S3 bucket in the stack's region whose policy lets ELB log delivery write. */
  readonly bucket: string;
  /** @default - the bucket's root */
  readonly prefix?: string;
}

/** Props of {@link EdgeEndpoint}. */
export interface EdgeEndpointProps {
  readonly vpcId: string;
  /**
   * The public subnets, one per zone. Their zones choose the load balancer: availability zones
   * get a Network Load Balancer, Local Zones an Application Load Balancer (NLBs are not offered
   * in Local Zones). One load balancer never mixes the two kinds.
   */
  readonly subnets: readonly EdgeEndpointSubnet[];
  /** Port the targets listen on: the target group forwards to it and checks it. */
  readonly targetPort: number;
  /**
   * Listener port: the declared public port, open to 0.0.0.0/0.
   * @default targetPort
   */
  readonly port?: number;
  /**
   * Why the port is open to the internet, for the auditor: the endpoint declares its public port
   * by suppressing EDGE-SG-4 on its ingress rule with this reason (at least 10 characters).
   */
  readonly publicPortReason: string;
  /**
   * Load balancer type.
   * @default "network" when the subnets are in availability zones, "application" in Local Zones
   */
  readonly loadBalancerType?: EdgeLoadBalancerType;
  /** Names the load balancer (`<site>-<env>-<name>`, hashed to 32 characters). @default "edge" */
  readonly name?: string;
  /** Names the target group (`<site>-<env>-<targetName>`). @default "targets" */
  readonly targetName?: string;
  /** How resource descriptions name the targets. @default "the targets" */
  readonly targetDescription?: string;
  /**
   * TLS at the listener.
   * @default - no TLS: a TCP listener (NLB) or an HTTP listener (ALB)
   */
  readonly tls?: EdgeEndpointTls;
  /** Path the target group checks; Application Load Balancers only. @default "/" */
  readonly healthCheckPath?: string;
  /**
   * Access logs to S3; Application Load Balancers only (an NLB logs TLS listeners only).
   * @default - none
   */
  readonly accessLogs?: EdgeEndpointAccessLogs;
  /** @default true in production environments, false otherwise */
  readonly deletionProtection?: boolean;
  /** Config path of these props, for errors. @default "edgeEndpoint" */
  readonly configPath?: string;
}
