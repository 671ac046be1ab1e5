import { checkOutpostSubnetAttributes, type SubnetOutpostAttributes } from "../src";

const ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";
const paths = {
  outpostArn: "subnet.outpostArn",
  availabilityZone: "subnet.availabilityZone",
  customerOwnedIpv4Pool: "subnet.customerOwnedIpv4Pool",
  mapCustomerOwnedIpOnLaunch: "subnet.mapCustomerOwnedIpOnLaunch",
};
const check = (attrs: SubnetOutpostAttributes) =>
  checkOutpostSubnetAttributes(attrs, { outpostAvailabilityZone: "us-east-1a", paths }).map((e) => [
    e.code,
    e.message,
  ]);

describe("checkOutpostSubnetAttributes", () => {
  it("accepts a CoIP subnet on its Outpost", () => {
    expect(
      check({
        outpostArn: ARN,
        availabilityZone: "us-east-1a",
        customerOwnedIpv4Pool: "ipv4pool-coip-0123456789abcdef0",
        mapCustomerOwnedIpOnLaunch: true,
      }),
    ).toEqual([]);
  });

  it("accepts a Region subnet with none of the Outpost arguments", () => {
    expect(check({ availabilityZone: "us-east-1b" })).toEqual([]);
  });

  it("rejects customer_owned_ipv4_pool without outpost_arn", () => {
    expect(
      check({
        availabilityZone: "us-east-1a",
        customerOwnedIpv4Pool: "ipv4pool-coip-0123456789abcdef0",
      }),
    ).toEqual([
      [
        "EDGE_OUTPOST_COIP_NEEDS_ARN",
        'EDGE_OUTPOST_COIP_NEEDS_ARN at subnet.customerOwnedIpv4Pool: customer_owned_ipv4_pool requires outpost_arn: customer-owned IPs exist only on an Outpost (got "ipv4pool-coip-0123456789abcdef0"); fix: set outpostArn to the Outpost whose local gateway owns the pool, or remove the pool',
      ],
    ]);
  });

  it("rejects map_customer_owned_ip_on_launch without a pool", () => {
    expect(
      check({ outpostArn: ARN, availabilityZone: "us-east-1a", mapCustomerOwnedIpOnLaunch: true }),
    ).toEqual([
      [
        "EDGE_OUTPOST_COIP_MAP",
        "EDGE_OUTPOST_COIP_MAP at subnet.mapCustomerOwnedIpOnLaunch: map_customer_owned_ip_on_launch = true requires customer_owned_ipv4_pool and outpost_arn, and customer_owned_ipv4_pool is not set (got true); fix: use the CoIP routing mode with a pool, or set mapCustomerOwnedIpOnLaunch to false",
      ],
    ]);
  });

  it("rejects map_customer_owned_ip_on_launch with neither pool nor Outpost", () => {
    expect(check({ mapCustomerOwnedIpOnLaunch: true })).toEqual([
      [
        "EDGE_OUTPOST_COIP_MAP",
        "EDGE_OUTPOST_COIP_MAP at subnet.mapCustomerOwnedIpOnLaunch: map_customer_owned_ip_on_launch = true requires customer_owned_ipv4_pool and outpost_arn, and customer_owned_ipv4_pool and outpost_arn are not set (got true); fix: use the CoIP routing mode with a pool, or set mapCustomerOwnedIpOnLaunch to false",
      ],
    ]);
  });

  it("rejects an Outpost subnet in another availability zone", () => {
    expect(check({ outpostArn: ARN, availabilityZone: "us-east-1b" })).toEqual([
      [
        "EDGE_OUTPOST_SUBNET_AZ",
        'EDGE_OUTPOST_SUBNET_AZ at subnet.availabilityZone: the Outpost is homed to us-east-1a, and its subnets must be in that availability zone (got "us-east-1b"); fix: use "us-east-1a", or put a subnet for us-east-1b in the Region VPC instead',
      ],
    ]);
  });

  it("rejects an Outpost subnet with no availability zone", () => {
    expect(check({ outpostArn: ARN })).toEqual([
      [
        "EDGE_OUTPOST_SUBNET_AZ",
        'EDGE_OUTPOST_SUBNET_AZ at subnet.availabilityZone: a subnet with an outpost_arn needs the availability zone of its Outpost (got nothing); fix: set availabilityZone to "us-east-1a"',
      ],
    ]);
  });

  it("allows mapCustomerOwnedIpOnLaunch false without a pool", () => {
    expect(
      check({ outpostArn: ARN, availabilityZone: "us-east-1a", mapCustomerOwnedIpOnLaunch: false }),
    ).toEqual([]);
  });
});
