import { Instance } from "@cdktf/provider-aws/lib/instance";
import { checkStackPaths, declareNeeds, placeholder } from "@edge/core";
import { configError, configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { LocalGatewayAssociation, Outpost, OutpostSubnets, type OutpostSubnetsProps } from "../src";
import { expectConfigError } from "./expect-error";

const ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";
const OTHER_ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60009";
const POOL = "ipv4pool-coip-0a1b2c3d4e5f60001";
const LGW_RTB = "lgw-rtb-0a1b2c3d4e5f60001";

type Props = Omit<OutpostSubnetsProps, "outpost">;
const coip: Props = {
  vpc: { vpcId: "vpc-0123456789abcdef0", cidrBlock: "10.10.0.0/16" },
  subnetBlock: "10.10.80.0/20",
  subnets: [{ name: "line" }, { name: "historian", prefixLength: 26 }],
  routingMode: "coip",
  onPremisesCidrs: ["192.168.0.0/16"],
  configPath: "network",
};
const dvr: Props = { ...coip, routingMode: "direct-vpc-routing" };

function build(props: Partial<Props> = {}, base: Props = coip) {
  const stack = testStack({ site: "outpost-factory" });
  const outpost = new Outpost(stack, "factory", {
    arn: ARN,
    availabilityZone: "us-east-1a",
    instanceTypes: ["m5.xlarge"],
  });
  const subnets = new OutpostSubnets(stack, "net", { ...base, ...props, outpost });
  return { stack, subnets };
}
const synth = (props: Partial<Props> = {}, base: Props = coip) =>
  synthJson(build(props, base).stack);

const LGW_ID =
  "${data.aws_ec2_local_gateway_route_table.net_local-gateway_route-table.local_gateway_id}";
const LGW_RTB_ID =
  "${data.aws_ec2_local_gateway_route_table.net_local-gateway_route-table.local_gateway_route_table_id}";
const ASSOCIATION =
  "aws_ec2_local_gateway_route_table_vpc_association.net_local-gateway_vpc-association";

describe("OutpostSubnets in CoIP mode", () => {
  const json = synth();
  const subnets = resourcesOf(json, "aws_subnet");

  it("puts every subnet on the Outpost, in the Outpost's availability zone, with CIDRs from the block", () => {
    expect(Object.keys(subnets).sort()).toEqual(["net_subnet-historian", "net_subnet-line"]);
    expect(subnets["net_subnet-line"]).toMatchObject({
      vpc_id: "vpc-0123456789abcdef0",
      outpost_arn: ARN,
      availability_zone: "us-east-1a",
      cidr_block: "10.10.80.0/24",
      map_public_ip_on_launch: false,
      tags: { Name: "outpost-factory-dev-net-line", tier: "outpost" },
    });
    expect(subnets["net_subnet-historian"]).toMatchObject({
      outpost_arn: ARN,
      availability_zone: "us-east-1a",
      cidr_block: "10.10.81.0/26",
    });
  });

  it("gives the subnets the CoIP pool of the local gateway route table and CoIPs at launch", () => {
    expect(json.data?.aws_ec2_coip_pool).toEqual({
      "net_coip-pool": { local_gateway_route_table_id: LGW_RTB_ID },
    });
    for (const subnet of Object.values(subnets)) {
      expect(subnet.customer_owned_ipv4_pool).toBe(
        "${data.aws_ec2_coip_pool.net_coip-pool.pool_id}",
      );
      expect(subnet.map_customer_owned_ip_on_launch).toBe(true);
    }
  });

  it("gives each subnet a route table of its own", () => {
    const tables = resourcesOf(json, "aws_route_table");
    expect(tables).toEqual({
      "net_route-table-line": {
        vpc_id: "vpc-0123456789abcdef0",
        tags: { Name: "outpost-factory-dev-net-line" },
      },
      "net_route-table-historian": {
        vpc_id: "vpc-0123456789abcdef0",
        tags: { Name: "outpost-factory-dev-net-historian" },
      },
    });
    expect(resourcesOf(json, "aws_route_table_association")).toEqual({
      "net_route-table-association-line": {
        subnet_id: "${aws_subnet.net_subnet-line.id}",
        route_table_id: "${aws_route_table.net_route-table-line.id}",
      },
      "net_route-table-association-historian": {
        subnet_id: "${aws_subnet.net_subnet-historian.id}",
        route_table_id: "${aws_route_table.net_route-table-historian.id}",
      },
    });
  });

  it("associates the VPC with the Outpost's local gateway route table, looked up by Outpost ARN", () => {
    expect(json.data?.aws_ec2_local_gateway_route_table).toEqual({
      "net_local-gateway_route-table": { outpost_arn: ARN },
    });
    expect(resourcesOf(json, "aws_ec2_local_gateway_route_table_vpc_association")).toEqual({
      "net_local-gateway_vpc-association": {
        local_gateway_route_table_id: LGW_RTB_ID,
        vpc_id: "vpc-0123456789abcdef0",
        tags: { Name: "outpost-factory-dev-local-gateway" },
      },
    });
  });

  it("routes the on-premises CIDRs to the local gateway only after the association", () => {
    expect(resourcesOf(json, "aws_route")).toEqual({
      "net_local-gateway-route-line-192-168-0-0-16": {
        route_table_id: "${aws_route_table.net_route-table-line.id}",
        destination_cidr_block: "192.168.0.0/16",
        local_gateway_id: LGW_ID,
        depends_on: [ASSOCIATION],
      },
      "net_local-gateway-route-historian-192-168-0-0-16": {
        route_table_id: "${aws_route_table.net_route-table-historian.id}",
        destination_cidr_block: "192.168.0.0/16",
        local_gateway_id: LGW_ID,
        depends_on: [ASSOCIATION],
      },
    });
  });

  it("checks at plan time that the Outpost is where the subnets are", () => {
    for (const subnet of Object.values(subnets)) {
      expect(subnet.lifecycle.precondition).toEqual([
        {
          condition:
            '${(data.aws_outposts_outpost.factory_outpost.availability_zone == "us-east-1a")}',
          error_message:
            "Outpost op-0f1e2d3c4b5a60001 is not homed to us-east-1a; resources placed on it must be in its availability zone.",
        },
      ]);
    }
  });
});

describe("OutpostSubnets options", () => {
  it("uses a configured pool and route table id without looking them up by Outpost alone", () => {
    const json = synth({ customerOwnedIpv4Pool: POOL, localGatewayRouteTableId: LGW_RTB });
    expect(json.data?.aws_ec2_coip_pool).toBeUndefined();
    // The lookup stays, filtered by both: it yields local_gateway_id and proves the table is the Outpost's.
    expect(json.data?.aws_ec2_local_gateway_route_table).toEqual({
      "net_local-gateway_route-table": { outpost_arn: ARN, local_gateway_route_table_id: LGW_RTB },
    });
    expect(
      resourcesOf(json, "aws_ec2_local_gateway_route_table_vpc_association")[
        "net_local-gateway_vpc-association"
      ].local_gateway_route_table_id,
    ).toBe(LGW_RTB);
    expect(resourcesOf(json, "aws_subnet")["net_subnet-line"].customer_owned_ipv4_pool).toBe(POOL);
  });

  it("lets a subnet skip CoIPs at launch", () => {
    const json = synth({
      subnets: [{ name: "line" }, { name: "vision", mapCustomerOwnedIpOnLaunch: false }],
    });
    expect(
      resourcesOf(json, "aws_subnet")["net_subnet-vision"].map_customer_owned_ip_on_launch,
    ).toBe(false);
    expect(resourcesOf(json, "aws_subnet")["net_subnet-line"].map_customer_owned_ip_on_launch).toBe(
      true,
    );
  });

  it("adds a default route to the local gateway on request", () => {
    const json = synth({ defaultRouteToLocalGateway: true, subnets: [{ name: "line" }] });
    expect(resourcesOf(json, "aws_route")["net_local-gateway-route-line-default"]).toEqual({
      route_table_id: "${aws_route_table.net_route-table-line.id}",
      destination_cidr_block: "0.0.0.0/0",
      local_gateway_id: LGW_ID,
      depends_on: [ASSOCIATION],
    });
  });

  // Region targets of an Outpost subnet's table are reached over the service link (Outposts
  // server UG, service links: "Traffic between the Outpost and any associated VPCs"), and a
  // gateway endpoint serves the route tables it is on (Amazon VPC UG, gateway endpoints).
  it("routes 0.0.0.0/0 to the Region NAT gateway and associates the S3 gateway endpoint with every table", () => {
    const { stack } = build({
      regionEgress: { natGatewayId: "nat-0123456789abcdef0" },
      s3GatewayEndpointId: "vpce-0123456789abcdef0",
    });
    const json = synthJson(stack);
    expect(resourcesOf(json, "aws_route")["net_region-default-route-line"]).toEqual({
      route_table_id: "${aws_route_table.net_route-table-line.id}",
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "nat-0123456789abcdef0",
    });
    const associations = resourcesOf(json, "aws_vpc_endpoint_route_table_association");
    expect(Object.keys(associations).sort()).toEqual(["net_s3-gateway-endpoint-historian", "net_s3-gateway-endpoint-line"]);
    expect(associations["net_s3-gateway-endpoint-line"]).toEqual({
      route_table_id: "${aws_route_table.net_route-table-line.id}",
      vpc_endpoint_id: "vpce-0123456789abcdef0",
    });
    // The endpoint is the hub's: the association names its service for the synth path check.
    // (Testing.synth drops `//` metadata; the stack's own rendering, which synth writes, keeps it.)
    const written = stack.toTerraform() as { resource: Record<string, Record<string, { "//": { edge_paths: unknown } }>> };
    expect(written.resource.aws_vpc_endpoint_route_table_association["net_s3-gateway-endpoint-line"]["//"].edge_paths).toEqual({ service: "s3" });
  });

  it("adds no Region route by default", () => {
    const routes = Object.values(resourcesOf(synth(), "aws_route")) as { destination_cidr_block: string }[];
    expect(routes.map((r) => r.destination_cidr_block)).toEqual(["192.168.0.0/16", "192.168.0.0/16"]);
  });

  it("shares one association between two sets of subnets", () => {
    const stack = testStack({ site: "outpost-factory" });
    const outpost = new Outpost(stack, "factory", {
      arn: ARN,
      availabilityZone: "us-east-1a",
      instanceTypes: ["m5.xlarge"],
    });
    const localGateway = new LocalGatewayAssociation(stack, "lgw", { vpc: coip.vpc, outpost });
    new OutpostSubnets(stack, "a", { ...coip, outpost, localGateway, subnets: [{ name: "one" }] });
    new OutpostSubnets(stack, "b", {
      ...coip,
      outpost,
      localGateway,
      subnetBlock: "10.10.88.0/21",
      subnets: [{ name: "two" }],
    });
    const json = synthJson(stack);
    expect(
      Object.keys(resourcesOf(json, "aws_ec2_local_gateway_route_table_vpc_association")),
    ).toEqual(["lgw_vpc-association"]);
    expect(
      resourcesOf(json, "aws_route")["b_local-gateway-route-two-192-168-0-0-16"].depends_on,
    ).toEqual(["aws_ec2_local_gateway_route_table_vpc_association.lgw_vpc-association"]);
  });
});

describe("OutpostSubnets in direct VPC routing mode", () => {
  const json = synth({}, dvr);

  it("gives the subnets no CoIP pool and looks none up", () => {
    expect(json.data?.aws_ec2_coip_pool).toBeUndefined();
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(subnet).not.toHaveProperty("customer_owned_ipv4_pool");
      expect(subnet).not.toHaveProperty("map_customer_owned_ip_on_launch");
      expect(subnet.outpost_arn).toBe(ARN);
    }
  });

  it("still routes to the local gateway after the association, so the subnets are advertised", () => {
    const routes = Object.values(resourcesOf(json, "aws_route"));
    expect(routes).toHaveLength(2);
    for (const route of routes) {
      expect(route).toMatchObject({ local_gateway_id: LGW_ID, depends_on: [ASSOCIATION] });
    }
  });
});

