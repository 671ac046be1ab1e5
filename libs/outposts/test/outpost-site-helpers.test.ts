import { TerraformOutput } from "cdktf";
import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import {
  extendHubOntoOutpost,
  Outpost,
  outpostEdgeSubnets,
  outpostNetworkIds,
  spreadPlacementGroups,
  type HubOutpostSubnetsProps,
} from "../src";

const ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";
const POOL = "ipv4pool-coip-0a1b2c3d4e5f60001";
const LGW_RTB = "lgw-rtb-0a1b2c3d4e5f60001";
/** The hub as region-hub's outputs read it: NAT gateway ids looked up by AZ. */
const hub = {
  vpcId: "vpc-0hub",
  natGatewayIds: { get: (az: string) => `nat-0hub-${az}` },
  s3GatewayEndpointId: "vpce-0hubs3",
};

function build(props: Partial<Omit<HubOutpostSubnetsProps, "outpost">> = {}) {
  const stack = testStack({ site: "outpost-factory" });
  const outpost = new Outpost(stack, "factory", {
    arn: ARN,
    availabilityZone: "us-east-1a",
    instanceTypes: ["m5.xlarge"],
  });
  const network = extendHubOntoOutpost(stack, "factory-network", {
    hub,
    outpost,
    subnets: [{ name: "line" }],
    routingMode: "coip",
    customerOwnedIpv4Pool: POOL,
    localGatewayRouteTableId: LGW_RTB,
    onPremisesCidrs: ["192.168.0.0/16"],
    configPath: "environments.dev.network",
    ...props,
  });
  return { stack, outpost, network };
}

describe("extendHubOntoOutpost", () => {
  it("carves the subnets from the site's block of the plan, in the hub VPC, on the Outpost", () => {
    const json = synthJson(build().stack);
    // outpost-factory's block in the fixture plan of dev is 10.10.80.0/20.
    expect(resourcesOf(json, "aws_subnet")["factory-network_subnet-line"]).toMatchObject({
      vpc_id: "vpc-0hub",
      outpost_arn: ARN,
      availability_zone: "us-east-1a",
      cidr_block: "10.10.80.0/24",
    });
  });

  it("sends 0.0.0.0/0 to the hub's NAT gateway in the Outpost's AZ, and S3 through the hub's endpoint", () => {
    const json = synthJson(build().stack);
    expect(
      resourcesOf(json, "aws_route")["factory-network_region-default-route-line"],
    ).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "nat-0hub-us-east-1a",
    });
    expect(
      resourcesOf(json, "aws_vpc_endpoint_route_table_association")[
        "factory-network_s3-gateway-endpoint-line"
      ],
    ).toMatchObject({
      vpc_endpoint_id: "vpce-0hubs3",
    });
  });

  it("has no Region default route when the factory network is the egress", () => {
    const json = synthJson(build({ defaultRouteToLocalGateway: true }).stack);
    expect(
      Object.keys(resourcesOf(json, "aws_route")).filter((n) => n.includes("region-default-route")),
    ).toEqual([]);
  });

  // The VPC's CIDR is the environment's (a literal): an on-premises block inside it is caught at
  // synth ("the local route ... cannot be more specific", Amazon VPC UG, route priority).
  it("checks on-premises CIDRs against the environment's VPC CIDR, at the site's network path", () => {
    const err = configError(() => build({ onPremisesCidrs: ["10.10.0.0/24"] }));
    expect(err.message).toBe(
      'EDGE_OUTPOST_ONPREM_OVERLAP at environments.dev.network.onPremisesCidrs[0]: on-premises 10.10.0.0/24 overlaps the VPC 10.10.0.0/16: the VPC\'s local route keeps that traffic inside the VPC (got "10.10.0.0/24"); fix: renumber the on-premises network or remove it; it must not overlap 10.10.0.0/16',
    );
  });
});

describe("spreadPlacementGroups", () => {
  it("makes one group per key (placement-group-<key>) on the Outpost, each at its config path", () => {
    const { stack, outpost } = build();
    const groups = spreadPlacementGroups(stack, {
      groups: { line: { spreadLevel: "host" }, historian: {} },
      outpost,
      configPath: "environments.dev.placementGroups",
    });
    expect(Object.keys(groups)).toEqual(["line", "historian"]);
    const json = synthJson(stack);
    // spread_level "host" exists only on Outposts (EC2 API, PlacementGroup.SpreadLevel).
    expect(
      resourcesOf(json, "aws_placement_group")["placement-group-line_placement-group"],
    ).toMatchObject({
      strategy: "spread",
      spread_level: "host",
    });
    expect(
      resourcesOf(json, "aws_placement_group")["placement-group-historian_placement-group"],
    ).toMatchObject({
      spread_level: "rack",
    });
  });

  it("without the Outpost, a host-level group is an error at the group's path", () => {
    const stack = testStack({ site: "outpost-factory" });
    const err = configError(() =>
      spreadPlacementGroups(stack, { groups: { line: { spreadLevel: "host" } } }),
    );
    expect(err.code).toBe("EDGE_PLACEMENT_HOST_SPREAD");
    expect(err.path).toBe("placementGroups.line.spreadLevel");
  });
});

describe("outpostNetworkIds and outpostEdgeSubnets", () => {
  it("give the ids an Outpost site publishes and its hosts' placements", () => {
    const { stack, outpost, network } = build();
    const groups = spreadPlacementGroups(stack, { groups: { line: {} }, outpost });
    new TerraformOutput(stack, "ids", { value: outpostNetworkIds(outpost, network, groups) });
    const placements = outpostEdgeSubnets(outpost, network, ["line"]);
    new TerraformOutput(stack, "placements", { value: placements });
    const output = synthJson(stack).output!;
    const ids = output.ids.value;
    expect(ids).toMatchObject({
      outpostArn: ARN,
      outpostAvailabilityZone: "us-east-1a",
      routingMode: "coip",
      subnetIds: { line: "${aws_subnet.factory-network_subnet-line.id}" },
      subnetCidrs: { line: "10.10.80.0/24" },
      routeTableIds: { line: "${aws_route_table.factory-network_route-table-line.id}" },
      localGatewayRouteTableId: LGW_RTB,
      customerOwnedIpv4Pool: POOL,
      instanceTypes: ["m5.xlarge"],
      placementGroupNames: { line: expect.stringContaining("outpost-factory-dev") },
    });
    expect(output.placements.value).toEqual([
      {
        subnetId: "${aws_subnet.factory-network_subnet-line.id}",
        zone: "us-east-1a",
        outpostArn: ARN,
      },
    ]);
  });
});
