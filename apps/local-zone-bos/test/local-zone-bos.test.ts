import {
  defineEnvironment,
  SHIPPED_ENVIRONMENTS,
  localZoneBosOutputs,
  outputName,
  siteConfigFor,
  siteConfigPath,
  type EnvironmentInput,
} from "@edge/core";
import { evaluateTerraform } from "@edge/policy";
import { addressSummary, configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { localZoneBos } from "../src/main";

function synthSite(
  env: string,
  environments = localZoneBos.environments,
  environment?: Partial<EnvironmentInput>,
) {
  const site = { ...localZoneBos, environments };
  const stack = testStack({ site: "local-zone-bos", env, environment });
  site.build(stack, siteConfigFor(site, env), siteConfigPath(site, env));
  return synthJson(stack);
}

const HUB_STATE = "data.terraform_remote_state.region-hub-outputs.outputs";

describe.each(["dev", "staging", "prod"])("local-zone-bos-%s", (env) => {
  const json = synthSite(env);
  const x = { dev: "10", staging: "20", prod: "30" }[env];

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes every output of the local-zone-bos contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      Object.keys(localZoneBosOutputs.outputs).map(outputName).sort(),
    );
    expect(json.output?.private_subnet_ids.value).toEqual({
      "us-east-1-bos-1a": "${aws_subnet.local-zones_private-subnet-us-east-1-bos-1a.id}",
    });
    expect(json.output?.network_border_groups.value).toEqual({
      "us-east-1-bos-1a": "us-east-1-bos-1",
    });
    expect(json.output?.ebs_volume_types.value).toEqual({ "us-east-1-bos-1a": "gp2" });
  });

  it("extends the hub VPC read from region-hub's outputs, inside this site's block", () => {
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(subnet.vpc_id).toBe(`\${${HUB_STATE}.vpc_id}`);
      expect(subnet.cidr_block.startsWith(`10.${x}.6`)).toBe(true);
      expect(subnet.lifecycle.precondition[0].condition).toBe(
        `\${(${HUB_STATE}.vpc_cidr == "10.${x}.0.0/16")}`,
      );
    }
    expect(resourcesOf(json, "aws_route")["local-zones_public-default-route"].gateway_id).toBe(
      `\${${HUB_STATE}.internet_gateway_id}`,
    );
    expect(
      resourcesOf(json, "aws_route")["local-zones_private-default-route-us-east-1-bos-1a"]
        .nat_gateway_id,
    ).toBe(`\${${HUB_STATE}.nat_gateway_ids["us-east-1a"]}`);
  });
});

describe("local-zone-bos reads region-hub's state from the environment's backend", () => {
  const remote = (json: ReturnType<typeof synthSite>) =>
    json.data?.terraform_remote_state?.["region-hub-outputs"];

  it("local: the hub's state file under state/, relative to this stack's directory", () => {
    expect(remote(synthSite("dev"))).toEqual({
      backend: "local",
      config: { path: "../../../state/region-hub/dev.tfstate" },
    });
  });

  it("s3: the hub's key in the environment's bucket", () => {
    expect(remote(synthSite("prod"))).toEqual({
      backend: "s3",
      config: {
        bucket: "edge-blueprints-tfstate-333333333333",
        key: "region-hub/prod/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
      },
    });
  });

  it("tfc: the hub's workspace in the organization", () => {
    const json = synthSite("dev", localZoneBos.environments, {
      backend: { type: "tfc", organization: "acme", workspacePrefix: "edge" },
    });
    expect(remote(json)).toEqual({
      backend: "remote",
      config: {
        organization: "acme",
        hostname: "app.terraform.io",
        workspaces: { name: "edge-region-hub-dev" },
      },
    });
  });
});

describe("local-zone-bos bad input", () => {
  it("rejects a Local Zone given as the egress availability zone, at its config path", () => {
    const err = configError(() =>
      synthSite("prod", {
        ...localZoneBos.environments,
        prod: { zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1-bos-1a" }] },
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.prod.zones[0].egressAvailabilityZone: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });

  it("rejects an availability zone listed as the Local Zone, at its config path", () => {
    const err = configError(() =>
      synthSite("staging", {
        ...localZoneBos.environments,
        staging: { zones: [{ name: "us-east-1b" }] },
      }),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.staging.zones[0]: us-east-1b is an availability zone, expected a Local Zone (got "us-east-1b"); fix: list us-east-1b with the Region subnets, not as an edge zone',
    );
  });
});

describe("local-zone-bos passes the policy pack", () => {
  it.each(["dev", "staging", "prod"])("%s has no error-level finding", (env) => {
    const json = synthSite(env);
    const environment = defineEnvironment(SHIPPED_ENVIRONMENTS[env], env);
    const evaluations = evaluateTerraform(json, {
      stack: `local-zone-bos-${env}`,
      site: "local-zone-bos",
      environment: env,
      region: environment.region,
      account: environment.account,
      permissionsBoundaryArn: environment.permissionsBoundaryArn,
    });
    expect(evaluations.length).toBeGreaterThan(10);
    const failures = evaluations
      .filter((e) => e.rule.level === "error" && e.outcome.status === "non-compliant")
      .map((e) => `${e.rule.id} ${e.address}`);
    expect(failures).toEqual([]);
  });
});
