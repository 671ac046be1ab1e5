import { parseZone } from "@edge/core";
import { configError, configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { TerraformResource, TerraformVariable } from "cdktf";
import { WavelengthZone, type WavelengthZoneProps } from "../src";

const WLZ = "us-east-1-wl1-bos-wlz-1";
const base: WavelengthZoneProps = { zone: WLZ, regionAvailabilityZone: "us-east-1a" };
const hubVpc = { vpcId: "vpc-0hub", cidrBlock: "10.10.0.0/16", internetGatewayId: "igw-0hub" };

function build(props: Partial<WavelengthZoneProps> = {}) {
  const stack = testStack({ site: "wavelength-bos" });
  const wl = new WavelengthZone(stack, "wl", { ...base, ...props });
  return { stack, wl };
}
const synth = (props: Partial<WavelengthZoneProps> = {}) => synthJson(build(props).stack);

const warningsOf = (stack: ReturnType<typeof testStack>) =>
  stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => m.data as string);

describe("WavelengthZone in a VPC of its own", () => {
  const json = synth({
    tiers: ["carrier", "private"],
    publicPorts: [{ port: 443 }, { port: 5060, protocol: "udp" }],
  });

  it("creates the VPC from the site's block, with region-side subnets in the given AZ", () => {
    expect(resourcesOf(json, "aws_vpc").wl_vpc_vpc).toMatchObject({ cidr_block: "10.11.0.0/20" });
    const subnets = resourcesOf(json, "aws_subnet");
    expect(subnets["wl_vpc_private-subnet-us-east-1a"]).toMatchObject({
      availability_zone: "us-east-1a",
      cidr_block: "10.11.0.0/24",
    });
    expect(subnets["wl_vpc_public-subnet-us-east-1a"]).toMatchObject({
      availability_zone: "us-east-1a",
      cidr_block: "10.11.1.0/26",
    });
    expect(resourcesOf(json, "aws_nat_gateway")).toEqual({});
  });

  it("creates one carrier gateway in the VPC", () => {
    expect(resourcesOf(json, "aws_ec2_carrier_gateway")).toEqual({
      "wl_carrier-gateway": {
        vpc_id: "${aws_vpc.wl_vpc_vpc.id}",
        tags: { Name: "wavelength-bos-dev-wl" },
      },
    });
  });

  it("creates Wavelength subnets without public IPs", () => {
    const subnets = resourcesOf(json, "aws_subnet");
    expect(subnets["wl_carrier-subnet"]).toMatchObject({
      vpc_id: "${aws_vpc.wl_vpc_vpc.id}",
      availability_zone: WLZ,
      cidr_block: "10.11.2.0/24",
      map_public_ip_on_launch: false,
      tags: { tier: "carrier", "zone-type": "wavelength-zone" },
    });
    expect(subnets["wl_private-subnet"]).toMatchObject({
      availability_zone: WLZ,
      cidr_block: "10.11.3.0/24",
      map_public_ip_on_launch: false,
    });
    expect(subnets["wl_carrier-subnet"]).not.toHaveProperty("assign_ipv6_address_on_creation");
  });

  it("routes the carrier tier 0.0.0.0/0 to the carrier gateway, and the private tier nowhere", () => {
    const routes = resourcesOf(json, "aws_route");
    expect(routes["wl_carrier-default-route"]).toEqual({
      route_table_id: "${aws_route_table.wl_carrier-route-table.id}",
      destination_cidr_block: "0.0.0.0/0",
      carrier_gateway_id: "${aws_ec2_carrier_gateway.wl_carrier-gateway.id}",
    });
    expect(Object.keys(routes).sort()).toEqual([
      "wl_carrier-default-route",
      "wl_vpc_public-default-route",
    ]);
    expect(
      resourcesOf(json, "aws_route_table_association")["wl_carrier-route-table-association"],
    ).toEqual({
      subnet_id: "${aws_subnet.wl_carrier-subnet.id}",
      route_table_id: "${aws_route_table.wl_carrier-route-table.id}",
    });
  });

  it("checks the zone's opt-in at plan time on every Wavelength subnet", () => {
    expect(json.data?.aws_availability_zone?.wl_zone).toEqual({
      name: WLZ,
      all_availability_zones: true,
    });
    expect(resourcesOf(json, "aws_subnet")["wl_carrier-subnet"].lifecycle.precondition).toEqual([
      {
        condition: '${data.aws_availability_zone.wl_zone.opt_in_status == "opted-in"}',
        error_message: `Zone ${WLZ} is \${data.aws_availability_zone.wl_zone.opt_in_status} in this account, not opted-in: opt in to zone group ${WLZ} (aws ec2 modify-availability-zone-group --group-name ${WLZ} --opt-in-status opted-in) or let the site manage the opt-in.`,
      },
    ]);
  });

  it("opens only the declared public ports on the host security group", () => {
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    expect(Object.keys(ingress).sort()).toEqual([
      "wl_host-ingress-tcp-443",
      "wl_host-ingress-udp-5060",
    ]);
    expect(ingress["wl_host-ingress-udp-5060"]).toMatchObject({
      security_group_id: "${aws_security_group.wl_host-security-group.id}",
      ip_protocol: "udp",
      from_port: 5060,
      to_port: 5060,
      cidr_ipv4: "0.0.0.0/0",
    });
    expect(Object.keys(resourcesOf(synth(), "aws_vpc_security_group_ingress_rule"))).toEqual([]);
  });

  it("lets the hosts out to the VPC and to HTTPS only", () => {
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");
    expect(egress["wl_host-egress-vpc"]).toMatchObject({
      security_group_id: "${aws_security_group.wl_host-security-group.id}",
      ip_protocol: "-1",
      cidr_ipv4: "10.11.0.0/20",
    });
    expect(egress["wl_host-egress-tcp-443"]).toMatchObject({
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "0.0.0.0/0",
    });
    expect(Object.keys(egress).filter((k) => k.startsWith("wl_host-"))).toHaveLength(2);
  });

  it("manages the zone group opt-in when asked, and warns that Wavelength needs an access request first", () => {
    const { stack } = build({ manageOptIn: true });
    const out = synthJson(stack);
    expect(resourcesOf(out, "aws_ec2_availability_zone_group")["wl_opt-in"]).toEqual({
      group_name: WLZ,
      opt_in_status: "opted-in",
    });
    expect(out.data?.aws_availability_zone?.wl_zone.depends_on).toEqual([
      "aws_ec2_availability_zone_group.wl_opt-in",
    ]);
    expect(warningsOf(stack)).toEqual([
      `EDGE_WLZ_ACCESS_REQUEST at wavelength.manageOptIn: ${WLZ}: Wavelength Zones need an access request before the opt-in can succeed (Amazon VPC UG, carrier gateways); terraform apply fails on the opt-in until access is granted`,
    ]);
  });

  it("checks at plan time that the hub VPC read from region-hub has the CIDR it was checked against", () => {
    const stack = testStack({ site: "wavelength-bos" });
    const cidr = new TerraformVariable(stack, "hub-cidr", { type: "string" });
    new WavelengthZone(stack, "wl", {
      ...base,
      hubVpc: { vpcId: "vpc-0hub", cidrBlock: cidr.stringValue },
    });
    expect(
      resourcesOf(synthJson(stack), "aws_subnet")["wl_carrier-subnet"].lifecycle.precondition[1],
    ).toEqual({
      condition: '${(var.hub-cidr == "10.10.0.0/16")}',
      error_message:
        "The hub VPC CIDR ${var.hub-cidr} is not 10.10.0.0/16, the CIDR this Wavelength VPC was checked against for overlaps.",
    });
  });

  it("places interface endpoints and the transit gateway attachment in the region-side subnet", () => {
    const { stack, wl } = build();
    wl.addInterfaceEndpoint("ssm", { serviceName: "com.amazonaws.us-east-1.ssm" });
    wl.addTransitGatewayAttachment("hub", { transitGatewayId: "tgw-0hub" });
    const out = synthJson(stack);
    expect(resourcesOf(out, "aws_vpc_endpoint")["wl_interface-endpoint-ssm"]).toMatchObject({
      vpc_endpoint_type: "Interface",
      subnet_ids: ["${aws_subnet.wl_vpc_private-subnet-us-east-1a.id}"],
    });
    expect(
      resourcesOf(out, "aws_ec2_transit_gateway_vpc_attachment")[
        "wl_transit-gateway-attachment-hub"
      ],
    ).toMatchObject({
      subnet_ids: ["${aws_subnet.wl_vpc_private-subnet-us-east-1a.id}"],
      vpc_id: "${aws_vpc.wl_vpc_vpc.id}",
    });
  });
});

