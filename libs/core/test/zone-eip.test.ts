import { configError, configErrors, resourcesOf, synthJson, testStack } from "../src/testing";
import { parseZone, ZoneEip, ZonePlacement } from "../src";

// Edge-zone addresses: "network_border_group - (Optional) Location from which the IP address is
// advertised" (Terraform AWS provider, aws_eip); an address of a Local Zone or Wavelength Zone
// comes from that zone's border group (Amazon VPC UG, Local Zones; Wavelength carrier IPs).
describe("ZoneEip", () => {
  it("allocates in the zone's network border group, for a Local Zone or a Wavelength Zone by name", () => {
    const stack = testStack({ site: "edge", env: "dev" });
    new ZoneEip(stack, "lz", { zone: "us-east-1-bos-1a", instanceId: "i-1" });
    new ZoneEip(stack, "wl", { zone: "us-east-1-wl1-bos-wlz-1" });
    const json = synthJson(stack);
    expect(resourcesOf(json, "aws_eip")).toEqual({
      lz_eip: { domain: "vpc", network_border_group: "us-east-1-bos-1", tags: { Name: "edge-dev-lz" } },
      wl_eip: {
        domain: "vpc",
        network_border_group: "us-east-1-wl1-bos-wlz-1",
        tags: { Name: "edge-dev-wl" },
      },
    });
    expect(resourcesOf(json, "aws_eip_association")).toEqual({
      lz_association: { allocation_id: "${aws_eip.lz_eip.allocation_id}", instance_id: "i-1" },
    });
  });

  // The documented border group of a listed zone (Local Zones UG, "Available Local Zones":
  // us-east-1-atl-2a, Network Border Group us-east-1-atl-2); EC2 API reference, AllocateAddress
  // NetworkBorderGroup: "IP addresses cannot move between network border groups".
  it("allocates in the documented border group of a zone listed from its AWS page", () => {
    const stack = testStack({ site: "edge", env: "dev" });
    new ZoneEip(stack, "atl", { zone: "us-east-1-atl-2a" });
    expect(resourcesOf(synthJson(stack), "aws_eip")).toEqual({
      atl_eip: { domain: "vpc", network_border_group: "us-east-1-atl-2", tags: { Name: "edge-dev-atl" } },
    });
  });

  it("rejects an availability zone, another border group and two targets, with a rule of the caller, at once", () => {
    const stack = testStack({ site: "edge", env: "dev" });
    const zone = parseZone("us-east-1-bos-1a", { region: "us-east-1", path: "zone" });
    const errors = configErrors(
      () =>
        new ZoneEip(
          stack,
          "eip",
          {
            zone,
            networkBorderGroup: "us-east-1",
            instanceId: "i-1",
            networkInterfaceId: "eni-1",
            label: "a test address",
            configPath: "site.eip",
          },
          (check, z, path) =>
            check.fail({ code: "EDGE_TEST_RULE", path, value: z.name, problem: "caller's rule", fix: "none" }),
        ),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["EDGE_EIP_BORDER_GROUP", "site.eip.networkBorderGroup"],
      ["EDGE_TEST_RULE", "site.eip"],
      ["EDGE_EIP_TARGET", "site.eip.networkInterfaceId"],
    ]);
    expect(errors[0].problem).toBe(
      "a test address used in us-east-1-bos-1a must come from its network border group us-east-1-bos-1",
    );
    const az = configError(() => new ZoneEip(stack, "az", { zone: "us-east-1a" }));
    expect([az.code, az.path]).toEqual(["EDGE_ZONE_KIND", "eip.zone"]);
  });
});

// "You cannot create VPC endpoints inside Local Zone subnets" (Amazon VPC UG, Extend_VPCs).
describe("ZonePlacement", () => {
  it("creates endpoints in the owner's scope under its config path, defaulting to its own subnets", () => {
    const stack = testStack({ site: "edge", env: "dev" });
    const placement = new ZonePlacement(stack, {
      vpcId: "vpc-1",
      configPath: "site.zones",
      defaultSubnets: () => [{ subnetId: "subnet-a", zone: "us-east-1a" }],
    });
    placement.addInterfaceEndpoint("ssm", { serviceName: "com.amazonaws.us-east-1.ssm" });
    expect(
      resourcesOf(synthJson(stack), "aws_vpc_endpoint")["interface-endpoint-ssm"],
    ).toMatchObject({ vpc_id: "vpc-1", subnet_ids: ["subnet-a"], vpc_endpoint_type: "Interface" });
    const err = configError(() =>
      placement.addTransitGatewayAttachment("tgw", {
        transitGatewayId: "tgw-1",
        subnets: [{ subnetId: "subnet-bos", zone: "us-east-1-bos-1a" }],
      }),
    );
    expect([err.code, err.path]).toEqual([
      "EDGE_ZONE_NO_TGW_ATTACHMENT",
      "site.zones.transitGatewayAttachments.tgw.subnets[0].zone",
    ]);
  });

  it("rejects an option without subnets when the owner has none of its own", () => {
    const stack = testStack({ site: "edge", env: "dev" });
    const placement = new ZonePlacement(stack, { vpcId: "vpc-1", configPath: "site.zones" });
    const err = configError(() =>
      placement.addInterfaceEndpoint("ssm", { serviceName: "com.amazonaws.us-east-1.ssm" }),
    );
    expect([err.code, err.path]).toEqual([
      "EDGE_PLACEMENT_EMPTY",
      "site.zones.interfaceEndpoints.ssm.subnets",
    ]);
  });
});
