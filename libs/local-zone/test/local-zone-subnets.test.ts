import {
  defineEnvironment,
  EdgeStack,
  ZoneCatalog,
  type IEdgeVpc,
  type ZoneFacts,
} from "@edge/core";
import {
  configError,
  FIXTURE_ENVIRONMENTS,
  configErrors,
  resourcesOf,
  synthJson,
  testStack,
  TEST_REPO_ROOT,
} from "@edge/core/testing";
import { TerraformResource, TerraformVariable, Testing } from "cdktf";
import * as path from "node:path";
import { LocalZoneSubnets, type LocalZoneSubnetsProps } from "../src";

const BOS = "us-east-1-bos-1a";
const hubVpc: IEdgeVpc = {
  vpcId: "vpc-0hub",
  cidrBlock: "10.10.0.0/16",
  internetGatewayId: "igw-0hub",
};
const base: LocalZoneSubnetsProps = {
  vpc: hubVpc,
  zones: [BOS],
  regionEgress: { [BOS]: { availabilityZone: "us-east-1a", natGatewayId: "nat-0hub" } },
};

/** An EdgeStack for local-zone-bos in dev, with an optional catalog override. */
function stackWith(overrides?: Record<string, Partial<ZoneFacts>>): EdgeStack {
  if (!overrides) return testStack({ site: "local-zone-bos" });
  return new EdgeStack(Testing.app(), {
    site: "local-zone-bos",
    environment: defineEnvironment(FIXTURE_ENVIRONMENTS.dev, "dev"),
    layout: { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") },
    catalog: new ZoneCatalog(overrides),
  });
}

function build(
  props: Partial<LocalZoneSubnetsProps> = {},
  overrides?: Record<string, Partial<ZoneFacts>>,
) {
  const stack = stackWith(overrides);
  const lz = new LocalZoneSubnets(stack, "local-zones", { ...base, ...props });
  return { stack, lz };
}

const synth = (
  props: Partial<LocalZoneSubnetsProps> = {},
  overrides?: Record<string, Partial<ZoneFacts>>,
) => synthJson(build(props, overrides).stack);

/** A catalog entry that says the Boston zone offers NAT gateways, as an override would. */
const natInZone = {
  [BOS]: { natGateway: { value: true, confidence: "verified" as const, source: "test fixture" } },
};

const warningsOf = (stack: EdgeStack) =>
  stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => m.data as string);

