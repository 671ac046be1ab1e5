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

  // The peering with the home hub (prod: network.regions["us-west-2"].peerWithHome) is the one
  // difference: the us-west-2 hub owns it and reads the home hub; the home hub routes back.
  const unpeered = (summary: unknown) =>
    JSON.parse(JSON.stringify(summary, (_, v: unknown) => (Array.isArray(v) ? v.filter((a) => !/hub-peering|region-hub-us-east-1-outputs/.test(String(a))) : v)));

  it("has the addresses of the us-east-1 hub, with its availability zones", () => {
    const west = JSON.stringify(unpeered(addressSummary(json))).replace(/us-west-2/g, "us-east-1");
    expect(JSON.parse(west)).toEqual(unpeered(addressSummary(east)));
    expect(addressSummary(json)).toMatchSnapshot();
  });

  // AWS Transit Gateway guide, "Transit gateway peering attachments" and "Add a route to a transit
  // gateway route table": a peering needs the accepter's acceptance and a static route on each side.
  it(env === "prod" ? "peers its transit gateway with the us-east-1 hub's (prod's plan asks for it)" : "is not peered (the plan does not ask)", () => {
    const attachments = resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment");
    if (env !== "prod") {
      expect(attachments).toEqual({});
      expect(Object.keys(resourcesOf(east, "aws_route")).filter((a) => a.includes("hub-peering"))).toEqual([]);
      return;
    }
    expect(attachments["hub-peering_attachment"]).toMatchObject({
      transit_gateway_id: "${aws_ec2_transit_gateway.multicast_transit-gateway.id}",
      peer_transit_gateway_id: "${data.terraform_remote_state.region-hub-us-east-1-outputs.outputs.transit_gateway_id}",
      peer_region: "us-east-1",
      peer_account_id: "333333333333",
    });
    expect(resourcesOf(json, "aws_ec2_transit_gateway_peering_attachment_accepter")["hub-peering_accepter"].provider).toBe("aws.us-east-1");
    const routes = resourcesOf(json, "aws_ec2_transit_gateway_route");
    expect(routes["hub-peering_route-to-peer"].destination_cidr_block).toBe("10.30.0.0/16");
    expect(routes["hub-peering_route-from-peer"]).toMatchObject({
      provider: "aws.us-east-1",
      destination_cidr_block: "10.32.0.0/16",
      transit_gateway_route_table_id: "${data.terraform_remote_state.region-hub-us-east-1-outputs.outputs.transit_gateway_route_table_id}",
    });
    const back = Object.entries(resourcesOf(east, "aws_route")).filter(([a]) => a.startsWith("hub-peering-route-us-west-2-"));
    expect(back.map(([, r]) => [r.destination_cidr_block, r.transit_gateway_id])).toEqual(
      ["a", "b", "c"].map(() => ["10.32.0.0/16", "${aws_ec2_transit_gateway.multicast_transit-gateway.id}"]),
    );
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
