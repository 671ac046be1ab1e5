import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route, type RouteConfig } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointRouteTableAssociation } from "@cdktf/provider-aws/lib/vpc-endpoint-route-table-association";
import { Construct } from "constructs";
import { checkStackPaths, declareNeeds, networkModelOf, PATH_SOURCES, type EdgeStack, type WorkloadNeeds } from "../src";
import { synthJson, testStack } from "../src/testing";

// Zone names follow the patterns of the zone parser: us-east-1a (AZ), us-east-1-bos-1a (Local
// Zone), us-east-1-wl1-bos-wlz-1 (Wavelength Zone); an outpost_arn makes an Outpost subnet.
const OUTPOST_ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0123456789abcdef0";

interface Net {
  readonly stack: EdgeStack;
  readonly vpc: Vpc;
  subnet(id: string, zone: string, routes: Omit<RouteConfig, "routeTableId">[], options?: { outpost?: boolean }): { subnet: Subnet; table: RouteTable };
}

function net(): Net {
  const stack = testStack({ site: "paths-test" });
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.10.0.0/16" }); // dev's hub VPC
  let n = 0;
  return {
    stack,
    vpc,
    subnet(id, zone, routes, options = {}) {
      const subnet = new Subnet(stack, id, {
        vpcId: vpc.id,
        cidrBlock: `10.10.${64 + n++}.0/24`,
        availabilityZone: zone,
        ...(options.outpost ? { outpostArn: OUTPOST_ARN } : {}),
      });
      const table = new RouteTable(stack, `${id}-table`, { vpcId: vpc.id });
      new RouteTableAssociation(stack, `${id}-association`, { subnetId: subnet.id, routeTableId: table.id });
      routes.forEach((r, i) => new Route(stack, `${id}-route-${i}`, { ...r, routeTableId: table.id }));
      return { subnet, table };
    },
  };
}

/** Hosts (fixed instances) in `subnets`, with their needs declared on the construct holding them. */
function hosts(stack: EdgeStack, id: string, subnets: Subnet[], needs: WorkloadNeeds): Construct {
  const scope = new Construct(stack, id);
  subnets.forEach((s, i) => new Instance(scope, `host-${i}`, { ami: "ami-0123456789abcdef0", instanceType: "t3.medium", subnetId: s.id }));
  declareNeeds(scope, needs);
  return scope;
}

function check(stack: EdgeStack) {
  synthJson(stack); // aspects run, as in a synth
  return checkStackPaths(stack);
}

describe("the network model", () => {
  it("reads zone kinds, route targets and another site's outputs from the synthesized JSON", () => {
    const model = networkModelOf({
      resource: {
        aws_subnet: {
          az: { availability_zone: "us-east-1a", vpc_id: "${aws_vpc.v.id}" },
          lz: { availability_zone: "us-east-1-bos-1a", vpc_id: "${aws_vpc.v.id}" },
          wl: { availability_zone: "us-east-1-wl1-bos-wlz-1", vpc_id: "${aws_vpc.v.id}" },
          op: { availability_zone: "us-east-1a", outpost_arn: OUTPOST_ARN, vpc_id: "${aws_vpc.v.id}" },
        },
        aws_route: {
          nat: { route_table_id: "${aws_route_table.t.id}", destination_cidr_block: "0.0.0.0/0", nat_gateway_id: '${data.terraform_remote_state.region-hub-outputs.outputs.nat_gateway_ids["us-east-1a"]}' },
          lgw: { route_table_id: "${aws_route_table.t.id}", destination_cidr_block: "192.168.0.0/16", local_gateway_id: "lgw-1" },
        },
      },
    });
    expect([...model.subnets.values()].map((s) => [s.address, s.zoneKind])).toEqual([
      ["aws_subnet.az", "availability-zone"],
      ["aws_subnet.lz", "local-zone"],
      ["aws_subnet.wl", "wavelength-zone"],
      ["aws_subnet.op", "outpost"],
    ]);
    expect(model.routes.map((r) => [r.target, r.targetRef, r.remote])).toEqual([
      ["nat-gateway", 'region-hub-outputs output nat_gateway_ids["us-east-1a"]', true],
      ["local-gateway", "lgw-1", false],
    ]);
  });
});

