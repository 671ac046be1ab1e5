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
 * A certificate the endpoint requests from ACM for its name, validated by DNS records in the
 * site's public hosted zone.
 */
export interface EdgeEndpointCertificate {
  /** The name clients connect to, e.g. `edge.example.com`. */
  readonly domainName: string;
  /** Other names on the certificate. @default [] */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * Public Route 53 hosted zone (`Z…`) that holds `domainName`: the validation records go there.
   * A typed placeholder (`placeholder("hosted zone id")`) synthesizes and is refused by deploy.
   */
  readonly hostedZoneId: string;
}

/**
 * TLS at the listener. The listener on `port` speaks HTTPS (ALB) or TLS (NLB) instead of HTTP or
 * TCP; the targets still get plain traffic on the target port. Give exactly one of
 * `certificateArn` and `certificate`.
 */
export interface EdgeEndpointTls {
  /**
   * An existing ACM certificate in the stack's region
   * (`arn:aws:acm:<region>:<account>:certificate/<id>`) or IAM server certificate
   * (`arn:aws:iam::<account>:server-certificate/<name>`).
   * @default - none: give `certificate`
   */
  readonly certificateArn?: string;
  /**
   * A certificate the endpoint requests and validates by DNS (`aws_acm_certificate`, one
   * `aws_route53_record` per domain validation option, `aws_acm_certificate_validation`).
   * @default - none: give `certificateArn`
   */
  readonly certificate?: EdgeEndpointCertificate;
  /**
   * Security policy of the listener.
   * @default "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" (TLS 1.3 and 1.2 only, hybrid
   * post-quantum key exchange; AWS's recommendation, see EDGE_TLS_POLICY)
   */
  readonly sslPolicy?: string;
  /**
   * Application Load Balancers: a listener on this port answers plain HTTP with a redirect
   * (HTTP 301) to HTTPS on `port`; `false` for none. Network Load Balancers cannot redirect.
   * @default 80 on an Application Load Balancer (none when `port` is 80), none on a Network Load Balancer
   */
  readonly httpRedirectPort?: number | false;
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
  /**
   * Why the endpoint serves plaintext (no `tls`), for the auditor: declares the plaintext
   * listener to the policy pack by suppressing EDGE-ELB-1 on it with this reason (at least 10
   * characters). Without `tls` and without this reason, synth fails with EDGE-ELB-1. Ignored
   * with `tls` (an environment that gains a certificate keeps its config valid).
   * @default - none
   */
  readonly plaintextReason?: string;
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
