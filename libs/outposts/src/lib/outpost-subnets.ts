import { DataAwsEc2CoipPool } from "@cdktf/provider-aws/lib/data-aws-ec2-coip-pool";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcEndpointRouteTableAssociation } from "@cdktf/provider-aws/lib/vpc-endpoint-route-table-association";
import { EdgeConfigError, EdgeStack, type IEdgeVpc, validateFor } from "@edge/core";
import { Construct } from "constructs";
import { LocalGatewayAssociation } from "./local-gateway-association";
import type { IOutpost } from "./outpost";
import { validateOutpostSubnetsProps } from "./private/validate-subnets-props";

/**
 * How instances on the Outpost reach the on-premises network through the local gateway:
 * - `coip`: the local gateway translates their VPC addresses to customer-owned IPs from a pool;
 * - `direct-vpc-routing`: no translation, the subnets' VPC addresses are advertised to the
 *   customer network over BGP (only for subnets with a route to the local gateway).
 */
export type OutpostRoutingMode = "coip" | "direct-vpc-routing";

/** One subnet on the Outpost. */
export interface OutpostSubnetSpec {
  /** Name, unique in the construct: lowercase letters, digits and dashes. Part of Terraform addresses. */
  readonly name: string;
  /** Prefix length, /16 to /28. @default 24 */
  readonly prefixLength?: number;
  /**
   * The subnet's availability zone; an Outpost subnet must be in its Outpost's.
   * @default the Outpost's availability zone
   */
  readonly availabilityZone?: string;
  /**
   * The Outpost the subnet is on. A subnet lives on exactly one Outpost, so when given it must be
   * this construct's; useful to pin a subnet to its Outpost in a config with several.
   * @default the construct's Outpost
   */
  readonly outpostArn?: string;
  /** Give instances a customer-owned IP at launch. @default the construct's setting */
  readonly mapCustomerOwnedIpOnLaunch?: boolean;
}

/** Props of {@link OutpostSubnets}. */
export interface OutpostSubnetsProps {
  /** The Region VPC the Outpost extends (`cidrBlock` literal to check CIDRs at synth). */
  readonly vpc: IEdgeVpc;
  /** The Outpost the subnets are on. */
  readonly outpost: IOutpost;
  /** Block inside the VPC CIDR that the subnets are carved from. */
  readonly subnetBlock: string;
  /** The subnets, each with a route table of its own. */
  readonly subnets: readonly OutpostSubnetSpec[];
  /** How instances reach the on-premises network. */
  readonly routingMode: OutpostRoutingMode;
  /**
   * On-premises CIDRs routed to the local gateway from every subnet; none may overlap the VPC.
   * @default []
   */
  readonly onPremisesCidrs?: readonly string[];
  /** Also route `0.0.0.0/0` to the local gateway (internet egress through the customer network). @default false */
  readonly defaultRouteToLocalGateway?: boolean;
  /**
   * The subnets' path to the Region and the internet when the on-premises network is not the
   * egress: `0.0.0.0/0` to this NAT gateway of the Region VPC (the hub's, in the Outpost's
   * availability zone), carried over the service link. Not allowed with
   * `defaultRouteToLocalGateway`, which is the other way out.
   * @default - no default route (only the local gateway destinations)
   */
  readonly regionEgress?: { readonly natGatewayId: string };
  /**
   * The Region VPC's S3 gateway endpoint (the hub's), associated with every subnet's route table
   * so S3 traffic takes the endpoint over the service link instead of the NAT gateway.
   * @default - no association
   */
  readonly s3GatewayEndpointId?: string;
  /**
   * The Outpost's local gateway route table, `lgw-rtb-…`.
   * @default - looked up by Outpost ARN (ignored when `localGateway` is given)
   */
  readonly localGatewayRouteTableId?: string;
  /**
   * An existing association of the VPC with the Outpost's local gateway route table, to share
   * between several constructs (a VPC is associated with a route table once).
   * @default - one is created
   */
  readonly localGateway?: LocalGatewayAssociation;
  /**
   * CoIP pool of the subnets, `ipv4pool-coip-…`; CoIP mode only.
   * @default - in CoIP mode, the pool of the local gateway route table, looked up with
   * `data.aws_ec2_coip_pool`
   */
  readonly customerOwnedIpv4Pool?: string;
  /** Give instances a customer-owned IP at launch. @default true in CoIP mode, false otherwise */
  readonly mapCustomerOwnedIpOnLaunch?: boolean;
  /** Config path of these props, for errors. @default "outpostSubnets" */
  readonly configPath?: string;
}

/**
 * Subnets on one Outpost, extending a Region VPC: each in the Outpost's availability zone with
 * `outpost_arn`, on a route table of its own (never shared with Region subnets), with routes to
 * the on-premises CIDRs through the local gateway that are ordered after the VPC's association
 * with the local gateway route table. In CoIP mode the subnets carry the customer-owned IPv4
 * pool; in direct VPC routing they have none. Every rule is checked before anything is created.
 */
export class OutpostSubnets extends Construct {
  readonly routingMode: OutpostRoutingMode;
  /** The VPC's association with the local gateway route table (created or given). */
  readonly localGateway: LocalGatewayAssociation;
  /** The CoIP pool id (configured or looked up) in CoIP mode. */
  readonly customerOwnedIpv4Pool?: string;
  /** `data.aws_ec2_coip_pool`, when the pool is looked up. */
  readonly coipPoolLookup?: DataAwsEc2CoipPool;
  /** Subnets by name. */
  readonly subnets: Readonly<Record<string, Subnet>>;
  /** Each subnet's own route table, by subnet name. */
  readonly routeTables: Readonly<Record<string, RouteTable>>;
  /** Planned CIDR by subnet name. */
  readonly subnetCidrs: Readonly<Record<string, string>>;
  /** Destinations routed to the local gateway. */
  readonly localGatewayDestinations: readonly string[];
  /** The `0.0.0.0/0 -> NAT gateway` route of each subnet, by subnet name (with `regionEgress`). */
  readonly regionRoutes: Readonly<Record<string, Route>>;
  /** The S3 gateway endpoint association of each subnet's table, by subnet name. */
  readonly s3EndpointAssociations: Readonly<Record<string, VpcEndpointRouteTableAssociation>>;

