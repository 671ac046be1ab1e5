import { Ec2TransitGatewayPeeringAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment";
import { Ec2TransitGatewayPeeringAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Route } from "@cdktf/provider-aws/lib/route";
import type { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { ConfigCheck, EdgeStack, isUnresolved, overlaps, parseCidr } from "@edge/core";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

/** One side of a hub peering: a hub's transit gateway and VPC. */
export interface PeeredHub {
  /** Region of the hub. */
  readonly region: string;
  /** Its transit gateway. */
  readonly transitGatewayId: string;
  /** The transit gateway route table its attachments associate with (the default one). */
  readonly transitGatewayRouteTableId: string;
  /** Primary IPv4 CIDR of its VPC. */
  readonly vpcCidr: string;
}

/** Props of {@link HubPeering}. */
export interface HubPeeringProps {
  /** This stack's hub (the requester, in the stack's Region). */
  readonly local: PeeredHub;
  /** The hub to peer with (the accepter, in another Region of the same account). */
  readonly peer: PeeredHub;
  /**
   * This hub's private route tables: each gets a route to the peer's VPC through the transit
   * gateway.
   */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /**
   * What the VPC routes to the transit gateway wait for: the hub VPC's transit gateway attachment
   * (a route to a transit gateway is rejected until the VPC is attached). @default none
   */
  readonly vpcAttachment?: ITerraformDependable;
  /** Config path of the peering, for errors. @default "peering" */
  readonly configPath?: string;
}

/**
 * Transit gateway peering between two hubs of one environment in different Regions, owned by one
 * stack: the peering attachment (requester, this stack's Region), its accepter (the peer's Region,
 * through the stack's provider for that Region, same account), a static route to the other VPC in
 * each transit gateway's route table (peering attachments take no propagated routes: "you must add
 * a static route to the transit gateway route table that points to the transit gateway peering
 * attachment. The owner of the accepter transit gateway must also add a static route", AWS
 * Transit Gateway guide, "Add a route to a transit gateway route table"), and a route to the peer
 * VPC in this hub's private route tables. The peer hub routes back with {@link routesToPeeredHub}.
 * Multicast does not cross a peering: only unicast flows between the hubs.
 */
export class HubPeering extends Construct {
  readonly attachment: Ec2TransitGatewayPeeringAttachment;
  readonly accepter: Ec2TransitGatewayPeeringAttachmentAccepter;

  constructor(scope: Construct, id: string, props: HubPeeringProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "peering";
    const check = new ConfigCheck(this.node.path);
    check.expect(props.peer.region !== props.local.region, {
      code: "EDGE_PEERING_REGION",
      path: `${path}.region`,
      value: props.peer.region,
      problem: "a hub peers with a hub in another Region (two hubs of one Region share a VPC plan)",
      fix: "peer the hubs of two different Regions",
    });
    check.expect(props.local.region === stack.environment.region, {
      code: "EDGE_PEERING_REGION",
      path: `${path}.region`,
      value: props.local.region,
      problem: `the requesting hub must be this stack's (${stack.environment.region})`,
      fix: "create the peering in the stack of the hub that requests it",
    });
    if (!isUnresolved(props.local.vpcCidr) && !isUnresolved(props.peer.vpcCidr)) {
      check.collect(() => {
        const local = parseCidr(props.local.vpcCidr, `${path}.vpcCidr`);
        const peer = parseCidr(props.peer.vpcCidr, `${path}.peer.vpcCidr`);
        check.expect(!overlaps(local, peer), {
          code: "EDGE_PEERING_OVERLAP",
          path: `${path}.vpcCidr`,
          value: props.local.vpcCidr,
          problem: `the hub VPC overlaps the peer hub VPC ${props.peer.vpcCidr} in ${props.peer.region}, so neither could route to the other`,
          fix: "give each Region's hub VPC a block of its own in the environment's plan",
        });
      });
    }
    check.throwIfFailed();

    const peerProvider = stack.providerFor(props.peer.region);
    const name = stack.physicalName(id);
    this.attachment = new Ec2TransitGatewayPeeringAttachment(this, "attachment", {
      transitGatewayId: props.local.transitGatewayId,
      peerTransitGatewayId: props.peer.transitGatewayId,
      peerRegion: props.peer.region,
      peerAccountId: stack.environment.account,
      tags: { Name: name },
    });
    this.accepter = new Ec2TransitGatewayPeeringAttachmentAccepter(this, "accepter", {
      provider: peerProvider,
      transitGatewayAttachmentId: this.attachment.id,
      tags: { Name: name },
    });
    // Static routes need the attachment accepted (available) and associated with the table.
    new Ec2TransitGatewayRoute(this, "route-to-peer", {
      transitGatewayRouteTableId: props.local.transitGatewayRouteTableId,
      destinationCidrBlock: props.peer.vpcCidr,
      transitGatewayAttachmentId: this.attachment.id,
      dependsOn: [this.accepter],
    });
    new Ec2TransitGatewayRoute(this, "route-from-peer", {
      provider: peerProvider,
      transitGatewayRouteTableId: props.peer.transitGatewayRouteTableId,
      destinationCidrBlock: props.local.vpcCidr,
      transitGatewayAttachmentId: this.accepter.id,
      dependsOn: [this.accepter],
    });
    routesToPeeredHub(this, "vpc-route", {
      peer: props.peer,
      transitGatewayId: props.local.transitGatewayId,
      privateRouteTables: props.privateRouteTables,
      ...(props.vpcAttachment ? { vpcAttachment: props.vpcAttachment } : {}),
    });
  }
}

/** Props of {@link routesToPeeredHub}. */
export interface PeeredHubRoutesProps {
  /** The hub on the other side of the peering. */
  readonly peer: Pick<PeeredHub, "region" | "vpcCidr">;
  /** This hub's transit gateway. */
  readonly transitGatewayId: string;
  /** This hub's private route tables, by availability zone. */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /** See {@link HubPeeringProps.vpcAttachment}. @default none */
  readonly vpcAttachment?: ITerraformDependable;
}

/**
 * Routes to a peered hub's VPC through this hub's transit gateway, one per private route table
 * (`<id>-<peer region>-<az>`): the side of a {@link HubPeering} that the peer's stack does not own.
 */
export function routesToPeeredHub(scope: Construct, id: string, props: PeeredHubRoutesProps): Route[] {
  return Object.entries(props.privateRouteTables).map(
    ([az, table]) =>
      new Route(scope, `${id}-${props.peer.region}-${az}`, {
        routeTableId: table.id,
        destinationCidrBlock: props.peer.vpcCidr,
        transitGatewayId: props.transitGatewayId,
        ...(props.vpcAttachment ? { dependsOn: [props.vpcAttachment] } : {}),
      }),
  );
}
