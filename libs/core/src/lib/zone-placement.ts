import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import type { Construct } from "constructs";
import { joinPath } from "./config-schema";
import { EdgeStack } from "./edge-stack";
import type { EdgeSubnet } from "./edge-vpc";
import { ConfigCheck, EdgeConfigError } from "./errors";
import type { ZoneFeature } from "./zone-catalog";
import { parseZone, type Zone } from "./zones";

/**
 * Checks that every subnet of a placement (interface endpoint network interfaces, a transit
 * gateway attachment) lies in a zone of the stack's region that offers `feature`, per the zone
 * catalog, and for attachments that no AZ is listed twice (Transit Gateway guide: one subnet per
 * Availability Zone per attachment). Returns the parsed zones.
 */
export function checkZonePlacement(
  stack: EdgeStack,
  subnets: readonly EdgeSubnet[],
  feature: Extract<ZoneFeature, "interfaceEndpoints" | "transitGatewayAttachment">,
  path: string,
): Zone[] {
  const check = new ConfigCheck();
  if (!Array.isArray(subnets) || subnets.length === 0) {
    check.fail({
      code: "EDGE_PLACEMENT_EMPTY",
      path: `${path}.subnets`,
      value: subnets,
      problem: "at least one subnet is required",
      fix: `give subnets of availability zones in ${stack.environment.region}, such as the hub's private subnets`,
    });
  }
  const zones: Zone[] = [];
  const byZone = new Map<string, number>();
  (Array.isArray(subnets) ? subnets : []).forEach((s, i) => {
    const zonePath = joinPath(`${path}.subnets`, [i, "zone"]);
    check.collect(() => {
      const zone = parseZone(s.zone, { region: stack.environment.region, path: zonePath });
      stack.catalog.requireFeature(zone, feature, zonePath);
      const first = byZone.get(zone.name);
      if (feature === "transitGatewayAttachment" && first !== undefined) {
        check.fail({
          code: "EDGE_TGW_SUBNET_PER_AZ",
          path: zonePath,
          value: zone.name,
          problem: `${zone.name} already has a subnet in this attachment at ${path}.subnets[${first}]`,
          fix: "give one subnet per availability zone",
        });
      }
      byZone.set(zone.name, i);
      zones.push(zone);
    });
  });
  check.throwIfFailed();
  return zones;
}

/** Props of {@link addPlacedInterfaceEndpoint}. */
export interface PlacedInterfaceEndpointProps {
  readonly vpcId: string;
  /** Full service name, e.g. `com.amazonaws.us-east-1.ssm`. */
  readonly serviceName: string;
  /** Subnets of the endpoint's network interfaces; each must be in a zone offering endpoints. */
  readonly subnets: readonly EdgeSubnet[];
  /** @default - the VPC's default group */
  readonly securityGroupIds?: readonly string[];
  /** @default true */
  readonly privateDnsEnabled?: boolean;
  /** Config path, for errors. */
  readonly path: string;
}

/**
 * Checks the placement, then adds `interface-endpoint-<id>` to `scope`: the one way edge-zone
 * constructs create interface endpoints, so the zone rule cannot be skipped.
 */
export function addPlacedInterfaceEndpoint(
  scope: Construct,
  id: string,
  props: PlacedInterfaceEndpointProps,
): VpcEndpoint {
  const stack = EdgeStack.of(scope);
  checkZonePlacement(stack, props.subnets, "interfaceEndpoints", props.path);
  return new VpcEndpoint(scope, `interface-endpoint-${id}`, {
    vpcId: props.vpcId,
    serviceName: props.serviceName,
    vpcEndpointType: "Interface",
    subnetIds: props.subnets.map((s) => s.subnetId),
    privateDnsEnabled: props.privateDnsEnabled ?? true,
    ...(props.securityGroupIds ? { securityGroupIds: [...props.securityGroupIds] } : {}),
    tags: { Name: stack.physicalName(scope.node.id, id) },
  });
}

/** Props of {@link addPlacedTransitGatewayAttachment}. */
export interface PlacedTransitGatewayAttachmentProps {
  readonly vpcId: string;
  readonly transitGatewayId: string;
  /** One availability zone subnet per AZ. */
  readonly subnets: readonly EdgeSubnet[];
  /** Config path, for errors. */
  readonly path: string;
}

