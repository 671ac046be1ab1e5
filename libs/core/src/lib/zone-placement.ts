import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import type { Construct } from "constructs";
import { joinPath } from "./config-schema";
import { EdgeStack } from "./edge-stack";
import type { EdgeSubnet } from "./edge-vpc";
import { ConfigCheck } from "./errors";
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
