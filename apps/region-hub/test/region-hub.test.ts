import { regionHubOutputs, siteConfigFor, siteConfigPath, outputName } from "@edge/core";
import { addressSummary, configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { regionHub } from "../src/main";

function synthSite(env: string, environments = regionHub.environments) {
  const site = { ...regionHub, environments };
  const stack = testStack({ site: "region-hub", env });
  site.build(stack, siteConfigFor(site, env), siteConfigPath(site, env));
  return synthJson(stack);
}

describe.each(["dev", "staging", "prod"])("region-hub-%s", (env) => {
  const json = synthSite(env);

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes every output of the region-hub contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(Object.keys(regionHubOutputs.outputs).map(outputName).sort());
    expect(json.output?.vpc_id.value).toBe("${aws_vpc.hub_vpc.id}");
    expect(json.output?.private_subnet_ids.value["us-east-1b"]).toBe("${aws_subnet.hub_private-subnet-us-east-1b.id}");
  });

  it("never declares the same security-group rule twice (AWS rejects duplicates at apply)", () => {
    const rules = ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"].flatMap((type) =>
      Object.values(resourcesOf(json, type)).map((r) =>
        [type, r.security_group_id, r.ip_protocol, r.cidr_ipv4, r.from_port, r.to_port].join(" "),
      ),
    );
    expect(rules.length).toBeGreaterThan(5);
    expect(new Set(rules).size).toBe(rules.length);
  });

  it("builds the VPC from the environment's network plan", () => {
    const vpc = resourcesOf(json, "aws_vpc").hub_vpc;
    const x = { dev: "10", staging: "20", prod: "30" }[env];
    expect(vpc.cidr_block).toBe(`10.${x}.0.0/16`);
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(subnet.cidr_block.startsWith(`10.${x}.`)).toBe(true);
    }
  });
});

describe("region-hub per-environment choices", () => {
  it("uses a NAT gateway per AZ in prod and a single one in dev and staging", () => {
    expect(Object.keys(resourcesOf(synthSite("prod"), "aws_nat_gateway"))).toHaveLength(3);
    expect(Object.keys(resourcesOf(synthSite("staging"), "aws_nat_gateway"))).toHaveLength(1);
    expect(Object.keys(resourcesOf(synthSite("dev"), "aws_nat_gateway"))).toHaveLength(1);
  });

  it("synthesizes an ad-hoc environment with dev's config", () => {
    const json = synthSite("feature-42");
    expect(json.provider.aws[0].default_tags[0].tags.environment).toBe("feature-42");
    expect(json.terraform.backend.local.path).toBe("../../../state/region-hub/feature-42.tfstate");
  });
});

describe("region-hub bad input", () => {
  it("rejects a misspelled key in the site config with a did-you-mean", () => {
    const err = configError(() =>
      synthSite("dev", {
        ...regionHub.environments,
        dev: { ...regionHub.environments.dev, vpc: { availabilityZones: ["us-east-1a"], natGateway: "single" } as never },
      }),
    );
    expect(err.message).toBe(
      'EDGE_CONFIG_UNKNOWN_KEY at environments.dev.vpc.natGateway: unknown key "natGateway" (got "single"); fix: did you mean "natGateways"? remove "natGateway" or use one of: availabilityZones, natGateways, publicSubnetPrefixLength, privateSubnetPrefixLength, flowLogRetentionDays, flowLogAggregationSeconds, instanceConnectEndpoint',
    );
  });

  it("names the site config path when a construct rejects a value", () => {
    const err = configError(() =>
      synthSite("prod", {
        ...regionHub.environments,
        prod: { ...regionHub.environments.prod, vpc: { availabilityZones: ["us-east-1a", "us-east-1-wl1-bos-wlz-1"] } },
      }),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.prod.vpc.availabilityZones[1]: us-east-1-wl1-bos-wlz-1 is a Wavelength Zone, expected an availability zone (got "us-east-1-wl1-bos-wlz-1"); fix: put us-east-1-wl1-bos-wlz-1 in the Wavelength Zone site\'s config, not here',
    );
  });
});
