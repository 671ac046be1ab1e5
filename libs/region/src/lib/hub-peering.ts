import { Ec2TransitGatewayPeeringAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment";
import { Ec2TransitGatewayPeeringAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Route } from "@cdktf/provider-aws/lib/route";
import type { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { ConfigCheck, EdgeStack, ENVIRONMENT_CATALOG_FILE, isUnresolved, overlaps, parseCidr } from "@edge/core";
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
  /** Config path of the peering's entry (the peering Region's plan), for errors. @default "peering" */
  readonly configPath?: string;
  /** File that entry is written in, for errors. @default - not named */
  readonly configFile?: string;
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
    const file = props.configFile === undefined ? {} : { file: props.configFile };
    check.expect(props.peer.region !== props.local.region, {
      ...file,
      code: "EDGE_PEERING_REGION",
      path: path,
      value: props.peer.region,
      problem: "a hub peers with a hub in another Region (two hubs of one Region share a VPC plan)",
      fix: "peer the hubs of two different Regions",
    });
    check.expect(props.local.region === stack.environment.region, {
      ...file,
      code: "EDGE_PEERING_REGION",
      path: path,
      value: props.local.region,
      problem: `the requesting hub must be this stack's (${stack.environment.region})`,
      fix: "create the peering in the stack of the hub that requests it",
    });
    if (!isUnresolved(props.local.vpcCidr) && !isUnresolved(props.peer.vpcCidr)) {
      check.collect(() => {
        const local = parseCidr(props.local.vpcCidr, `${path}.vpcCidr`);
        const peer = parseCidr(props.peer.vpcCidr, `${path}.peer.vpcCidr`);
        check.expect(!overlaps(local, peer), {
          ...file,
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

/** A hub's transit gateway as {@link peerHubs} needs it (the VPC CIDRs come from the plan). */
export type HubTransitGateway = Pick<PeeredHub, "transitGatewayId" | "transitGatewayRouteTableId">;

/** Props of {@link peerHubs}. */
export interface PeerHubsProps {
  /** This stack's hub transit gateway and its default route table. */
  readonly local: HubTransitGateway;
  /** This hub's private route tables, by availability zone. */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /** See {@link HubPeeringProps.vpcAttachment}. @default none */
  readonly vpcAttachment?: ITerraformDependable;
  /** Reads the hub of the environment's own Region (its site-outputs contract, read in that Region). */
  readonly readHomeHub: (region: string) => HubTransitGateway;
}

/**
 * The peerings the environment's plan asks for (`network.regions.<region>.peerWithHome`), from
 * one hub stack's side: a hub in such a Region owns the {@link HubPeering} with the hub of the
 * environment's own Region (which it reads); the hub of the environment's own Region adds its
 * routes back to each peered hub VPC ({@link routesToPeeredHub}). The VPC CIDRs are the plan's
 * (`vpcCidr` of each Region), known at synth, so overlaps are caught then. Nothing when no
 * Region asks.
 */
export function peerHubs(scope: Construct, id: string, props: PeerHubsProps): void {
  const env = EdgeStack.of(scope).environment;
  const whole = env.home ?? env;
  if (env.home) {
    if (!whole.network.regions[env.region]?.peerWithHome) return;
    const home = props.readHomeHub(whole.region);
    new HubPeering(scope, id, {
      local: { region: env.region, vpcCidr: env.network.vpcCidr, ...gatewayOf(props.local) },
      peer: { region: whole.region, vpcCidr: whole.network.vpcCidr, ...gatewayOf(home) },
      privateRouteTables: props.privateRouteTables,
      ...(props.vpcAttachment ? { vpcAttachment: props.vpcAttachment } : {}),
      configPath: `environments.${whole.name}.network.regions.${env.region}`,
      configFile: ENVIRONMENT_CATALOG_FILE,
    });
    return;
  }
  for (const [region, plan] of Object.entries(whole.network.regions)) {
    if (!plan.peerWithHome) continue;
    routesToPeeredHub(scope, `${id}-route`, {
      peer: { region, vpcCidr: plan.vpcCidr },
      transitGatewayId: props.local.transitGatewayId,
      privateRouteTables: props.privateRouteTables,
      ...(props.vpcAttachment ? { vpcAttachment: props.vpcAttachment } : {}),
    });
  }
}

const gatewayOf = (hub: HubTransitGateway): HubTransitGateway => ({
  transitGatewayId: hub.transitGatewayId,
  transitGatewayRouteTableId: hub.transitGatewayRouteTableId,
});