describe("WavelengthZone extending a VPC", () => {
  it("carves the Wavelength subnets from a free block of the extended VPC", () => {
    const json = synth({
      vpc: hubVpc,
      regionAvailabilityZone: undefined,
      subnetBlock: "10.10.96.0/20",
    });
    expect(resourcesOf(json, "aws_vpc")).toEqual({});
    expect(resourcesOf(json, "aws_subnet")["wl_carrier-subnet"]).toMatchObject({
      vpc_id: "vpc-0hub",
      cidr_block: "10.10.96.0/24",
    });
    expect(resourcesOf(json, "aws_ec2_carrier_gateway")["wl_carrier-gateway"].vpc_id).toBe(
      "vpc-0hub",
    );
  });

  it("uses the VPC's existing carrier gateway instead of a second one", () => {
    const json = synth({
      vpc: hubVpc,
      regionAvailabilityZone: undefined,
      subnetBlock: "10.10.96.0/20",
      carrierGateway: false,
      carrierGatewayId: "cagw-0existing",
    });
    expect(resourcesOf(json, "aws_ec2_carrier_gateway")).toEqual({});
    expect(resourcesOf(json, "aws_route")["wl_carrier-default-route"].carrier_gateway_id).toBe(
      "cagw-0existing",
    );
  });
});

