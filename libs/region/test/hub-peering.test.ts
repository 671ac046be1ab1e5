/**
 * Transit gateway peering between two hubs (attribute names: Terraform AWS provider resources
 * aws_ec2_transit_gateway_peering_attachment, aws_ec2_transit_gateway_peering_attachment_accepter,
 * aws_ec2_transit_gateway_route, aws_route; the static routes both ways follow the AWS Transit
 * Gateway guide, "Add a route to a transit gateway route table": peering attachments take no
 * propagated routes, and the accepter's owner adds a static route too).
 */
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { HubPeering, peerHubs, routesToPeeredHub, type HubPeeringProps } from "../src";

const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;

function build(change: Partial<HubPeeringProps> = {}) {
  const stack = testStack({ site: "region-hub", env: "dev" });
  const tables = {
    "us-east-1a": new RouteTable(stack, "private-a", { vpcId: "vpc-1" }),
    "us-east-1b": new RouteTable(stack, "private-b", { vpcId: "vpc-1" }),
  };
  const props: HubPeeringProps = {
    local: { region: "us-east-1", transitGatewayId: "tgw-east", transitGatewayRouteTableId: "tgw-rtb-east", vpcCidr: "10.10.0.0/16" },
    peer: { region: "us-west-2", transitGatewayId: "tgw-west", transitGatewayRouteTableId: "tgw-rtb-west", vpcCidr: "10.12.0.0/16" },
    privateRouteTables: tables,
    ...change,
  };
  return { stack, build: () => new HubPeering(stack, "peering", props) };
}

describe("HubPeering", () => {
  const { stack, build: make } = build();
  make();
  const json = synthJson(stack);

  it("requests the peering from this Region, in this account", () => {
    expect(resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment")).toEqual({
      peering_attachment: {
        transit_gateway_id: "tgw-east",
        peer_transit_gateway_id: "tgw-west",
        peer_region: "us-west-2",
        peer_account_id: stack.environment.account,
        tags: { Name: "region-hub-dev-peering" },
      },
    });
  });

  it("accepts it in the peer's Region through an aliased provider with the same account guard and tags", () => {
    expect(resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment_accepter")).toEqual({
      peering_accepter: {
        provider: "aws.us-west-2",
        transit_gateway_attachment_id: ref("aws_ec2_transit_gateway_peering_attachment", "peering_attachment"),
        tags: { Name: "region-hub-dev-peering" },
      },
    });
    const providers = json.provider.aws as Record<string, unknown>[];
    expect(providers).toHaveLength(2);
    expect(providers[1]).toEqual({
      alias: "us-west-2",
      region: "us-west-2",
      allowed_account_ids: [stack.environment.account],
      default_tags: (providers[0] as { default_tags: unknown }).default_tags,
      ...("assume_role" in providers[0] ? { assume_role: providers[0].assume_role } : {}),
    });
  });

  it("routes each VPC to the other with static routes in both transit gateway route tables", () => {
    expect(resourcesOf(json, "aws_ec2_transit_gateway_route")).toEqual({
      "peering_route-to-peer": {
        transit_gateway_route_table_id: "tgw-rtb-east",
        destination_cidr_block: "10.12.0.0/16",
        transit_gateway_attachment_id: ref("aws_ec2_transit_gateway_peering_attachment", "peering_attachment"),
        depends_on: ["aws_ec2_transit_gateway_peering_attachment_accepter.peering_accepter"],
      },
      "peering_route-from-peer": {
        provider: "aws.us-west-2",
        transit_gateway_route_table_id: "tgw-rtb-west",
        destination_cidr_block: "10.10.0.0/16",
        transit_gateway_attachment_id: ref("aws_ec2_transit_gateway_peering_attachment_accepter", "peering_accepter"),
        depends_on: ["aws_ec2_transit_gateway_peering_attachment_accepter.peering_accepter"],
      },
    });
  });

  it("routes this hub's private subnets to the peer VPC through the transit gateway", () => {
    expect(resourcesOf(json, "aws_route")).toEqual({
      "peering_vpc-route-us-west-2-us-east-1a": {
        route_table_id: ref("aws_route_table", "private-a"),
        destination_cidr_block: "10.12.0.0/16",
        transit_gateway_id: "tgw-east",
      },
      "peering_vpc-route-us-west-2-us-east-1b": {
        route_table_id: ref("aws_route_table", "private-b"),
        destination_cidr_block: "10.12.0.0/16",
        transit_gateway_id: "tgw-east",
      },
    });
  });

  it("refuses a peer in its own Region, a requester that is not this stack's hub, and overlapping VPCs, all at once", () => {
    const { build: bad } = build({
      local: { region: "us-west-2", transitGatewayId: "tgw-a", transitGatewayRouteTableId: "r-a", vpcCidr: "10.10.0.0/16" },
      peer: { region: "us-west-2", transitGatewayId: "tgw-b", transitGatewayRouteTableId: "r-b", vpcCidr: "10.10.128.0/17" },
    });
    expect(configErrors(bad).map((e) => e.message)).toEqual([
      "EDGE_PEERING_REGION at peering: a hub peers with a hub in another Region (two hubs of one Region share a VPC plan) (got \"us-west-2\"); fix: peer the hubs of two different Regions",
      "EDGE_PEERING_REGION at peering: the requesting hub must be this stack's (us-east-1) (got \"us-west-2\"); fix: create the peering in the stack of the hub that requests it",
      "EDGE_PEERING_OVERLAP at peering.vpcCidr: the hub VPC overlaps the peer hub VPC 10.10.128.0/17 in us-west-2, so neither could route to the other (got \"10.10.0.0/16\"); fix: give each Region's hub VPC a block of its own in the environment's plan",
    ]);
  });
});

