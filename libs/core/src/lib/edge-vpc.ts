/**
 * A VPC that edge constructs can extend: the hub's `RegionVpc` in the same stack, or the hub's
 * published outputs read from another site.
 */
export interface IEdgeVpc {
  readonly vpcId: string;
  /** Primary IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** The VPC's internet gateway, when it has one. */
  readonly internetGatewayId?: string;
}

/** A subnet as constructs that place things in subnets need it. */
export interface EdgeSubnet {
  readonly subnetId: string;
  /** Zone name (`us-east-1a`, `us-east-1-bos-1a`, `us-east-1-wl1-bos-wlz-1`); an Outpost subnet's AZ. */
  readonly zone: string;
  /** Set for Outpost subnets. */
  readonly outpostArn?: string;
}
