import { edgePolicyPack, policyReportOf } from "@edge/policy";
import { addressSummary, buildSite, resourcesOf } from "@edge/core/testing";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { regionHub } from "../src/main";

/**
 * Every environment also homes region-hub in us-west-2 (network.regions["us-west-2"] of
 * @edge/environments): a second hub with its own VPC and transit gateway, for the sites homed
 * there (local-zone-lax).
 */
describe.each(defaultEnvironments())("region-hub-us-west-2-%s", (env) => {
  const { stack, json } = buildSite(regionHub, env, { catalog: environmentCatalog, policy: edgePolicyPack, region: "us-west-2" });
  const east = buildSite(regionHub, env, { catalog: environmentCatalog, policy: edgePolicyPack }).json;
  const x = { dev: "12", staging: "22", prod: "32" }[env];

  it("has the addresses of the us-east-1 hub, with its availability zones", () => {
    const west = JSON.stringify(addressSummary(json)).replace(/us-west-2/g, "us-east-1");
    expect(JSON.parse(west)).toEqual(addressSummary(east));
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("is a stack and a state of its own in us-west-2", () => {
    expect(stack.node.id).toBe(`region-hub-us-west-2-${env}`);
    expect(json.provider.aws[0].region).toBe("us-west-2");
    expect(json.provider.aws[0].default_tags[0].tags).toMatchObject({ site: "region-hub-us-west-2", environment: env });
  });

  it("builds its VPC from the us-west-2 plan in the us-west-2 availability zones", () => {
    expect(resourcesOf(json, "aws_vpc").hub_vpc.cidr_block).toBe(`10.${x}.0.0/16`);
    const subnets = Object.values(resourcesOf(json, "aws_subnet"));
    for (const subnet of subnets) {
      expect(subnet.cidr_block.startsWith(`10.${x}.`)).toBe(true);
      expect(subnet.availability_zone).toMatch(/^us-west-2[a-c]$/);
    }
  });

  it("has a transit gateway of its own", () => {
    const tgws = Object.values(resourcesOf(json, "aws_ec2_transit_gateway"));
    expect(tgws).toHaveLength(1);
    expect(tgws[0].tags).toEqual({ Name: `region-hub-us-west-2-${env}-multicast` });
  });

  it("has no error-level policy finding", () => {
    expect(policyReportOf(stack)?.summary.errors).toBe(0);
  });
});
