import { TerraformOutput } from "cdktf";
import { synthJson, testStack } from "@edge/core/testing";
import { RegionVpc, regionVpcNetworkIds, type RegionVpcProps } from "../src";

function idsOf(props: Partial<RegionVpcProps> = {}) {
  const stack = testStack({ site: "region-hub" });
  const vpc = new RegionVpc(stack, "hub", {
    cidrBlock: "10.10.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    ...props,
  });
  new TerraformOutput(stack, "ids", { value: regionVpcNetworkIds(vpc) });
  return synthJson(stack).output!.ids.value;
}

describe("regionVpcNetworkIds", () => {
  it("gives the ids a hub publishes, keyed by AZ, as references to the resources", () => {
    const ids = idsOf({ s3GatewayEndpoint: true, instanceConnectEndpoint: true });
    expect(Object.keys(ids).sort()).toEqual([
      "instanceConnectSecurityGroupId",
      "internetGatewayId",
      "natGatewayIds",
      "privateRouteTableIds",
      "privateSubnetIds",
      "publicRouteTableId",
      "publicSubnetIds",
      "s3GatewayEndpointId",
      "vpcCidr",
      "vpcId",
    ]);
    expect(ids.vpcId).toBe("${aws_vpc.hub_vpc.id}");
    expect(ids.vpcCidr).toBe("${aws_vpc.hub_vpc.cidr_block}");
    expect(ids.publicSubnetIds).toEqual({
      "us-east-1a": "${aws_subnet.hub_public-subnet-us-east-1a.id}",
      "us-east-1b": "${aws_subnet.hub_public-subnet-us-east-1b.id}",
    });
    // A development environment gets a single NAT gateway, in the first AZ (RegionVpc's default).
    expect(Object.keys(ids.natGatewayIds)).toEqual(["us-east-1a"]);
    expect(ids.s3GatewayEndpointId).toMatch(/^\$\{aws_vpc_endpoint\.hub_/);
    expect(ids.instanceConnectSecurityGroupId).toMatch(/^\$\{aws_security_group\.hub_/);
  });

  it('publishes "" for the endpoints the VPC does not have (an output exists in every environment)', () => {
    const ids = idsOf({ s3GatewayEndpoint: false, instanceConnectEndpoint: false });
    expect(ids.s3GatewayEndpointId).toBe("");
    expect(ids.instanceConnectSecurityGroupId).toBe("");
  });
});
