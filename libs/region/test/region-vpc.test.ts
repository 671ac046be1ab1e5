import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { RegionVpc, type RegionVpcProps } from "../src";

const base: RegionVpcProps = {
  cidrBlock: "10.10.0.0/16",
  availabilityZones: ["us-east-1a", "us-east-1b"],
};

function synthVpc(props: Partial<RegionVpcProps> = {}, env = "dev") {
  const stack = testStack({ site: "region-hub", env });
  new RegionVpc(stack, "hub", { ...base, ...props });
  return synthJson(stack);
}

describe("RegionVpc resources", () => {
  const json = synthVpc();

  it("creates the VPC with DNS support and hostnames", () => {
    expect(resourcesOf(json, "aws_vpc")["hub_vpc"]).toMatchObject({
      cidr_block: "10.10.0.0/16",
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  it("places public and private subnets in every AZ without public IPs at launch", () => {
    const subnets = resourcesOf(json, "aws_subnet");
    expect(subnets["hub_public-subnet-us-east-1a"]).toMatchObject({
      availability_zone: "us-east-1a",
      cidr_block: "10.10.8.0/24",
      map_public_ip_on_launch: false,
    });
    expect(subnets["hub_private-subnet-us-east-1b"]).toMatchObject({
      availability_zone: "us-east-1b",
      cidr_block: "10.10.4.0/22",
      map_public_ip_on_launch: false,
    });
    expect(Object.keys(subnets)).toHaveLength(4);
  });
});

describe("RegionVpc bad input", () => {
  it("rejects a Local Zone given as an availability zone", () => {
    const err = configError(() => synthVpc({ availabilityZones: ["us-east-1a", "us-east-1-bos-1a"] }));
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at vpc.availabilityZones[1]: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });
});