describe("WavelengthZone rules", () => {
  it("creates no resource when a rule fails", () => {
    const stack = testStack({ site: "wavelength-bos" });
    configError(() => new WavelengthZone(stack, "wl", { ...base, zone: "us-east-1-bos-1a" }));
    expect(stack.node.findAll().filter((c) => c instanceof TerraformResource)).toEqual([]);
  });

  it("rule 1: rejects a Wavelength Zone name without its number", () => {
    const err = configError(() => build({ zone: "us-east-1-wl1-bos-wlz" }));
    expect(err.code).toBe("EDGE_ZONE_NAME");
    expect(err.message).toBe(
      'EDGE_ZONE_NAME at wavelength.zone: not a zone name (got "us-east-1-wl1-bos-wlz"); fix: use a name such as "us-east-1-wl1-bos-wlz-1" (Wavelength Zone)',
    );
  });

  it("rule 1: rejects a Wavelength Zone of another region", () => {
    const err = configError(() => build({ zone: "us-west-2-wl1-sea-wlz-1" }));
    expect(err.code).toBe("EDGE_ZONE_REGION");
    expect(err.message).toBe(
      'EDGE_ZONE_REGION at wavelength.zone: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2-wl1-sea-wlz-1"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    );
  });

  it("rule 2: rejects a Local Zone passed as the Wavelength Zone", () => {
    const err = configError(() => build({ zone: "us-east-1-bos-1a" }));
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at wavelength.zone: us-east-1-bos-1a is a Local Zone, expected a Wavelength Zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });

  it("rule 2: rejects an edge zone passed as the region-side availability zone", () => {
    const err = configError(() => build({ regionAvailabilityZone: WLZ }));
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      `EDGE_ZONE_KIND at wavelength.regionAvailabilityZone: ${WLZ} is a Wavelength Zone, expected an availability zone (got "${WLZ}"); fix: put ${WLZ} in the Wavelength Zone site's config, not here`,
    );
  });

  it("rule 3: rejects a NAT gateway in the Wavelength Zone", () => {
    const err = configError(() =>
      build({ tiers: ["carrier", "private"], privateEgress: "zone-nat" }),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_NAT");
    expect(err.message).toBe(
      `EDGE_ZONE_NO_NAT at wavelength.privateEgress: ${WLZ} is a Wavelength Zone and offers no NAT gateways (got "zone-nat"); fix: send internet traffic out through the carrier gateway, or keep the subnet private`,
    );
  });

  it("rule 3: the catalog rejects a Network Load Balancer in the Wavelength Zone", () => {
    const { stack } = build();
    const zone = parseZone(WLZ, { region: "us-east-1", path: "wavelength.zone" });
    const err = configError(() =>
      stack.catalog.requireFeature(
        zone,
        "networkLoadBalancer",
        "wavelength.loadBalancer.type",
        "network",
      ),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_NLB");
    expect(err.message).toBe(
      `EDGE_ZONE_NO_NLB at wavelength.loadBalancer.type: ${WLZ} is a Wavelength Zone and offers no Network Load Balancers (got "network"); fix: use an Application Load Balancer or DNS-weighted records across instances`,
    );
  });

  it("rule 4: rejects an interface endpoint in a Wavelength subnet", () => {
    const { wl } = build();
    const err = configError(() =>
      wl.addInterfaceEndpoint("ssm", {
        serviceName: "com.amazonaws.us-east-1.ssm",
        subnets: [{ subnetId: wl.carrierSubnet!.id, zone: WLZ }],
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_INTERFACE_ENDPOINT");
    expect(err.message).toBe(
      `EDGE_ZONE_NO_INTERFACE_ENDPOINT at wavelength.interfaceEndpoints.ssm.subnets[0].zone: ${WLZ} is a Wavelength Zone and offers no interface VPC endpoints (got "${WLZ}"); fix: place the endpoint in a subnet of an availability zone of us-east-1`,
    );
  });

  it("rule 4: rejects a transit gateway attachment subnet in the Wavelength Zone", () => {
    const { wl } = build();
    const err = configError(() =>
      wl.addTransitGatewayAttachment("hub", {
        transitGatewayId: "tgw-0hub",
        subnets: [{ subnetId: wl.carrierSubnet!.id, zone: WLZ }],
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_TGW_ATTACHMENT");
    expect(err.message).toBe(
      `EDGE_ZONE_NO_TGW_ATTACHMENT at wavelength.transitGatewayAttachments.hub.subnets[0].zone: ${WLZ} is a Wavelength Zone and offers no transit gateway attachment subnets (got "${WLZ}"); fix: attach the VPC through a subnet in an availability zone of us-east-1 (the zone's parent AZ)`,
    );
  });

  it("rule 5: rejects IPv6 on the Wavelength subnets", () => {
    const err = configError(() => build({ ipv6: true }));
    expect(err.code).toBe("EDGE_ZONE_NO_IPV6");
    expect(err.message).toBe(
      `EDGE_ZONE_NO_IPV6 at wavelength.ipv6: ${WLZ} is a Wavelength Zone and offers no IPv6 (got true); fix: leave IPv6 off for subnets in this zone`,
    );
  });

  it("rule 5: requires a source for an instance type override", () => {
    const err = configError(() =>
      build({ allowedInstanceTypes: { instanceTypes: ["c5.2xlarge"], source: "" } }),
    );
    expect(err.code).toBe("EDGE_FACT_SOURCE");
    expect(err.message).toBe(
      'EDGE_FACT_SOURCE at wavelength.allowedInstanceTypes.source: an instance type override needs the source it was read in (got ""); fix: cite where the list comes from, e.g. the AWS Wavelength page or a describe-instance-type-offerings run with its date',
    );
  });

  it("rule 6: rejects a carrier gateway in a VPC with no Wavelength subnet", () => {
    const err = configError(() => build({ tiers: [] }));
    expect(err.code).toBe("EDGE_WLZ_CARRIER_GATEWAY_NO_SUBNET");
    expect(err.message).toBe(
      'EDGE_WLZ_CARRIER_GATEWAY_NO_SUBNET at wavelength.tiers: a carrier gateway is only available in a VPC that has a Wavelength Zone subnet, and no tier creates one (got []); fix: add the "carrier" tier, or set carrierGateway to false',
    );
  });

  it("rule 6: rejects a carrier tier with no carrier gateway to route to", () => {
    const err = configError(() =>
      build({
        vpc: hubVpc,
        regionAvailabilityZone: undefined,
        subnetBlock: "10.10.96.0/20",
        carrierGateway: false,
      }),
    );
    expect(err.code).toBe("EDGE_WLZ_CARRIER_ROUTE");
    expect(err.message).toBe(
      "EDGE_WLZ_CARRIER_ROUTE at wavelength.carrierGatewayId: the carrier tier routes 0.0.0.0/0 to a carrier gateway, but none is created or given (got nothing); fix: set carrierGateway to true, or give the VPC's carrierGatewayId",
    );
  });

  it("rule 6: rejects a second carrier gateway in one VPC", () => {
    const err = configError(() =>
      build({
        vpc: hubVpc,
        regionAvailabilityZone: undefined,
        subnetBlock: "10.10.96.0/20",
        carrierGatewayId: "cagw-0existing",
      }),
    );
    expect(err.code).toBe("EDGE_WLZ_CARRIER_GATEWAY_DUPLICATE");
    expect(err.message).toBe(
      'EDGE_WLZ_CARRIER_GATEWAY_DUPLICATE at wavelength.carrierGatewayId: a VPC has one carrier gateway; this construct would create a second one beside the given one (got "cagw-0existing"); fix: set carrierGateway to false to use the given carrier gateway, or remove carrierGatewayId',
    );
  });

  it("rule 8: rejects Wavelength subnets outside the extended VPC", () => {
    const err = configError(() => build({ vpc: hubVpc, regionAvailabilityZone: undefined }));
    expect(err.code).toBe("EDGE_CIDR_OUTSIDE_VPC");
    expect(err.message).toBe(
      'EDGE_CIDR_OUTSIDE_VPC at environments.dev.network.sites.wavelength-bos: 10.11.0.0/20 is not inside the VPC CIDR 10.10.0.0/16 (got "10.11.0.0/20"); fix: choose a block inside 10.10.0.0/16 that no other site uses, or give the zone a VPC of its own',
    );
  });

  it("rule 8: rejects Wavelength subnets that overlap another site's block", () => {
    const err = configError(() =>
      build({ vpc: hubVpc, regionAvailabilityZone: undefined, subnetBlock: "10.10.64.0/20" }),
    );
    expect(err.code).toBe("EDGE_CIDR_OVERLAP");
    expect(err.message).toBe(
      "EDGE_CIDR_OVERLAP at wavelength.subnetBlock: 10.10.64.0/20 overlaps the block of site local-zone-bos (10.10.64.0/20), so subnets could collide (got \"10.10.64.0/20\"); fix: use this site's own block from network.sites, or another block outside every other site's",
    );
  });

  it("rule 8: rejects a VPC of its own that overlaps the hub VPC", () => {
    const err = configError(() => build({ subnetBlock: "10.10.128.0/20" }));
    expect(err.code).toBe("EDGE_CIDR_OVERLAP");
    expect(err.message).toBe(
      'EDGE_CIDR_OVERLAP at wavelength.subnetBlock: 10.10.128.0/20 overlaps the hub VPC 10.10.0.0/16, so the two VPCs could not be routed to each other (got "10.10.128.0/20"); fix: give the Wavelength VPC a block outside 10.10.0.0/16',
    );
  });

  it("needs a region-side availability zone for a VPC of its own", () => {
    const err = configError(() => build({ regionAvailabilityZone: undefined }));
    expect(err.message).toBe(
      'EDGE_WLZ_REGION_AZ at wavelength.regionAvailabilityZone: a Wavelength VPC of its own needs a region-side availability zone for what cannot live in the zone (got nothing); fix: set regionAvailabilityZone to an availability zone of us-east-1, such as "us-east-1a"',
    );
  });

  it("reports every problem at once", () => {
    const errors = configErrors(() =>
      build({
        zone: "us-east-1a",
        regionAvailabilityZone: "us-east-1-bos-1a",
        ipv6: true,
        tiers: [],
      }),
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "EDGE_ZONE_KIND wavelength.zone",
      "EDGE_ZONE_KIND wavelength.regionAvailabilityZone",
      "EDGE_WLZ_CARRIER_GATEWAY_NO_SUBNET wavelength.tiers",
    ]);
  });
});
