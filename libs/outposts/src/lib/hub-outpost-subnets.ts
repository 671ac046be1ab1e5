import { EdgeStack, fromNetworkPlan, withConfigSources } from "@edge/core";
import type { Construct } from "constructs";
import { OutpostSubnets, type OutpostSubnetsProps } from "./outpost-subnets";

/**
 * The hub network an Outpost site extends: the values region-hub publishes, as
 * `regionHubOutputs.read(stack)` returns them (any object of this shape will do).
 */
export interface OutpostHub {
  readonly vpcId: string;
  /** The hub's NAT gateway id by Region AZ. */
  readonly natGatewayIds: { get(availabilityZone: string): string };
  /** The hub's S3 gateway endpoint ("" when the hub has none). */
  readonly s3GatewayEndpointId: string;
}

/** Props of {@link extendHubOntoOutpost}: those of OutpostSubnets, with the hub in place of the VPC. */
export interface HubOutpostSubnetsProps extends Omit<
  OutpostSubnetsProps,
  "vpc" | "subnetBlock" | "regionEgress" | "s3GatewayEndpointId"
> {
  /** The hub network to extend, e.g. `regionHubOutputs.read(stack)`. */
  readonly hub: OutpostHub;
}

/**
 * An Outpost site's subnets (`OutpostSubnets`, construct id `id`) in the hub VPC. The VPC CIDR is
 * the environment's (region-hub builds its VPC from it): a literal, so the on-premises CIDRs and
 * the subnet block, the site's block of the environment's plan, are checked at synth, and their
 * errors name the plan (`network.vpcCidr`, `network.sites.<site>`), not `<configPath>.vpc.cidrBlock`
 * or `<configPath>.subnetBlock`. The Region path is the hub's NAT gateway in the Outpost's AZ over
 * the service link, unless the on-premises network is the egress (`defaultRouteToLocalGateway`);
 * S3 goes through the hub's gateway endpoint either way.
 */
export function extendHubOntoOutpost(
  scope: Construct,
  id: string,
  props: HubOutpostSubnetsProps,
): OutpostSubnets {
  const stack = EdgeStack.of(scope);
  const { hub, ...rest } = props;
  const path = props.configPath ?? "outpostSubnets";
  return withConfigSources(
    fromNetworkPlan(stack, { vpcCidr: `${path}.vpc.cidrBlock`, siteBlock: `${path}.subnetBlock` }),
    () =>
      new OutpostSubnets(scope, id, {
        ...rest,
        vpc: { vpcId: hub.vpcId, cidrBlock: stack.environment.network.vpcCidr },
        subnetBlock: stack.addressBlock,
        ...(props.defaultRouteToLocalGateway
          ? {}
          : {
              regionEgress: { natGatewayId: hub.natGatewayIds.get(props.outpost.availabilityZone) },
            }),
        s3GatewayEndpointId: hub.s3GatewayEndpointId,
      }),
  );
}