describe("OutpostSubnets rules", () => {
  const fail = (props: Partial<Props>, base: Props = coip) => configError(() => build(props, base));

  it("rejects two default routes: the local gateway and the Region NAT gateway", () => {
    expectConfigError(
      fail({ defaultRouteToLocalGateway: true, regionEgress: { natGatewayId: "nat-0123456789abcdef0" } }),
      "EDGE_OUTPOST_EGRESS_TWICE",
      "EDGE_OUTPOST_EGRESS_TWICE at network.defaultRouteToLocalGateway: the subnets get two default routes: to the local gateway and to the region's nat gateway (got true); fix: leave defaultRouteToLocalGateway out when the region nat gateway is the egress, or give no regionEgress when the on-premises network is",
    );
  });

  it("rejects a CoIP pool in direct VPC routing mode", () => {
    expectConfigError(
      fail({ customerOwnedIpv4Pool: POOL }, dvr),
      "EDGE_OUTPOST_DVR_COIP",
      'EDGE_OUTPOST_DVR_COIP at network.customerOwnedIpv4Pool: direct VPC routing has no customer-owned IP pool: the subnets\' VPC addresses are advertised to the customer network as they are (got "ipv4pool-coip-0a1b2c3d4e5f60001"); fix: remove customerOwnedIpv4Pool, or set routingMode to "coip"',
    );
  });

  it("rejects CoIPs at launch without a CoIP pool (map_customer_owned_ip_on_launch needs both)", () => {
    expectConfigError(
      fail({ mapCustomerOwnedIpOnLaunch: true }, dvr),
      "EDGE_OUTPOST_COIP_MAP",
      "EDGE_OUTPOST_COIP_MAP at network.mapCustomerOwnedIpOnLaunch: map_customer_owned_ip_on_launch = true requires customer_owned_ipv4_pool and outpost_arn, and customer_owned_ipv4_pool is not set (got true); fix: use the CoIP routing mode with a pool, or set mapCustomerOwnedIpOnLaunch to false",
    );
  });

  it("rejects a subnet that names another Outpost", () => {
    expectConfigError(
      fail({ subnets: [{ name: "line", outpostArn: OTHER_ARN }] }),
      "EDGE_OUTPOST_SUBNET_OUTPOST",
      `EDGE_OUTPOST_SUBNET_OUTPOST at network.subnets[0].outpostArn: the subnet names Outpost op-0f1e2d3c4b5a60009, but these subnets are on op-0f1e2d3c4b5a60001, and a subnet lives on exactly one Outpost (got "${OTHER_ARN}"); fix: move the subnet to the config of Outpost op-0f1e2d3c4b5a60009, or remove outpostArn`,
    );
  });

  it("rejects a malformed Outpost ARN on a subnet", () => {
    expectConfigError(
      fail({ subnets: [{ name: "line", outpostArn: "op-0f1e2d3c4b5a60009" }] }),
      "EDGE_OUTPOST_ARN",
      'EDGE_OUTPOST_ARN at network.subnets[0].outpostArn: not an Outpost ARN (got "op-0f1e2d3c4b5a60009"); fix: use arn:aws:outposts:us-east-1:<account>:outpost/op-<17 hex digits>',
    );
  });

  it("rejects a subnet outside the Outpost's availability zone", () => {
    expectConfigError(
      fail({ subnets: [{ name: "line", availabilityZone: "us-east-1b" }] }),
      "EDGE_OUTPOST_SUBNET_AZ",
      'EDGE_OUTPOST_SUBNET_AZ at network.subnets[0].availabilityZone: the Outpost is homed to us-east-1a, and its subnets must be in that availability zone (got "us-east-1b"); fix: use "us-east-1a", or put a subnet for us-east-1b in the Region VPC instead',
    );
  });

  it("rejects an on-premises CIDR that overlaps the VPC", () => {
    expectConfigError(
      fail({ onPremisesCidrs: ["192.168.0.0/16", "10.10.128.0/17"] }),
      "EDGE_OUTPOST_ONPREM_OVERLAP",
      'EDGE_OUTPOST_ONPREM_OVERLAP at network.onPremisesCidrs[1]: on-premises 10.10.128.0/17 overlaps the VPC 10.10.0.0/16: the VPC\'s local route keeps that traffic inside the VPC (got "10.10.128.0/17"); fix: renumber the on-premises network or remove it; it must not overlap 10.10.0.0/16',
    );
  });

  it("points a 0.0.0.0/0 on-premises CIDR to the default-route option", () => {
    expectConfigError(
      fail({ onPremisesCidrs: ["0.0.0.0/0"] }),
      "EDGE_OUTPOST_ONPREM_OVERLAP",
      'EDGE_OUTPOST_ONPREM_OVERLAP at network.onPremisesCidrs[0]: on-premises 0.0.0.0/0 overlaps the VPC 10.10.0.0/16: the VPC\'s local route keeps that traffic inside the VPC (got "0.0.0.0/0"); fix: remove it and set defaultRouteToLocalGateway to route 0.0.0.0/0 to the local gateway',
    );
  });

  it("rejects an on-premises CIDR listed twice", () => {
    expectConfigError(
      fail({ onPremisesCidrs: ["192.168.0.0/16", "192.168.0.0/16"] }),
      "EDGE_OUTPOST_ONPREM_DUPLICATE",
      'EDGE_OUTPOST_ONPREM_DUPLICATE at network.onPremisesCidrs[1]: 192.168.0.0/16 is already listed at network.onPremisesCidrs[0] (got "192.168.0.0/16"); fix: list each on-premises CIDR once',
    );
  });

  it("rejects direct VPC routing with no route to the local gateway", () => {
    expectConfigError(
      fail({ onPremisesCidrs: [] }, dvr),
      "EDGE_OUTPOST_DVR_ROUTE",
      "EDGE_OUTPOST_DVR_ROUTE at network.onPremisesCidrs: with direct VPC routing, only subnets with a route to the local gateway are advertised over BGP, and no route is configured (got []); fix: list the on-premises CIDRs the Outpost subnets talk to, or set defaultRouteToLocalGateway",
    );
  });

  it("rejects a subnet block outside the VPC", () => {
    expectConfigError(
      fail({ subnetBlock: "10.11.0.0/20" }),
      "EDGE_CIDR_OUTSIDE_VPC",
      'EDGE_CIDR_OUTSIDE_VPC at network.subnetBlock: 10.11.0.0/20 is not inside the VPC CIDR 10.10.0.0/16 (got "10.11.0.0/20"); fix: choose a block inside 10.10.0.0/16',
    );
  });

  it("rejects subnets that do not fit the block", () => {
    const subnets = [
      { name: "a", prefixLength: 21 },
      { name: "b", prefixLength: 21 },
      { name: "c", prefixLength: 21 },
    ];
    expectConfigError(
      fail({ subnets }),
      "EDGE_CIDR_TOO_SMALL",
      'EDGE_CIDR_TOO_SMALL at network.subnetBlock: 10.10.80.0/20 has 4096 addresses but 3 x /21 need 6144 (got "10.10.80.0/20"); fix: use a /19 or larger block, or smaller subnets',
    );
  });

  it("rejects a subnet larger than the block or smaller than /28", () => {
    expect(
      configErrors(() =>
        build({
          subnets: [
            { name: "line", prefixLength: 19 },
            { name: "tiny", prefixLength: 29 },
          ],
        }),
      ).map((e) => e.message),
    ).toEqual([
      "EDGE_CIDR_SUBNET_PREFIX at network.subnets[0].prefixLength: a subnet carved from 10.10.80.0/20 is /20 to /28 (AWS subnets are /16 to /28) (got 19); fix: use a prefix length between /20 and /28",
      "EDGE_CIDR_SUBNET_PREFIX at network.subnets[1].prefixLength: a subnet carved from 10.10.80.0/20 is /20 to /28 (AWS subnets are /16 to /28) (got 29); fix: use a prefix length between /20 and /28",
    ]);
  });

  it("rejects a repeated or malformed subnet name", () => {
    expect(
      configErrors(() =>
        build({ subnets: [{ name: "line" }, { name: "line" }, { name: "Line_2" }] }),
      ).map((e) => e.message),
    ).toEqual([
      'EDGE_OUTPOST_SUBNET_NAME at network.subnets[1].name: line is already the name of network.subnets[0] (got "line"); fix: give each subnet its own name',
      'EDGE_OUTPOST_SUBNET_NAME at network.subnets[2].name: not a valid subnet name (got "Line_2"); fix: use lowercase letters, digits and dashes, starting with a letter, at most 31 characters',
    ]);
  });

  it("rejects an empty subnet list", () => {
    expectConfigError(
      fail({ subnets: [] }),
      "EDGE_OUTPOST_SUBNET_COUNT",
      'EDGE_OUTPOST_SUBNET_COUNT at network.subnets: at least one Outpost subnet is required (got []); fix: list the subnets, e.g. [{ name: "app", prefixLength: 24 }]',
    );
  });

  it("rejects a malformed local gateway route table id and CoIP pool id", () => {
    expect(
      configErrors(() =>
        build({
          localGatewayRouteTableId: "rtb-0a1b2c3d4e5f60001",
          customerOwnedIpv4Pool: "coip-1",
        }),
      ).map((e) => e.message),
    ).toEqual([
      'EDGE_OUTPOST_COIP_POOL_ID at network.customerOwnedIpv4Pool: not a customer-owned IPv4 pool id (got "coip-1"); fix: use the ipv4pool-coip-… id of the pool on the Outpost\'s local gateway route table, or leave it out to look it up',
      'EDGE_OUTPOST_LGW_ROUTE_TABLE_ID at network.localGatewayRouteTableId: not a local gateway route table id (got "rtb-0a1b2c3d4e5f60001"); fix: use the lgw-rtb-… id of the Outpost\'s local gateway route table, or leave it out to look it up by Outpost ARN',
    ]);
  });

  it("takes typed placeholders for the ids (refused at deploy, not at synth)", () => {
    const json = synth({
      localGatewayRouteTableId: placeholder("local gateway route table id"),
      customerOwnedIpv4Pool: placeholder("customer-owned IPv4 pool id"),
    });
    expect(
      json.data?.aws_ec2_local_gateway_route_table["net_local-gateway_route-table"]
        .local_gateway_route_table_id,
    ).toBe("PLACEHOLDER(local gateway route table id)");
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet")))
      expect(subnet.customer_owned_ipv4_pool).toBe("PLACEHOLDER(customer-owned IPv4 pool id)");
  });

  it("rejects an unknown routing mode", () => {
    expectConfigError(
      fail({ routingMode: "bgp" as never }),
      "EDGE_CONFIG_VALUE",
      'EDGE_CONFIG_VALUE at network.routingMode: not one of the allowed values (got "bgp"); fix: use "coip" or "direct-vpc-routing"',
    );
  });

  it("reports every problem at once and creates nothing", () => {
    const stack = testStack({ site: "outpost-factory" });
    const outpost = new Outpost(stack, "factory", {
      arn: ARN,
      availabilityZone: "us-east-1a",
      instanceTypes: ["m5.xlarge"],
    });
    const errors = configErrors(
      () =>
        new OutpostSubnets(stack, "net", {
          ...dvr,
          outpost,
          customerOwnedIpv4Pool: POOL,
          subnets: [{ name: "line", availabilityZone: "us-east-1c", outpostArn: OTHER_ARN }],
          onPremisesCidrs: ["10.10.0.0/24"],
        }),
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "EDGE_OUTPOST_DVR_COIP network.customerOwnedIpv4Pool",
      "EDGE_OUTPOST_SUBNET_OUTPOST network.subnets[0].outpostArn",
      "EDGE_OUTPOST_ONPREM_OVERLAP network.onPremisesCidrs[0]",
      "EDGE_OUTPOST_SUBNET_AZ network.subnets[0].availabilityZone",
    ]);
    expect(stack.node.tryFindChild("net")?.node.children).toEqual([]);
  });
});

