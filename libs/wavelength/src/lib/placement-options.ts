import type { EdgeSubnet } from "@edge/core";

/** Options of `addInterfaceEndpoint`. */
export interface InterfaceEndpointOptions {
  /** Full service name, e.g. `com.amazonaws.us-east-1.ssm`. */
  readonly serviceName: string;
  /**
   * Subnets to place the endpoint's network interfaces in: availability zone subnets only.
   * @default - the region-side private subnet of a Wavelength VPC of its own
   */
  readonly subnets?: readonly EdgeSubnet[];
  /** Security groups of the endpoint's network interfaces. @default - the VPC's default group */
  readonly securityGroupIds?: readonly string[];
  /** Private DNS names for the service. @default true */
  readonly privateDnsEnabled?: boolean;
  /** Config path, for errors. @default "<configPath>.interfaceEndpoints.<id>" */
  readonly configPath?: string;
}

/** Options of `addTransitGatewayAttachment`. */
export interface TransitGatewayAttachmentOptions {
  readonly transitGatewayId: string;
  /**
   * One subnet per availability zone; Local Zone and Wavelength subnets are rejected.
   * @default - the region-side private subnet of a Wavelength VPC of its own
   */
  readonly subnets?: readonly EdgeSubnet[];
  /** Config path, for errors. @default "<configPath>.transitGatewayAttachments.<id>" */
  readonly configPath?: string;
}