describe("routesToPeeredHub", () => {
  it("adds the peer hub's side: one route per private route table, after the VPC attachment", () => {
    const stack = testStack({ site: "region-hub", env: "dev" });
    const table = new RouteTable(stack, "private-a", { vpcId: "vpc-1" });
    const attachment = new RouteTable(stack, "stand-in-attachment", { vpcId: "vpc-1" });
    routesToPeeredHub(stack, "peer", {
      peer: { region: "us-west-2", vpcCidr: "10.12.0.0/16" },
      transitGatewayId: "tgw-east",
      privateRouteTables: { "us-east-1a": table },
      vpcAttachment: attachment,
    });
    expect(resourcesOf(synthJson(stack), "aws_route")).toEqual({
      "peer-us-west-2-us-east-1a": {
        route_table_id: ref("aws_route_table", "private-a"),
        destination_cidr_block: "10.12.0.0/16",
        transit_gateway_id: "tgw-east",
        depends_on: ["aws_route_table.stand-in-attachment"],
      },
    });
  });
});

describe("peerHubs", () => {
  // The plan of an environment homed in us-east-1 with a second hub in us-west-2.
  const network = (peerWithHome?: boolean) => ({
    vpcCidr: "10.10.0.0/16",
    sites: { "region-hub": "10.10.0.0/18" },
    regions: { "us-west-2": { vpcCidr: "10.12.0.0/16", sites: { "region-hub": "10.12.0.0/18" }, ...(peerWithHome === undefined ? {} : { peerWithHome }) } },
  });
  const synthHub = (region: string, peerWithHome?: boolean) => {
    const stack = testStack({ site: "region-hub", env: "dev", region, environment: { network: network(peerWithHome) } });
    const table = new RouteTable(stack, "private-a", { vpcId: "vpc-1" });
    const read: string[] = [];
    peerHubs(stack, "hub-peering", {
      local: { transitGatewayId: "tgw-local", transitGatewayRouteTableId: "tgw-rtb-local" },
      privateRouteTables: { [`${region}a`]: table },
      readHomeHub: (home) => (read.push(home), { transitGatewayId: "tgw-home", transitGatewayRouteTableId: "tgw-rtb-home" }),
    });
    return { json: synthJson(stack), read };
  };

  it("lets the hub of the peered Region own the peering with the home hub, with the plan's VPC CIDRs", () => {
    const { json, read } = synthHub("us-west-2", true);
    expect(read).toEqual(["us-east-1"]);
    expect(resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment")["hub-peering_attachment"]).toMatchObject({
      transit_gateway_id: "tgw-local",
      peer_transit_gateway_id: "tgw-home",
      peer_region: "us-east-1",
    });
    const routes = resourcesOf(json, "aws_ec2_transit_gateway_route");
    expect(routes["hub-peering_route-to-peer"]).toMatchObject({ transit_gateway_route_table_id: "tgw-rtb-local", destination_cidr_block: "10.10.0.0/16" });
    expect(routes["hub-peering_route-from-peer"]).toMatchObject({ provider: "aws.us-east-1", transit_gateway_route_table_id: "tgw-rtb-home", destination_cidr_block: "10.12.0.0/16" });
  });

  it("adds the home hub's routes back to each peered hub VPC", () => {
    const { json, read } = synthHub("us-east-1", true);
    expect(read).toEqual([]);
    expect(resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment")).toEqual({});
    expect(resourcesOf(json, "aws_route")).toEqual({
      "hub-peering-route-us-west-2-us-east-1a": {
        route_table_id: ref("aws_route_table", "private-a"),
        destination_cidr_block: "10.12.0.0/16",
        transit_gateway_id: "tgw-local",
      },
    });
  });

  it.each([undefined, false])("builds nothing on either side when peerWithHome is %s", (peerWithHome) => {
    for (const region of ["us-east-1", "us-west-2"]) {
      const { json, read } = synthHub(region, peerWithHome);
      expect(read).toEqual([]);
      expect(resourcesOf(json, "aws_route")).toEqual({});
      expect(resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment")).toEqual({});
    }
  });
});