/** Checks the placement, then adds `transit-gateway-attachment-<id>` to `scope`. */
export function addPlacedTransitGatewayAttachment(
  scope: Construct,
  id: string,
  props: PlacedTransitGatewayAttachmentProps,
): Ec2TransitGatewayVpcAttachment {
  const stack = EdgeStack.of(scope);
  checkZonePlacement(stack, props.subnets, "transitGatewayAttachment", props.path);
  return new Ec2TransitGatewayVpcAttachment(scope, `transit-gateway-attachment-${id}`, {
    vpcId: props.vpcId,
    transitGatewayId: props.transitGatewayId,
    subnetIds: props.subnets.map((s) => s.subnetId),
    tags: { Name: stack.physicalName(scope.node.id, id) },
  });
}

/** Options of {@link ZonePlacement.addInterfaceEndpoint}. */
export interface InterfaceEndpointOptions {
  /** Full service name, e.g. `com.amazonaws.us-east-1.ssm`. */
  readonly serviceName: string;
  /**
   * Subnets to place the endpoint's network interfaces in: availability zone subnets only.
   * @default - the construct's own region-side subnets, when it has any
   */
  readonly subnets?: readonly EdgeSubnet[];
  /** Security groups of the endpoint's network interfaces. @default - the VPC's default group */
  readonly securityGroupIds?: readonly string[];
  /** Private DNS names for the service. @default true */
  readonly privateDnsEnabled?: boolean;
  /** Config path, for errors. @default "<configPath>.interfaceEndpoints.<id>" */
  readonly configPath?: string;
}

/** Options of {@link ZonePlacement.addTransitGatewayAttachment}. */
export interface TransitGatewayAttachmentOptions {
  readonly transitGatewayId: string;
  /**
   * One subnet per availability zone; Local Zone and Wavelength subnets are rejected.
   * @default - the construct's own region-side subnets, when it has any
   */
  readonly subnets?: readonly EdgeSubnet[];
  /** Config path, for errors. @default "<configPath>.transitGatewayAttachments.<id>" */
  readonly configPath?: string;
}

/** Props of {@link ZonePlacement}. */
export interface ZonePlacementProps {
  readonly vpcId: string;
  /** Config path of the owning construct; option paths default below it. */
  readonly configPath: string;
  /**
   * Availability zone subnets of the owning construct, used when options give none.
   * @default - none: options must give subnets
   */
  readonly defaultSubnets?: () => readonly EdgeSubnet[];
}

/**
 * The placement methods of an edge-zone construct (Local Zone subnets, a Wavelength Zone):
 * interface endpoints and transit gateway attachments go in availability zone subnets of the
 * VPC, checked against the zone catalog, and are created in the owning construct's scope
 * (`<scope>_interface-endpoint-<id>`, `<scope>_transit-gateway-attachment-<id>`).
 */
export class ZonePlacement {
  constructor(
    private readonly scope: Construct,
    private readonly props: ZonePlacementProps,
  ) {}

  addInterfaceEndpoint(id: string, options: InterfaceEndpointOptions): VpcEndpoint {
    const path = options.configPath ?? `${this.props.configPath}.interfaceEndpoints.${id}`;
    return addPlacedInterfaceEndpoint(this.scope, id, {
      ...options,
      vpcId: this.props.vpcId,
      subnets: this.subnetsOf(options.subnets, path),
      path,
    });
  }

  addTransitGatewayAttachment(
    id: string,
    options: TransitGatewayAttachmentOptions,
  ): Ec2TransitGatewayVpcAttachment {
    const path = options.configPath ?? `${this.props.configPath}.transitGatewayAttachments.${id}`;
    return addPlacedTransitGatewayAttachment(this.scope, id, {
      vpcId: this.props.vpcId,
      transitGatewayId: options.transitGatewayId,
      subnets: this.subnetsOf(options.subnets, path),
      path,
    });
  }

  private subnetsOf(subnets: readonly EdgeSubnet[] | undefined, path: string): readonly EdgeSubnet[] {
    if (subnets !== undefined) return subnets;
    const own = this.props.defaultSubnets?.() ?? [];
    if (own.length > 0) return own;
    throw new EdgeConfigError({
      code: "EDGE_PLACEMENT_EMPTY",
      path: `${path}.subnets`,
      value: undefined,
      problem: "an extended VPC has no region-side subnets of this construct to default to",
      fix: "give availability zone subnets of the extended VPC, such as the hub's private subnets",
    });
  }
}
