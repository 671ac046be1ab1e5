import { TerraformOutput } from "cdktf";
import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { extendHubIntoLocalZones, localZoneNetworkIds, type HubLocalZonesProps } from "../src";

// us-east-1-bos-1a: Boston, parent Region us-east-1, network border group us-east-1-bos-1 (AWS
// Local Zones User Guide, "Available Local Zones"); the zone catalog lists no NAT gateway there,
// so private egress goes to the hub's NAT gateway in the zone's egress AZ.
const BOS = "us-east-1-bos-1a";
/** The hub as region-hub's outputs read it: NAT gateway ids looked up by AZ. */
const hub = {
  vpcId: "vpc-0hub",
  vpcCidr: "10.10.0.0/16",
  internetGatewayId: "igw-0hub",
  natGatewayIds: { get: (az: string) => `nat-0hub-${az}` },
};

function build(props: Partial<HubLocalZonesProps> = {}) {
  const stack = testStack({ site: "local-zone-bos" });
  const lz = extendHubIntoLocalZones(stack, "local-zones", {
    hub,
    zones: [{ name: BOS, egressAvailabilityZone: "us-east-1a" }],
    configPath: "environments.dev",
    ...props,
  });
  return { stack, lz };
}

describe("extendHubIntoLocalZones", () => {
  it("extends the hub VPC under the given id, egressing through the hub's NAT gateway in the zone's egress AZ", () => {
    const { stack } = build();
    const json = synthJson(stack);
    // Terraform addresses: the construct id is the site's ("local-zones"), as with LocalZoneSubnets.
    expect(resourcesOf(json, "aws_subnet")[`local-zones_public-subnet-${BOS}`].vpc_id).toBe(
      "vpc-0hub",
    );
    expect(resourcesOf(json, "aws_route")[`local-zones_public-default-route`]).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: "igw-0hub",
    });
    expect(
      resourcesOf(json, "aws_route")[`local-zones_private-default-route-${BOS}`],
    ).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "nat-0hub-us-east-1a",
    });
    // No S3 gateway endpoint association unless one is given.
    expect(json.resource?.aws_vpc_endpoint_route_table_association).toBeUndefined();
  });

  it("associates the hub's S3 gateway endpoint when given", () => {
    const json = synthJson(build({ s3GatewayEndpointId: "vpce-0hubs3" }).stack);
    expect(Object.values(resourcesOf(json, "aws_vpc_endpoint_route_table_association"))).toEqual([
      expect.objectContaining({ vpc_endpoint_id: "vpce-0hubs3" }),
    ]);
  });

  it("reports a zone error at the zone's name in the site config", () => {
    const err = configError(() =>
      build({ zones: [{ name: "us-west-2-lax-1a", egressAvailabilityZone: "us-west-2a" }] }),
    );
    expect(err.code).toBe("EDGE_ZONE_REGION");
    expect(err.message).toBe(
      'EDGE_ZONE_REGION at environments.dev.zones[0].name: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2-lax-1a"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    );
  });

  it("reports an egress error at the zone's egressAvailabilityZone in the site config", () => {
    const err = configError(() =>
      build({ zones: [{ name: BOS, egressAvailabilityZone: "us-west-2a" }] }),
    );
    expect(err.code).toBe("EDGE_ZONE_REGION");
    expect(err.path).toBe("environments.dev.zones[0].egressAvailabilityZone");
  });

  it("without an egress AZ, a zone without NAT gateways needs privateEgress none", () => {
    const err = configError(() => build({ zones: [{ name: BOS }] }));
    expect(err.code).toBe("EDGE_LZ_EGRESS_MISSING");
    expect(
      build({ zones: [{ name: BOS }], privateEgress: "none" }).lz.zones.map((z) => z.name),
    ).toEqual([BOS]);
  });
});

describe("localZoneNetworkIds", () => {
  it("gives the ids a Local Zone site publishes, keyed by zone name", () => {
    const { stack, lz } = build();
    const ids = localZoneNetworkIds(lz);
    expect(Object.keys(ids)).toEqual([
      "publicSubnetIds",
      "privateSubnetIds",
      "publicRouteTableId",
      "privateRouteTableIds",
      "natGatewayIds",
      "networkBorderGroups",
      "ebsVolumeTypes",
      "workloadSecurityGroupId",
    ]);
    // The values are references to the resources' ids, as an output renders them.
    new TerraformOutput(stack, "ids", { value: ids });
    const resolved = synthJson(stack).output!.ids.value;
    expect(resolved.publicSubnetIds).toEqual({
      [BOS]: `\${aws_subnet.local-zones_public-subnet-${BOS}.id}`,
    });
    expect(resolved.privateRouteTableIds).toEqual({
      [BOS]: `\${aws_route_table.local-zones_private-route-table-${BOS}.id}`,
    });
    // Egress through the hub: no in-zone NAT gateway to publish.
    expect(ids.natGatewayIds).toEqual({});
    expect(ids.networkBorderGroups).toEqual({ [BOS]: "us-east-1-bos-1" });
    // The zone catalog lists gp2 only in Boston.
    expect(ids.ebsVolumeTypes).toEqual({ [BOS]: "gp2" });
    expect(resolved.workloadSecurityGroupId).toBe(
      "${aws_security_group.local-zones_workload-security-group.id}",
    );
    expect(stack.node.tryFindChild("local-zones")).toBe(lz);
  });
});