describe("paths in availability zones", () => {
  function hub() {
    const n = net();
    const igw = new InternetGateway(n.stack, "igw", { vpcId: n.vpc.id });
    const pub = n.subnet("public", "us-east-1a", [{ destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }]);
    const nat = new NatGateway(n.stack, "nat", { subnetId: pub.subnet.id, allocationId: "eipalloc-1" });
    return { ...n, igw, pub, nat };
  }

  it("proves a call through the NAT gateway and the NAT's own internet route, and internet clients of an internet-facing load balancer", () => {
    const n = hub();
    const priv = n.subnet("private", "us-east-1a", [
      { destinationCidrBlock: "0.0.0.0/0", natGatewayId: n.nat.id },
      { destinationCidrBlock: "172.16.0.0/12", transitGatewayId: "tgw-1" },
    ]);
    hosts(n.stack, "fleet", [priv.subnet], { calls: [{ service: "monitoring" }] });
    new Lb(n.stack, "lb", { loadBalancerType: "network", internal: false, subnets: [n.pub.subnet.id] });
    const { report, failures } = check(n.stack);
    expect(failures).toEqual([]);
    expect(report.paths.map((p) => [p.workload, p.need, p.via, p.carriedBy])).toEqual([
      ["paths-test-dev/fleet", "monitoring", "public monitoring endpoint through NAT gateway aws_nat_gateway.nat", ["aws_route.private-route-0", "aws_route.public-route-0"]],
      ["paths-test-dev/nat", "internet", "internet gateway aws_internet_gateway.igw", ["aws_route.public-route-0"]],
      ["paths-test-dev/lb", "internet", "internet gateway aws_internet_gateway.igw", ["aws_route.public-route-0"]],
    ]);
    // A route that nothing needs is listed.
    expect(report.unneeded).toEqual([{ address: "aws_route.private-route-1", routeTable: "aws_route_table.private-table", route: "172.16.0.0/12 -> transit-gateway tgw-1" }]);
    expect(report.summary).toEqual({ workloads: 3, needs: 3, proven: 3, missing: 0, unneeded: 1 });
  });

  it("fails a private subnet with no default route (EDGE_PATH_EGRESS)", () => {
    const n = hub();
    const priv = n.subnet("private", "us-east-1a", []);
    hosts(n.stack, "fleet", [priv.subnet], { calls: ["internet"] });
    const { report } = check(n.stack);
    expect(report.missing).toEqual([
      expect.objectContaining({
        code: "EDGE_PATH_EGRESS",
        subnet: "aws_subnet.private",
        routeTable: "aws_route_table.private-table",
        missing: "0.0.0.0/0 -> a NAT gateway",
        problem: "the availability zone subnet has no default route out of the VPC",
        source: PATH_SOURCES.natGateway,
      }),
    ]);
  });

  it("fails internet clients of a load balancer in a subnet without an internet gateway route (EDGE_PATH_INTERNET_CLIENTS)", () => {
    // Amazon VPC UG, route-table-options: a public subnet is one routed to an internet gateway.
    const n = hub();
    const priv = n.subnet("private", "us-east-1a", [{ destinationCidrBlock: "0.0.0.0/0", natGatewayId: n.nat.id }]);
    new Lb(n.stack, "lb", { loadBalancerType: "application", internal: false, subnets: [priv.subnet.id] });
    const { report } = check(n.stack);
    expect(report.missing).toEqual([
      expect.objectContaining({
        code: "EDGE_PATH_INTERNET_CLIENTS",
        workload: "paths-test-dev/lb",
        missing: "0.0.0.0/0 -> internet gateway",
        problem: "internet clients have no path to the workload: it needs a public address in a subnet routed to an internet gateway",
      }),
    ]);
  });

  it("proves the calls of a function outside every VPC through Lambda's own network", () => {
    const stack = testStack({ site: "paths-test" });
    const fn = new LambdaFunction(stack, "updater", { functionName: "u", role: "arn:aws:iam::111111111111:role/r", handler: "index.handler", runtime: "nodejs22.x", filename: "x.zip" });
    declareNeeds(fn, { calls: [{ service: "ec2" }, { service: "route53" }] });
    const { report } = check(stack);
    expect(report.paths.map((p) => [p.need, p.via])).toEqual([
      ["ec2", "Lambda service network (the function is not attached to a VPC)"],
      ["route53", "Lambda service network (the function is not attached to a VPC)"],
    ]);
  });
});

