import { DataAwsEc2LocalGatewayRouteTable } from "@cdktf/provider-aws/lib/data-aws-ec2-local-gateway-route-table";
import { Ec2LocalGatewayRouteTableVpcAssociation } from "@cdktf/provider-aws/lib/ec2-local-gateway-route-table-vpc-association";
import { ConfigCheck, EdgeStack, type IEdgeVpc } from "@edge/core";
import { Construct } from "constructs";
import type { IOutpost } from "./outpost";
import { checkLocalGatewayRouteTableId } from "./private/resource-ids";

/** Props of {@link LocalGatewayAssociation}. */
export interface LocalGatewayAssociationProps {
  /** The VPC the Outpost extends. */
  readonly vpc: IEdgeVpc;
  /** The Outpost whose local gateway the VPC is associated with. */
  readonly outpost: IOutpost;
  /**
   * The local gateway route table to associate, `lgw-rtb-…`. Give it when the Outpost has several
   * (one per local gateway routing domain).
   * @default - the Outpost's one local gateway route table, looked up by Outpost ARN
   */
  readonly localGatewayRouteTableId?: string;
  /** Config path of these props, for errors. @default "localGateway" */
  readonly configPath?: string;
}

/**
 * Associates a VPC with an Outpost's local gateway route table
 * (`aws_ec2_local_gateway_route_table_vpc_association`). Routes that target the local gateway
 * must depend on {@link association}: "The subnet must belong to a VPC that is associated to the
 * local gateway route table" (Outposts UG, "Local gateway route table routes"), so a route
 * created before the association fails.
 *
 * `data.aws_ec2_local_gateway_route_table` is always read, filtered by the Outpost ARN (and the
 * configured route table id, if any): it yields `local_gateway_id` for the routes, and fails the
 * plan if a configured table does not belong to this Outpost.
 */
export class LocalGatewayAssociation extends Construct {
  /** `data.aws_ec2_local_gateway_route_table`. */
  readonly routeTableLookup: DataAwsEc2LocalGatewayRouteTable;
  /** `aws_ec2_local_gateway_route_table_vpc_association`: routes to the local gateway depend on it. */
  readonly association: Ec2LocalGatewayRouteTableVpcAssociation;
  /** `lgw-…`, the target of routes to the on-premises network. */
  readonly localGatewayId: string;
  /** `lgw-rtb-…`: the configured id, or the looked-up one. */
  readonly localGatewayRouteTableId: string;

  constructor(scope: Construct, id: string, props: LocalGatewayAssociationProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "localGateway";
    const configured = props.localGatewayRouteTableId;
    const check = new ConfigCheck(this.node.path);
    checkLocalGatewayRouteTableId(check, configured, `${path}.localGatewayRouteTableId`);
    check.throwIfFailed();

    this.routeTableLookup = new DataAwsEc2LocalGatewayRouteTable(this, "route-table", {
      outpostArn: props.outpost.arn,
      ...(configured !== undefined ? { localGatewayRouteTableId: configured } : {}),
    });
    this.localGatewayRouteTableId = configured ?? this.routeTableLookup.localGatewayRouteTableId;
    this.localGatewayId = this.routeTableLookup.localGatewayId;
    this.association = new Ec2LocalGatewayRouteTableVpcAssociation(this, "vpc-association", {
      localGatewayRouteTableId: this.localGatewayRouteTableId,
      vpcId: props.vpc.vpcId,
      tags: { Name: stack.physicalName(id) },
    });
  }
}