describe("OutpostSubnets and the synth paths check", () => {
  // Hosts on the Outpost that call CloudWatch need a Region path over the service link.
  function hostsCallingCloudWatch(props: Partial<Props>) {
    const { stack, subnets } = build(props);
    const hosts = new Instance(stack, "host", { ami: "ami-0123456789abcdef0", instanceType: "m5.xlarge", subnetId: subnets.subnets.line.id });
    declareNeeds(hosts, { clients: [{ onPremises: ["192.168.0.0/16"] }], calls: [{ service: "monitoring" }] });
    synthJson(stack);
    return checkStackPaths(stack).report;
  }

  it("fails an Outpost host without a Region path (EDGE_PATH_OUTPOST_REGION)", () => {
    expect(hostsCallingCloudWatch({}).missing.map((m) => [m.code, m.subnet, m.routeTable])).toEqual([
      ["EDGE_PATH_OUTPOST_REGION", "aws_subnet.net_subnet-line", "aws_route_table.net_route-table-line"],
    ]);
  });

  it("proves the host's calls through regionEgress and its clients through the local gateway", () => {
    const report = hostsCallingCloudWatch({ regionEgress: { natGatewayId: "nat-0123456789abcdef0" } });
    expect(report.missing).toEqual([]);
    expect(report.paths.map((p) => p.carriedBy)).toEqual([
      ["aws_route.net_local-gateway-route-line-192-168-0-0-16"],
      ["aws_route.net_region-default-route-line"],
    ]);
  });
});