describe("LocalZoneSubnets resources", () => {
  const json = synth({ manageOptIn: true, instanceTypes: ["t3.medium"] });

  it("creates a public and a private subnet in the Local Zone from the site's block", () => {
    const subnets = resourcesOf(json, "aws_subnet");
    expect(Object.keys(subnets).sort()).toEqual([
      `local-zones_private-subnet-${BOS}`,
      `local-zones_public-subnet-${BOS}`,
    ]);
    expect(subnets[`local-zones_public-subnet-${BOS}`]).toMatchObject({
      vpc_id: "vpc-0hub",
      availability_zone: BOS,
      cidr_block: "10.10.68.0/24",
      map_public_ip_on_launch: false,
      tags: { tier: "public", "zone-type": "local-zone" },
    });
    expect(subnets[`local-zones_private-subnet-${BOS}`]).toMatchObject({
      availability_zone: BOS,
      cidr_block: "10.10.64.0/22",
      map_public_ip_on_launch: false,
      tags: { tier: "private" },
    });
  });

  it("opts in to the zone group, named after the zone without its letter", () => {
    expect(
      resourcesOf(json, "aws_ec2_availability_zone_group")["local-zones_opt-in-us-east-1-bos-1"],
    ).toEqual({
      group_name: "us-east-1-bos-1",
      opt_in_status: "opted-in",
    });
    expect(resourcesOf(json, "aws_subnet")[`local-zones_public-subnet-${BOS}`].depends_on).toEqual([
      "aws_ec2_availability_zone_group.local-zones_opt-in-us-east-1-bos-1",
    ]);
  });

  it("routes the public tier to the hub's internet gateway", () => {
    expect(resourcesOf(json, "aws_route")["local-zones_public-default-route"]).toEqual({
      route_table_id: "${aws_route_table.local-zones_public-route-table.id}",
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: "igw-0hub",
    });
    expect(
      resourcesOf(json, "aws_route_table_association")[
        `local-zones_public-route-table-association-${BOS}`
      ],
    ).toEqual({
      subnet_id: `\${aws_subnet.local-zones_public-subnet-${BOS}.id}`,
      route_table_id: "${aws_route_table.local-zones_public-route-table.id}",
    });
  });

  it("routes private egress through the parent AZ's Region NAT when the catalog lists no NAT in the zone", () => {
    expect(resourcesOf(json, "aws_nat_gateway")).toEqual({});
    expect(resourcesOf(json, "aws_eip")).toEqual({});
    expect(resourcesOf(json, "aws_route")[`local-zones_private-default-route-${BOS}`]).toEqual({
      route_table_id: `\${aws_route_table.local-zones_private-route-table-${BOS}.id}`,
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "nat-0hub",
    });
  });

  it("warns about the cost and latency of egress through the Region", () => {
    const { stack } = build();
    expect(warningsOf(stack)).toEqual([
      `EDGE_LZ_REGION_EGRESS at localZones.regionEgress.${BOS}.availabilityZone: ${BOS}: private subnets egress through the NAT gateway in us-east-1a in the Region (the zone catalog lists no NAT gateway in this Local Zone; fact unverified): every outbound flow adds the round trip to the Region (latency) and pays Region data transfer plus NAT processing; fix: switch to privateEgress "zone-nat" once the zone offers NAT gateways`,
    ]);
  });

  // us-east-1-chi-2a is listed on AWS's "Available Local Zones" page (catalogs/local-zones.ts):
  // known to the zone catalog, with the Local Zone defaults. us-east-1-zzz-9a is listed nowhere.
  it("warns about a Local Zone the zone catalog does not know, not about one from AWS's list", () => {
    const CHI = "us-east-1-chi-2a";
    const ZZZ = "us-east-1-zzz-9a";
    const egress = { availabilityZone: "us-east-1a", natGatewayId: "nat-0hub" };
    const { stack } = build({ zones: [CHI, ZZZ], regionEgress: { [CHI]: egress, [ZZZ]: egress } });
    expect(warningsOf(stack).filter((w) => w.startsWith("EDGE_ZONE_UNCATALOGUED"))).toEqual([
      `EDGE_ZONE_UNCATALOGUED at localZones.zones: ${ZZZ}: the zone catalog has no entry for this zone and AWS's Local Zones list read into it does not name it; using conservative Local Zone defaults; fix: check the zone name; add its row from AWS's Available Local Zones page to libs/core/src/lib/catalogs/local-zones.ts, or its facts to the ZoneCatalog with their sources`,
    ]);
  });

  it("puts the opt-in and instance-type preconditions on every zone subnet, fed by data sources", () => {
    const zoneData = `data.aws_availability_zone.local-zones_zone-${BOS}`;
    const offerings = `data.aws_ec2_instance_type_offerings.local-zones_instance-types-${BOS}`;
    expect(json.data?.aws_availability_zone?.[`local-zones_zone-${BOS}`]).toEqual({
      name: BOS,
      all_availability_zones: true,
      depends_on: ["aws_ec2_availability_zone_group.local-zones_opt-in-us-east-1-bos-1"],
    });
    expect(
      json.data?.aws_ec2_instance_type_offerings?.[`local-zones_instance-types-${BOS}`],
    ).toEqual({
      location_type: "availability-zone",
      filter: [
        { name: "location", values: [BOS] },
        { name: "instance-type", values: ["t3.medium"] },
      ],
    });
    for (const tier of ["public", "private"]) {
      expect(
        resourcesOf(json, "aws_subnet")[`local-zones_${tier}-subnet-${BOS}`].lifecycle.precondition,
      ).toEqual([
        {
          condition: `\${${zoneData}.opt_in_status == "opted-in"}`,
          error_message: `Zone ${BOS} is \${${zoneData}.opt_in_status} in this account, not opted-in: opt in to zone group us-east-1-bos-1 (aws ec2 modify-availability-zone-group --group-name us-east-1-bos-1 --opt-in-status opted-in) or let the site manage the opt-in.`,
        },
        {
          condition: `\${length(setsubtract(["t3.medium"], ${offerings}.instance_types)) == 0}`,
          error_message: `Instance types not offered in ${BOS} for this account: \${join(", ", setsubtract(["t3.medium"], ${offerings}.instance_types))}.`,
        },
      ]);
    }
  });

  it("checks at plan time that a VPC read from another site has the planned CIDR", () => {
    const stack = stackWith();
    const cidr = new TerraformVariable(stack, "hub-cidr", { type: "string" });
    new LocalZoneSubnets(stack, "local-zones", {
      ...base,
      vpc: { ...hubVpc, cidrBlock: cidr.stringValue },
    });
    const subnet = resourcesOf(synthJson(stack), "aws_subnet")[`local-zones_private-subnet-${BOS}`];
    expect(subnet.lifecycle.precondition[0]).toEqual({
      condition: '${(var.hub-cidr == "10.10.0.0/16")}',
      error_message:
        "The VPC CIDR ${var.hub-cidr} is not 10.10.0.0/16, the CIDR these Local Zone subnets were planned in.",
    });
  });

  it("uses an in-zone NAT gateway with an EIP from the zone's network border group where the zone offers one", () => {
    const nat = synth({ regionEgress: {} }, natInZone);
    expect(resourcesOf(nat, "aws_eip")[`local-zones_nat-eip-${BOS}_eip`]).toMatchObject({
      domain: "vpc",
      network_border_group: "us-east-1-bos-1",
    });
    expect(resourcesOf(nat, "aws_nat_gateway")[`local-zones_nat-gateway-${BOS}`]).toMatchObject({
      allocation_id: `\${aws_eip.local-zones_nat-eip-${BOS}_eip.allocation_id}`,
      subnet_id: `\${aws_subnet.local-zones_public-subnet-${BOS}.id}`,
      connectivity_type: "public",
    });
    expect(
      resourcesOf(nat, "aws_route")[`local-zones_private-default-route-${BOS}`].nat_gateway_id,
    ).toBe(`\${aws_nat_gateway.local-zones_nat-gateway-${BOS}.id}`);
  });

  // Local Zone subnets follow the routing rules of AZ subnets, route tables included (Amazon VPC
  // UG, local-zone), and a gateway endpoint serves the route tables it is on (Amazon VPC UG,
  // gateway endpoints): the hub's S3 endpoint on the zone's table keeps S3 off the Region NAT.
  it("associates the hub's S3 gateway endpoint with each private route table, on request", () => {
    const { stack } = build({ s3GatewayEndpointId: "vpce-0hubs3" });
    expect(resourcesOf(synthJson(stack), "aws_vpc_endpoint_route_table_association")).toEqual({
      [`local-zones_s3-gateway-endpoint-${BOS}`]: {
        route_table_id: `\${aws_route_table.local-zones_private-route-table-${BOS}.id}`,
        vpc_endpoint_id: "vpce-0hubs3",
      },
    });
    const written = stack.toTerraform() as { resource: Record<string, Record<string, { "//": { edge_paths: unknown } }>> };
    expect(written.resource.aws_vpc_endpoint_route_table_association[`local-zones_s3-gateway-endpoint-${BOS}`]["//"].edge_paths).toEqual({ service: "s3" });
    expect(resourcesOf(synthJson(build().stack), "aws_vpc_endpoint_route_table_association")).toEqual({});
  });

  it("gives private subnets no internet route with privateEgress none", () => {
    const none = synth({ privateEgress: "none", regionEgress: {} });
    expect(Object.keys(resourcesOf(none, "aws_route"))).toEqual([
      "local-zones_public-default-route",
    ]);
  });

  it("adds a workload security group with outbound traffic to the VPC and HTTPS only", () => {
    expect(
      resourcesOf(json, "aws_security_group")["local-zones_workload-security-group"],
    ).toMatchObject({
      name: "local-zone-bos-dev-local-zones-workload",
      vpc_id: "vpc-0hub",
    });
    expect(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({});
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");
    expect(Object.keys(egress).sort()).toEqual([
      "local-zones_workload-egress-tcp-443",
      "local-zones_workload-egress-vpc",
    ]);
    expect(egress["local-zones_workload-egress-vpc"]).toMatchObject({
      ip_protocol: "-1",
      cidr_ipv4: "10.10.0.0/16",
    });
    expect(egress["local-zones_workload-egress-tcp-443"]).toMatchObject({
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "0.0.0.0/0",
    });
    const custom = resourcesOf(
      synth({ egressPorts: [{ port: 123, protocol: "udp" }] }),
      "aws_vpc_security_group_egress_rule",
    );
    expect(Object.keys(custom).sort()).toEqual([
      "local-zones_workload-egress-udp-123",
      "local-zones_workload-egress-vpc",
    ]);
  });

  it("takes the default EBS volume type from the catalog (gp2 where gp3 is not offered)", () => {
    expect(build().lz.ebsVolumeTypes).toEqual({ [BOS]: "gp2" });
    const gp3 = {
      [BOS]: {
        ebsVolumeTypes: {
          value: ["gp3", "gp2"],
          confidence: "verified" as const,
          source: "test fixture",
        },
      },
    };
    expect(build({}, gp3).lz.ebsVolumeTypes).toEqual({ [BOS]: "gp3" });
  });

  it("places interface endpoints and transit gateway attachments in availability zone subnets", () => {
    const { stack, lz } = build();
    lz.addInterfaceEndpoint("ssm", {
      serviceName: "com.amazonaws.us-east-1.ssm",
      subnets: [{ subnetId: "subnet-0a", zone: "us-east-1a" }],
    });
    lz.addTransitGatewayAttachment("hub", {
      transitGatewayId: "tgw-0hub",
      subnets: [
        { subnetId: "subnet-0a", zone: "us-east-1a" },
        { subnetId: "subnet-0b", zone: "us-east-1b" },
      ],
    });
    const out = synthJson(stack);
    expect(
      resourcesOf(out, "aws_vpc_endpoint")["local-zones_interface-endpoint-ssm"],
    ).toMatchObject({
      vpc_endpoint_type: "Interface",
      subnet_ids: ["subnet-0a"],
      private_dns_enabled: true,
    });
    expect(
      resourcesOf(out, "aws_ec2_transit_gateway_vpc_attachment")[
        "local-zones_transit-gateway-attachment-hub"
      ],
    ).toMatchObject({
      subnet_ids: ["subnet-0a", "subnet-0b"],
      transit_gateway_id: "tgw-0hub",
      vpc_id: "vpc-0hub",
    });
  });
});

describe("LocalZoneSubnets rules", () => {
  it("creates no resource when a rule fails", () => {
    const stack = stackWith();
    configError(
      () =>
        new LocalZoneSubnets(stack, "local-zones", {
          ...base,
          zones: ["us-east-1a"],
          regionEgress: {},
        }),
    );
    expect(stack.node.findAll().filter((c) => c instanceof TerraformResource)).toEqual([]);
  });

  it("rule 1: rejects a name that is no zone name", () => {
    const err = configError(() => build({ zones: ["bos-1a"], regionEgress: {} }));
    expect(err.code).toBe("EDGE_ZONE_NAME");
    expect(err.message).toBe(
      'EDGE_ZONE_NAME at localZones.zones[0]: not a zone name (got "bos-1a"); fix: use a name such as "us-east-1-bos-1a" (Local Zone)',
    );
  });

  it("rule 1: rejects a Local Zone of another region", () => {
    const err = configError(() => build({ zones: ["us-west-2-lax-1a"], regionEgress: {} }));
    expect(err.code).toBe("EDGE_ZONE_REGION");
    expect(err.message).toBe(
      'EDGE_ZONE_REGION at localZones.zones[0]: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2-lax-1a"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    );
  });

  it("rule 2: rejects an availability zone passed as a Local Zone", () => {
    const err = configError(() => build({ zones: ["us-east-1a"], regionEgress: {} }));
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at localZones.zones[0]: us-east-1a is an availability zone, expected a Local Zone (got "us-east-1a"); fix: list us-east-1a with the Region subnets, not as an edge zone',
    );
  });

  it("rule 2: rejects a Local Zone passed where an availability zone is expected", () => {
    const err = configError(() =>
      build({ regionEgress: { [BOS]: { availabilityZone: BOS, natGatewayId: "nat-0hub" } } }),
    );
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at localZones.regionEgress.us-east-1-bos-1a.availabilityZone: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });

  it("rule 3: rejects an in-zone NAT gateway in a Local Zone that offers none", () => {
    const err = configError(() => build({ privateEgress: "zone-nat" }));
    expect(err.code).toBe("EDGE_ZONE_NO_NAT");
    expect(err.message).toBe(
      'EDGE_ZONE_NO_NAT at localZones.privateEgress: us-east-1-bos-1a is a Local Zone and offers no NAT gateways (got "zone-nat"); fix: route private egress through a NAT gateway in the parent availability zone of us-east-1',
    );
  });

  it("rule 3: asks for the parent AZ's NAT when the zone has none and no egress is given", () => {
    const err = configError(() => build({ regionEgress: {} }));
    expect(err.code).toBe("EDGE_LZ_EGRESS_MISSING");
    expect(err.message).toBe(
      'EDGE_LZ_EGRESS_MISSING at localZones.regionEgress.us-east-1-bos-1a: us-east-1-bos-1a offers no NAT gateway per the zone catalog, so its private subnets need the NAT gateway of an availability zone in us-east-1 (got nothing); fix: set regionEgress["us-east-1-bos-1a"] to { availabilityZone, natGatewayId } of the zone\'s parent AZ, or set privateEgress to "none"',
    );
  });

  it("rule 4: rejects an interface endpoint in a Local Zone subnet", () => {
    const { lz } = build();
    const err = configError(() =>
      lz.addInterfaceEndpoint("ssm", {
        serviceName: "com.amazonaws.us-east-1.ssm",
        subnets: [{ subnetId: "subnet-0lz", zone: BOS }],
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_INTERFACE_ENDPOINT");
    expect(err.message).toBe(
      'EDGE_ZONE_NO_INTERFACE_ENDPOINT at localZones.interfaceEndpoints.ssm.subnets[0].zone: us-east-1-bos-1a is a Local Zone and offers no interface VPC endpoints (got "us-east-1-bos-1a"); fix: place the endpoint in a subnet of an availability zone of us-east-1',
    );
  });

  it("rule 4: rejects a transit gateway attachment subnet in a Local Zone", () => {
    const { lz } = build();
    const err = configError(() =>
      lz.addTransitGatewayAttachment("hub", {
        transitGatewayId: "tgw-0hub",
        subnets: [{ subnetId: "subnet-0lz", zone: BOS }],
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_TGW_ATTACHMENT");
    expect(err.message).toBe(
      'EDGE_ZONE_NO_TGW_ATTACHMENT at localZones.transitGatewayAttachments.hub.subnets[0].zone: us-east-1-bos-1a is a Local Zone and offers no transit gateway attachment subnets (got "us-east-1-bos-1a"); fix: attach the VPC through a subnet in an availability zone of us-east-1 (the zone\'s parent AZ)',
    );
  });

  it("rule 4: rejects two attachment subnets in one availability zone", () => {
    const { lz } = build();
    const err = configError(() =>
      lz.addTransitGatewayAttachment("hub", {
        transitGatewayId: "tgw-0hub",
        subnets: [
          { subnetId: "subnet-0a", zone: "us-east-1a" },
          { subnetId: "subnet-0a2", zone: "us-east-1a" },
        ],
      }),
    );
    expect(err.code).toBe("EDGE_TGW_SUBNET_PER_AZ");
    expect(err.message).toBe(
      'EDGE_TGW_SUBNET_PER_AZ at localZones.transitGatewayAttachments.hub.subnets[1].zone: us-east-1a already has a subnet in this attachment at localZones.transitGatewayAttachments.hub.subnets[0] (got "us-east-1a"); fix: give one subnet per availability zone',
    );
  });

  it("rule 5: rejects an instance type the zone's catalog entry does not list", () => {
    const types = {
      [BOS]: {
        instanceTypes: {
          value: ["t3.medium"],
          confidence: "verified" as const,
          source: "test fixture",
        },
      },
    };
    const err = configError(() => build({ instanceTypes: ["t3.medium", "p4d.24xlarge"] }, types));
    expect(err.code).toBe("EDGE_ZONE_INSTANCE_TYPE");
    expect(err.message).toBe(
      'EDGE_ZONE_INSTANCE_TYPE at localZones.instanceTypes[1]: us-east-1-bos-1a does not offer p4d.24xlarge per the zone catalog (offers t3.medium) (got "p4d.24xlarge"); fix: use one of t3.medium, or override the zone\'s instanceTypes in the ZoneCatalog with the source you read',
    );
  });

  it("rule 5: only warns about an instance type missing from an unverified list", () => {
    const { stack } = build({ instanceTypes: ["p4d.24xlarge"] });
    expect(warningsOf(stack)).toContain(
      `EDGE_ZONE_INSTANCE_TYPE_UNVERIFIED at localZones.instanceTypes[0]: ${BOS}: instance type p4d.24xlarge is not in the zone catalog's unverified list (t3.medium, t3.xlarge, c5.2xlarge, m5.2xlarge, r5.2xlarge); the plan-time offering check decides`,
    );
  });

  // EC2 API InstanceType values (the core instance-type catalog): a name EC2 does not have is a
  // typo, an error whatever the zone catalog's confidence.
  it("rule 5: rejects an instance type EC2 does not have, not only warns", () => {
    const err = configError(() => build({ instanceTypes: ["t3.medium", "t3.hugeish"] }));
    expect(err.code).toBe("EDGE_INSTANCE_TYPE");
    expect(err.path).toBe("localZones.instanceTypes[1]");
    expect(err.value).toBe("t3.hugeish");
    expect(err.problem).toBe('the t3 family has no size "hugeish" in EC2');
    expect(err.fix).toBe(
      "use a t3 size that exists: t3.2xlarge, t3.large, t3.medium, t3.micro, t3.nano, t3.small, t3.xlarge (EC2 API InstanceType values, @aws-sdk/client-ec2 3.1169.0)",
    );
  });

  it("rule 5: rejects an EBS volume type the zone does not offer", () => {
    const err = configError(() => build({ ebsVolumeType: "gp3" }));
    expect(err.code).toBe("EDGE_ZONE_EBS_TYPE");
    expect(err.message).toBe(
      'EDGE_ZONE_EBS_TYPE at localZones.ebsVolumeType: us-east-1-bos-1a does not offer EBS volume type gp3 per the zone catalog (offers gp2) (got "gp3"); fix: use gp2, or override the zone\'s ebsVolumeTypes in the ZoneCatalog with the source you read',
    );
  });

  it("rule 8: rejects a subnet block outside the VPC CIDR", () => {
    const err = configError(() => build({ subnetBlock: "10.11.0.0/20" }));
    expect(err.code).toBe("EDGE_CIDR_OUTSIDE_VPC");
    expect(err.message).toBe(
      'EDGE_CIDR_OUTSIDE_VPC at localZones.subnetBlock: 10.11.0.0/20 is not inside the VPC CIDR 10.10.0.0/16 (got "10.11.0.0/20"); fix: choose a block inside 10.10.0.0/16 that no other site uses',
    );
  });

  it("rule 8: rejects a subnet block that overlaps another site's block", () => {
    const err = configError(() => build({ subnetBlock: "10.10.32.0/20" }));
    expect(err.code).toBe("EDGE_CIDR_OVERLAP");
    expect(err.message).toBe(
      "EDGE_CIDR_OVERLAP at localZones.subnetBlock: 10.10.32.0/20 overlaps the block of site region-hub (10.10.0.0/18), so subnets could collide (got \"10.10.32.0/20\"); fix: use this site's own block from network.sites, or another block outside every other site's",
    );
  });

  it("rule 8: rejects subnets that do not fit the site's block", () => {
    const err = configError(() => build({ privateSubnetPrefixLength: 20 }));
    expect(err.code).toBe("EDGE_CIDR_TOO_SMALL");
    expect(err.message).toBe(
      'EDGE_CIDR_TOO_SMALL at environments.dev.network.sites.local-zone-bos: 10.10.64.0/20 has 4096 addresses but 1 x /20 + 1 x /24 need 4352 (got "10.10.64.0/20"); fix: use a /19 or larger block, or smaller subnets',
    );
  });

  it("rejects a VPC without an internet gateway for the public tier", () => {
    const err = configError(() => build({ vpc: { vpcId: "vpc-0hub", cidrBlock: "10.10.0.0/16" } }));
    expect(err.code).toBe("EDGE_LZ_NO_INTERNET_GATEWAY");
    expect(err.message).toBe(
      "EDGE_LZ_NO_INTERNET_GATEWAY at localZones.vpc.internetGatewayId: the public Local Zone subnets route 0.0.0.0/0 to the VPC's internet gateway, but the VPC has none (got nothing); fix: extend a VPC that has an internet gateway (the region-hub VPC publishes internetGatewayId)",
    );
  });

  it("rejects region egress for a zone the construct does not have", () => {
    const err = configError(() =>
      build({
        regionEgress: {
          ...base.regionEgress,
          "us-east-1-mia-1a": { availabilityZone: "us-east-1a", natGatewayId: "nat-0hub" },
        },
      }),
    );
    expect(err.code).toBe("EDGE_LZ_EGRESS_UNKNOWN_ZONE");
    expect(err.message).toBe(
      'EDGE_LZ_EGRESS_UNKNOWN_ZONE at localZones.regionEgress.us-east-1-mia-1a: us-east-1-mia-1a is not one of the Local Zones of this construct (got "us-east-1-mia-1a"); fix: key regionEgress by a zone listed in localZones.zones, or remove the entry',
    );
  });

  it("rejects a zone listed twice and an empty zone list", () => {
    const dup = configError(() => build({ zones: [BOS, BOS] }));
    expect(dup.message).toBe(
      'EDGE_ZONE_DUPLICATE at localZones.zones[1]: us-east-1-bos-1a is already listed at localZones.zones[0] (got "us-east-1-bos-1a"); fix: list each Local Zone once',
    );
    const none = configError(() => build({ zones: [], regionEgress: {} }));
    expect(none.message).toBe(
      'EDGE_ZONE_COUNT at localZones.zones: at least one Local Zone is required (got []); fix: list the Local Zones to extend the VPC into, e.g. ["us-east-1-bos-1a"]',
    );
  });

  it("reports every problem at once", () => {
    const errors = configErrors(() =>
      build({
        zones: ["us-east-1a", "us-east-1-wl1-bos-wlz-1"],
        regionEgress: {},
        subnetBlock: "10.11.0.0/20",
      }),
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "EDGE_ZONE_KIND localZones.zones[0]",
      "EDGE_ZONE_KIND localZones.zones[1]",
      "EDGE_CIDR_OUTSIDE_VPC localZones.subnetBlock",
    ]);
  });
});