describe("paths in Local Zones", () => {
  // Local Zone subnets follow the routing rules of AZ subnets (Amazon VPC UG, local-zone), so a
  // gateway endpoint on their route table carries their S3 traffic (Amazon VPC UG, gateway endpoints).
  it("proves S3 through a gateway endpoint associated with the Local Zone route table", () => {
    const n = net();
    const lz = n.subnet("lz", "us-east-1-bos-1a", []);
    const endpoint = new VpcEndpoint(n.stack, "s3", { vpcId: n.vpc.id, serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" });
    new VpcEndpointRouteTableAssociation(n.stack, "s3-lz", { vpcEndpointId: endpoint.id, routeTableId: lz.table.id });
    hosts(n.stack, "fleet", [lz.subnet], { calls: [{ service: "s3" }] });
    const { report, failures } = check(n.stack);
    expect(failures).toEqual([]);
    expect(report.paths.map((p) => [p.zoneKind, p.need, p.via, p.carriedBy])).toEqual([
      ["local-zone", "s3", "gateway endpoint aws_vpc_endpoint.s3", ["aws_vpc_endpoint_route_table_association.s3-lz"]],
    ]);
  });

  it("proves a service through an interface endpoint in the parent AZ", () => {
    const n = net();
    const az = n.subnet("az", "us-east-1a", []);
    const lz = n.subnet("lz", "us-east-1-bos-1a", []);
    new VpcEndpoint(n.stack, "ssm", { vpcId: n.vpc.id, serviceName: "com.amazonaws.us-east-1.ssm", vpcEndpointType: "Interface", subnetIds: [az.subnet.id], privateDnsEnabled: true });
    hosts(n.stack, "fleet", [lz.subnet], { calls: [{ service: "ssm" }] });
    const { report } = check(n.stack);
    expect(report.paths.map((p) => p.via)).toEqual(["interface endpoint aws_vpc_endpoint.ssm (VPC local route)"]);
  });

  it("fails a need that relies on an interface endpoint inside a Local Zone subnet (EDGE_PATH_LZ_INTERFACE_ENDPOINT)", () => {
    // "You cannot create VPC endpoints inside Local Zone subnets" (Amazon VPC UG, Extend_VPCs).
    const n = net();
    const lz = n.subnet("lz", "us-east-1-bos-1a", []);
    new VpcEndpoint(n.stack, "ssm", { vpcId: n.vpc.id, serviceName: "com.amazonaws.us-east-1.ssm", vpcEndpointType: "Interface", subnetIds: [lz.subnet.id], privateDnsEnabled: true });
    hosts(n.stack, "fleet", [lz.subnet], { calls: [{ service: "ssm" }] });
    const { failures } = check(n.stack);
    expect(failures).toEqual([
      [
        "paths-test-dev: error EDGE_PATH_LZ_INTERFACE_ENDPOINT at paths-test-dev/fleet",
        '  call "ssm" from aws_subnet.lz (local-zone), route table aws_route_table.lz-table: the interface endpoint aws_vpc_endpoint.ssm for ssm has a network interface in the local zone subnet aws_subnet.lz, and vpc endpoints cannot be created inside local zone subnets',
        "  missing: an interface endpoint for ssm in availability zone subnets",
        "  fix:     place the endpoint's network interfaces in availability zone subnets (the local zone's parent az); local zone subnets reach them over the vpc's local route",
        `  source:  ${PATH_SOURCES.localZoneEndpoints}`,
      ].join("\n"),
    ]);
  });
});

describe("paths in Wavelength Zones", () => {
  // How AWS Wavelength works: the carrier gateway admits the carrier network and sends traffic out
  // to the carrier network and the internet; no inbound connection from the internet.
  function carrierHosts(carrierIp: boolean, needs: WorkloadNeeds) {
    const n = net();
    const wl = n.subnet("carrier", "us-east-1-wl1-bos-wlz-1", [{ destinationCidrBlock: "0.0.0.0/0", carrierGatewayId: "cagw-0123456789abcdef0" }]);
    const fleet = new Construct(n.stack, "fleet");
    const template = new LaunchTemplate(fleet, "template", { networkInterfaces: [{ deviceIndex: 0, associateCarrierIpAddress: carrierIp ? "true" : "false" }] });
    new AutoscalingGroup(fleet, "group", { minSize: 1, maxSize: 1, vpcZoneIdentifier: [wl.subnet.id], launchTemplate: { id: template.id } });
    declareNeeds(fleet, needs);
    return check(n.stack);
  }

  it("proves carrier clients and calls through the carrier gateway for carrier-IP hosts", () => {
    const { report, failures } = carrierHosts(true, { clients: ["carrier-network"], calls: [{ service: "monitoring" }] });
    expect(failures).toEqual([]);
    expect(report.paths.map((p) => [p.direction, p.need, p.via])).toEqual([
      ["client", "carrier-network", "carrier gateway cagw-0123456789abcdef0 to the carrier IP"],
      ["call", "monitoring", "public monitoring endpoint through carrier gateway cagw-0123456789abcdef0 (from the carrier IP)"],
    ]);
  });

  it("fails a Wavelength host asked to serve internet clients (EDGE_PATH_CARRIER_INTERNET_CLIENTS)", () => {
    const { failures } = carrierHosts(true, { clients: ["internet"] });
    expect(failures).toEqual([
      [
        "paths-test-dev: error EDGE_PATH_CARRIER_INTERNET_CLIENTS at paths-test-dev/fleet",
        '  clients "internet" from aws_subnet.carrier (wavelength-zone), route table aws_route_table.carrier-table: internet clients cannot reach a wavelength zone: the carrier gateway admits only the carrier network',
        "  missing: an inbound path from the internet (a carrier gateway has none)",
        '  fix:     declare "carrier-network" clients for this workload and serve internet clients from a region or local zone endpoint; answer carrier ips only to carrier clients',
        `  source:  ${PATH_SOURCES.carrierGateway}`,
      ].join("\n"),
    ]);
  });

  // ECS bridge tasks share their container instance's interface, so the instance's carrier IP
  // carries them (ECS developer guide, task networking: "bridge" uses Docker's virtual network
  // on the host; Amazon VPC UG, subnet-wavelength: the carrier IP is the interface's address).
  function tasksOnCarrierHosts(hostedOn: boolean) {
    const n = net();
    const wl = n.subnet("carrier", "us-east-1-wl1-bos-wlz-1", [{ destinationCidrBlock: "0.0.0.0/0", carrierGatewayId: "cagw-0123456789abcdef0" }]);
    const fleet = new Construct(n.stack, "fleet");
    const template = new LaunchTemplate(fleet, "template", { networkInterfaces: [{ deviceIndex: 0, associateCarrierIpAddress: "true" }] });
    new AutoscalingGroup(fleet, "group", { minSize: 1, maxSize: 1, vpcZoneIdentifier: [wl.subnet.id], launchTemplate: { id: template.id } });
    declareNeeds(new Construct(n.stack, "tasks"), {
      subnetIds: [wl.subnet.id],
      ...(hostedOn ? { hostedOn: fleet } : {}),
      clients: ["carrier-network"],
      calls: [{ service: "ssm" }],
    });
    return check(n.stack).report;
  }

  it("gives a workload hosted on carrier-IP instances their carrier IP (hostedOn)", () => {
    const report = tasksOnCarrierHosts(true);
    expect(report.missing).toEqual([]);
    expect(report.paths.map((p) => [p.workload, p.direction, p.need, p.via])).toEqual([
      ["paths-test-dev/tasks", "client", "carrier-network", "carrier gateway cagw-0123456789abcdef0 to the carrier IP"],
      ["paths-test-dev/tasks", "call", "ssm", "public ssm endpoint through carrier gateway cagw-0123456789abcdef0 (from the carrier IP)"],
    ]);
  });

  it("fails the same workload placed by subnet ids alone: it has no carrier IP of its own (EDGE_PATH_CARRIER_CLIENTS, EDGE_PATH_CARRIER_IP)", () => {
    const report = tasksOnCarrierHosts(false);
    expect(report.missing.map((m) => [m.code, m.need, m.missing])).toEqual([
      ["EDGE_PATH_CARRIER_CLIENTS", "carrier-network", "a carrier IP on the workload (associate_carrier_ip_address)"],
      ["EDGE_PATH_CARRIER_IP", "ssm", "an interface endpoint for ssm, or a carrier IP on the workload's network interface in a Wavelength Zone subnet"],
    ]);
  });

  it("fails carrier clients of hosts without a carrier IP (EDGE_PATH_CARRIER_CLIENTS)", () => {
    const { report } = carrierHosts(false, { clients: ["carrier-network"] });
    expect(report.missing.map((m) => [m.code, m.missing])).toEqual([
      ["EDGE_PATH_CARRIER_CLIENTS", "a carrier IP on the workload (associate_carrier_ip_address)"],
    ]);
  });
});

describe("paths on Outposts", () => {
  function outpost(routes: Omit<RouteConfig, "routeTableId">[], needs: WorkloadNeeds, s3Endpoint = false) {
    const n = net();
    const line = n.subnet("line", "us-east-1a", routes, { outpost: true });
    if (s3Endpoint) {
      const association = new VpcEndpointRouteTableAssociation(n.stack, "s3-line", { vpcEndpointId: "vpce-0123456789abcdef0", routeTableId: line.table.id });
      association.addOverride("//.edge_paths", { service: "s3" });
    }
    hosts(n.stack, "line-hosts", [line.subnet], needs);
    return check(n.stack);
  }
  const factory = { destinationCidrBlock: "192.168.0.0/16", localGatewayId: "lgw-0123456789abcdef0" };

  it("fails an Outpost host without a Region path (EDGE_PATH_OUTPOST_REGION)", () => {
    const { failures } = outpost([factory], { clients: [{ onPremises: ["192.168.0.0/16"] }], calls: [{ service: "monitoring" }] });
    expect(failures).toEqual([
      [
        "paths-test-dev: error EDGE_PATH_OUTPOST_REGION at paths-test-dev/line-hosts",
        '  call "monitoring" from aws_subnet.line (outpost), route table aws_route_table.line-table: the outpost subnet has no path to the region: no default route through the service link and no endpoint for this service',
        "  missing: an interface endpoint for monitoring, or 0.0.0.0/0 -> the hub's NAT gateway (through the service link), or -> the local gateway when the on-premises network is the egress",
        "  fix:     give the outpost subnets the hub's nat gateway in the outpost's availability zone as their region egress (OutpostSubnets regionEgress), or set defaultRouteToLocalGateway when the factory network carries internet traffic",
        `  source:  ${PATH_SOURCES.serviceLink}`,
      ].join("\n"),
    ]);
  });

  it("proves the factory clients through the local gateway, S3 through the gateway endpoint and CloudWatch through the hub NAT over the service link", () => {
    const { report, failures } = outpost(
      [factory, { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" }],
      { clients: [{ onPremises: ["192.168.0.0/16"] }, { site: "region-hub" }], calls: [{ service: "s3" }, { service: "monitoring" }] },
      true,
    );
    expect(failures).toEqual([]);
    expect(report.paths.map((p) => [p.need, p.via, p.carriedBy])).toEqual([
      ["on-premises 192.168.0.0/16", "local gateway lgw-0123456789abcdef0", ["aws_route.line-route-0"]],
      // The dev plan: region-hub's block 10.10.0.0/18 lies in the VPC 10.10.0.0/16.
      ["site region-hub", "the VPC's local route (region-hub 10.10.0.0/18 is inside 10.10.0.0/16)", []],
      ["s3", "gateway endpoint vpce-0123456789abcdef0 through the service link", ["aws_vpc_endpoint_route_table_association.s3-line"]],
      ["monitoring", "public monitoring endpoint through NAT gateway nat-0123456789abcdef0 through the service link", ["aws_route.line-route-1"]],
    ]);
  });

  it("proves egress through the local gateway when the on-premises network is the egress", () => {
    const { report } = outpost([factory, { destinationCidrBlock: "0.0.0.0/0", localGatewayId: "lgw-0123456789abcdef0" }], { calls: ["internet"] });
    expect(report.paths.map((p) => p.via)).toEqual(["local gateway lgw-0123456789abcdef0 to the on-premises network (the site's declared egress)"]);
  });

  it("fails on-premises clients with no route to their network (EDGE_PATH_ON_PREMISES)", () => {
    const { report } = outpost([factory], { clients: [{ onPremises: ["172.20.0.0/16"] }] });
    expect(report.missing.map((m) => [m.code, m.missing, m.problem])).toEqual([
      ["EDGE_PATH_ON_PREMISES", "172.20.0.0/16 -> a local gateway, transit gateway or virtual private gateway", "no route carries the on-premises clients 172.20.0.0/16"],
    ]);
  });
});

describe("placement of a workload", () => {
  // A subnet with no explicit association uses the VPC's main table (Amazon VPC UG, route tables),
  // whose routes the stack does not hold.
  it("fails a subnet without a route table of the stack (EDGE_PATH_ROUTE_TABLE)", () => {
    const stack = testStack({ site: "paths-test" });
    const subnet = new Subnet(stack, "loose", { vpcId: "vpc-1", cidrBlock: "10.10.64.0/24", availabilityZone: "us-east-1a" });
    hosts(stack, "fleet", [subnet], { calls: ["internet"] });
    expect(check(stack).report.missing.map((m) => [m.code, m.subnet, m.routeTable])).toEqual([["EDGE_PATH_ROUTE_TABLE", "aws_subnet.loose", undefined]]);
  });

  it("fails needs declared where no subnet can be found (EDGE_PATH_NO_SUBNET)", () => {
    const stack = testStack({ site: "paths-test" });
    declareNeeds(new Construct(stack, "empty"), { calls: ["internet"] });
    expect(check(stack).report.missing.map((m) => [m.code, m.workload, m.fix])).toEqual([
      ["EDGE_PATH_NO_SUBNET", "paths-test-dev/empty", "pass subnetIds to declareNeeds, or declare the needs on the construct that holds the workload's instances, load balancer or function"],
    ]);
  });

  it("places a workload by the subnet ids it declares", () => {
    const n = net();
    const op = n.subnet("line", "us-east-1a", [{ destinationCidrBlock: "10.99.0.0/16", transitGatewayId: "tgw-1" }], { outpost: true });
    declareNeeds(new Construct(n.stack, "appliance"), { subnetIds: [op.subnet.id], calls: [{ site: "elsewhere" }] });
    // No block for "elsewhere" in the environment's plan.
    expect(check(n.stack).report.missing.map((m) => [m.code, m.subnet, m.missing])).toEqual([
      ["EDGE_PATH_SITE", "aws_subnet.line", "an address block for elsewhere in the environment's network plan"],
    ]);
  });
});

