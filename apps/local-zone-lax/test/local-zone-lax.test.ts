import { zoneCatalog } from "@edge/core";
import { addressSummary, buildSite, configError, resourcesOf } from "@edge/core/testing";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { localZoneLax } from "../src/main";
import type { LocalZoneLaxConfig } from "../src/site";

const build = (env: string, regions = localZoneLax.regions) =>
  buildSite({ ...localZoneLax, regions }, env, { catalog: environmentCatalog, policy: edgePolicyPack, region: "us-west-2" });

const HUB_STATE = "data.terraform_remote_state.region-hub-outputs";

// us-west-2-lax-1a: Los Angeles, parent Region us-west-2, network border group us-west-2-lax-1
// (AWS Local Zones User Guide, "Available Local Zones").
describe.each(defaultEnvironments())("local-zone-lax-%s", (env) => {
  const { stack, json } = build(env);
  const x = { dev: "12", staging: "22", prod: "32" }[env];

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("is homed in us-west-2, next to the environment's us-east-1 sites", () => {
    expect(stack.node.id).toBe(`local-zone-lax-${env}`);
    expect(json.provider.aws[0].region).toBe("us-west-2");
    expect(json.provider.aws[0].default_tags[0].tags).toMatchObject({ site: "local-zone-lax", environment: env });
  });

  it("reads the hub of its own Region, region-hub's us-west-2 instance", () => {
    const source = json.data?.terraform_remote_state["region-hub-outputs"];
    if (source.backend === "remote") {
      // Terraform Cloud: the workspace of the us-west-2 hub instance.
      expect(source.config.workspaces).toEqual({ name: `edge-region-hub-us-west-2-${env}` });
    } else if (source.backend === "s3") {
      // S3 state stays in the environment's own Region whatever Region the site is homed in.
      expect(source.config).toMatchObject({ key: `region-hub-us-west-2/${env}/terraform.tfstate`, region: "us-east-1" });
    } else {
      expect(source.config.path).toMatch(new RegExp(`state/region-hub-us-west-2/${env}\\.tfstate$`));
    }
    expect(resourcesOf(json, "aws_subnet")["local-zones_public-subnet-us-west-2-lax-1a"].vpc_id).toBe(
      `\${${HUB_STATE}.outputs.vpc_id}`,
    );
  });

  it("carves its subnets from its block of the us-west-2 plan, in the Local Zone", () => {
    const subnets = Object.values(resourcesOf(json, "aws_subnet"));
    expect(subnets.map((s) => [s.availability_zone, s.cidr_block]).sort()).toEqual([
      ["us-west-2-lax-1a", `10.${x}.64.0/22`],
      ["us-west-2-lax-1a", `10.${x}.68.0/24`],
    ]);
  });

  it("opts in to the zone group and egresses through the hub's NAT gateway in us-west-2a", () => {
    expect(resourcesOf(json, "aws_ec2_availability_zone_group")["local-zones_opt-in-us-west-2-lax-1"]).toMatchObject({
      group_name: "us-west-2-lax-1",
      opt_in_status: "opted-in",
    });
    expect(resourcesOf(json, "aws_route")["local-zones_private-default-route-us-west-2-lax-1a"].nat_gateway_id).toBe(
      `\${${HUB_STATE}.outputs.nat_gateway_ids["us-west-2a"]}`,
    );
  });
});

describe("local-zone-lax config", () => {
  it("rejects an egress availability zone of the other Region", () => {
    const regions: Record<string, Record<string, LocalZoneLaxConfig>> = {
      "us-west-2": { ...localZoneLax.regions!["us-west-2"], dev: { zones: [{ name: "us-west-2-lax-1a", egressAvailabilityZone: "us-east-1a" }] } },
    };
    const err = configError(() => build("dev", regions));
    expect(err.message).toBe(
      'EDGE_ZONE_REGION at regions.us-west-2.dev.zones[0].egressAvailabilityZone: zone belongs to us-east-1, not to the stack\'s region us-west-2 (got "us-east-1a"); fix: use a zone of us-west-2 or deploy this site to us-east-1',
    );
  });

  it("uses the catalog facts of us-west-2-lax-1a, with their sources", () => {
    const zone = { kind: "local-zone" as const, name: "us-west-2-lax-1a" };
    expect(zoneCatalog.knows("us-west-2-lax-1a")).toBe(true);
    const facts = zoneCatalog.factsFor(zone);
    expect(facts.natGateway.value).toBe(false);
    expect(facts.ipv6.value).toBe(true);
    expect(facts.ebsVolumeTypes.value).toEqual(["gp2"]);
    expect(facts.natGateway.source).toContain("available-local-zones.html");
  });
});