  constructor(scope: Construct, id: string, props: OutpostSubnetsProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const settings = validateFor(this, () =>
      validateOutpostSubnetsProps(props, {
      region: stack.environment.region,
      path: props.configPath ?? "outpostSubnets",
      }),
    );
    const { outpost } = props;
    if (props.regionEgress !== undefined && props.defaultRouteToLocalGateway) {
      throw new EdgeConfigError({
        code: "EDGE_OUTPOST_EGRESS_TWICE",
        path: `${props.configPath ?? "outpostSubnets"}.defaultRouteToLocalGateway`,
        value: true,
        problem:
          "the subnets get two default routes: to the local gateway and to the region's nat gateway",
        fix: "leave defaultRouteToLocalGateway out when the region nat gateway is the egress, or give no regionEgress when the on-premises network is",
      }).at(this.node.path);
    }
    this.routingMode = settings.routingMode;
    this.subnetCidrs = settings.subnetCidrs;
    this.localGatewayDestinations = settings.localGatewayDestinations;

    this.localGateway =
      props.localGateway ??
      new LocalGatewayAssociation(this, "local-gateway", {
        vpc: props.vpc,
        outpost,
        localGatewayRouteTableId: props.localGatewayRouteTableId,
        configPath: props.configPath,
      });

    if (settings.routingMode === "coip") {
      if (props.customerOwnedIpv4Pool !== undefined) {
        this.customerOwnedIpv4Pool = props.customerOwnedIpv4Pool;
      } else {
        // The pool belongs to the local gateway route table (EC2 API CoipPool.LocalGatewayRouteTableId).
        this.coipPoolLookup = new DataAwsEc2CoipPool(this, "coip-pool", {
          localGatewayRouteTableId: this.localGateway.localGatewayRouteTableId,
        });
        this.customerOwnedIpv4Pool = this.coipPoolLookup.poolId;
      }
    }

    const subnets: Record<string, Subnet> = {};
    const routeTables: Record<string, RouteTable> = {};
    const regionRoutes: Record<string, Route> = {};
    const s3EndpointAssociations: Record<string, VpcEndpointRouteTableAssociation> = {};
    for (const spec of settings.subnets) {
      const subnet = new Subnet(this, `subnet-${spec.name}`, {
        vpcId: props.vpc.vpcId,
        cidrBlock: settings.subnetCidrs[spec.name],
        availabilityZone: outpost.availabilityZone,
        outpostArn: outpost.arn,
        ...(settings.routingMode === "coip"
          ? {
              customerOwnedIpv4Pool: this.customerOwnedIpv4Pool,
              mapCustomerOwnedIpOnLaunch: spec.mapCustomerOwnedIpOnLaunch,
            }
          : {}),
        mapPublicIpOnLaunch: false,
        tags: { Name: stack.physicalName(id, spec.name), tier: "outpost" },
        lifecycle: { precondition: [...outpost.placementPreconditions] },
      });
      // A route table of its own: Region subnets' tables never carry local gateway routes, and
      // an Outpost subnet never inherits a Region NAT route by sharing one.
      const table = new RouteTable(this, `route-table-${spec.name}`, {
        vpcId: props.vpc.vpcId,
        tags: { Name: stack.physicalName(id, spec.name) },
      });
      new RouteTableAssociation(this, `route-table-association-${spec.name}`, {
        subnetId: subnet.id,
        routeTableId: table.id,
      });
      for (const destination of settings.localGatewayDestinations) {
        const suffix = destination === "0.0.0.0/0" ? "default" : destination.replace(/[./]/g, "-");
        new Route(this, `local-gateway-route-${spec.name}-${suffix}`, {
          routeTableId: table.id,
          destinationCidrBlock: destination,
          localGatewayId: this.localGateway.localGatewayId,
          // A local gateway route needs the VPC associated with the local gateway route table
          // first (Outposts UG "Local gateway route table routes"); local_gateway_id comes from a
          // data source, so the order must be explicit.
          dependsOn: [this.localGateway.association],
        });
      }
      if (props.regionEgress !== undefined) {
        // Region targets of an Outpost subnet's route table are reached over the service link
        // (Outposts high availability whitepaper; Outposts UG, service link).
        regionRoutes[spec.name] = new Route(this, `region-default-route-${spec.name}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: props.regionEgress.natGatewayId,
        });
      }
      if (props.s3GatewayEndpointId !== undefined) {
        const association = new VpcEndpointRouteTableAssociation(
          this,
          `s3-gateway-endpoint-${spec.name}`,
          {
            routeTableId: table.id,
            vpcEndpointId: props.s3GatewayEndpointId,
          },
        );
        // The endpoint belongs to another stack: name its service for the synth path check.
        association.addOverride("//.edge_paths", { service: "s3" });
        s3EndpointAssociations[spec.name] = association;
      }
      subnets[spec.name] = subnet;
      routeTables[spec.name] = table;
    }
    this.subnets = subnets;
    this.routeTables = routeTables;
    this.regionRoutes = regionRoutes;
    this.s3EndpointAssociations = s3EndpointAssociations;
  }
}
