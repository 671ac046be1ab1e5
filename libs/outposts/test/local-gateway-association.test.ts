import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { LocalGatewayAssociation, Outpost } from "../src";
import { expectConfigError } from "./expect-error";

const ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";

function build(localGatewayRouteTableId?: string) {
  const stack = testStack({ site: "outpost-factory" });
  const outpost = new Outpost(stack, "factory", {
    arn: ARN,
    availabilityZone: "us-east-1a",
    instanceTypes: ["m5.xlarge"],
  });
  const lgw = new LocalGatewayAssociation(stack, "lgw", {
    vpc: { vpcId: "vpc-0123456789abcdef0", cidrBlock: "10.10.0.0/16" },
    outpost,
    localGatewayRouteTableId,
  });
  return { stack, lgw };
}

describe("LocalGatewayAssociation", () => {
  it("associates the VPC with the looked-up route table and exposes the local gateway", () => {
    const { stack } = build();
    const json = synthJson(stack);
    expect(json.data?.aws_ec2_local_gateway_route_table).toEqual({
      "lgw_route-table": { outpost_arn: ARN },
    });
    expect(resourcesOf(json, "aws_ec2_local_gateway_route_table_vpc_association")).toEqual({
      "lgw_vpc-association": {
        local_gateway_route_table_id:
          "${data.aws_ec2_local_gateway_route_table.lgw_route-table.local_gateway_route_table_id}",
        vpc_id: "vpc-0123456789abcdef0",
        tags: { Name: "outpost-factory-dev-lgw" },
      },
    });
  });

  it("uses a configured route table id as given", () => {
    const { stack, lgw } = build("lgw-rtb-0a1b2c3d4e5f60001");
    expect(lgw.localGatewayRouteTableId).toBe("lgw-rtb-0a1b2c3d4e5f60001");
    expect(
      resourcesOf(synthJson(stack), "aws_ec2_local_gateway_route_table_vpc_association")[
        "lgw_vpc-association"
      ].local_gateway_route_table_id,
    ).toBe("lgw-rtb-0a1b2c3d4e5f60001");
  });

  it("rejects an id that is not a local gateway route table's", () => {
    expectConfigError(
      configError(() => build("lgw-0a1b2c3d4e5f60001")),
      "EDGE_OUTPOST_LGW_ROUTE_TABLE_ID",
      'EDGE_OUTPOST_LGW_ROUTE_TABLE_ID at localGateway.localGatewayRouteTableId: not a local gateway route table id (got "lgw-0a1b2c3d4e5f60001"); fix: use the lgw-rtb-… id of the Outpost\'s local gateway route table, or leave it out to look it up by Outpost ARN',
    );
  });
});
