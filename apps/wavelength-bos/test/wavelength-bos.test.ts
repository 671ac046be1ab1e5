import {
  defineEnvironment,
  SHIPPED_ENVIRONMENTS,
  outputName,
  siteConfigFor,
  siteConfigPath,
  wavelengthBosOutputs,
  type EnvironmentInput,
} from "@edge/core";
import { evaluateTerraform } from "@edge/policy";
import { addressSummary, configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { wavelengthBos } from "../src/main";

function synthSite(
  env: string,
  environments = wavelengthBos.environments,
  environment?: Partial<EnvironmentInput>,
) {
  const site = { ...wavelengthBos, environments };
  const stack = testStack({ site: "wavelength-bos", env, environment });
  site.build(stack, siteConfigFor(site, env), siteConfigPath(site, env));
  return synthJson(stack);
}

const HUB_STATE = "data.terraform_remote_state.region-hub-outputs.outputs";

describe.each(["dev", "staging", "prod"])("wavelength-bos-%s", (env) => {
  const json = synthSite(env);
  const x = { dev: "11", staging: "21", prod: "31" }[env];
  const hub = { dev: "10", staging: "20", prod: "30" }[env];

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes every output of the wavelength-bos contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      Object.keys(wavelengthBosOutputs.outputs).map(outputName).sort(),
    );
    expect(json.output?.carrier_gateway_id.value).toBe(
      "${aws_ec2_carrier_gateway.wavelength_carrier-gateway.id}",
    );
    expect(json.output?.launch_template_id.value).toBe(
      "${aws_launch_template.hosts_launch-template.id}",
    );
    expect(json.output?.zone_name.value).toBe("us-east-1-wl1-bos-wlz-1");
  });

  it("gets a VPC of its own from the site's block, with a carrier gateway, carrier route and carrier-IP launch template", () => {
    expect(resourcesOf(json, "aws_vpc").wavelength_vpc_vpc.cidr_block).toBe(`10.${x}.0.0/20`);
    expect(
      resourcesOf(json, "aws_route")["wavelength_carrier-default-route"].carrier_gateway_id,
    ).toBe("${aws_ec2_carrier_gateway.wavelength_carrier-gateway.id}");
    const template = resourcesOf(json, "aws_launch_template")["hosts_launch-template"];
    expect(template.network_interfaces[0].associate_carrier_ip_address).toBe("true");
    expect(template.block_device_mappings[0].ebs.volume_type).toBe("gp2");
  });

  it("checks at plan time that the hub read from region-hub has the CIDR its VPC must not overlap", () => {
    expect(
      resourcesOf(json, "aws_subnet")["wavelength_carrier-subnet"].lifecycle.precondition[1]
        .condition,
    ).toBe(`\${(${HUB_STATE}.vpc_cidr == "10.${hub}.0.0/16")}`);
  });
});

describe("wavelength-bos per-environment choices", () => {
  it("opens 443 to the carrier network and adds a private tier in staging and prod only", () => {
    expect(
      Object.keys(resourcesOf(synthSite("dev"), "aws_vpc_security_group_ingress_rule")),
    ).toEqual([]);
    expect(
      Object.keys(resourcesOf(synthSite("prod"), "aws_vpc_security_group_ingress_rule")),
    ).toEqual(["wavelength_host-ingress-tcp-443"]);
    expect(
      resourcesOf(synthSite("dev"), "aws_subnet")["wavelength_private-subnet"],
    ).toBeUndefined();
    expect(
      resourcesOf(synthSite("staging"), "aws_subnet")["wavelength_private-subnet"],
    ).toBeDefined();
  });
});

describe("wavelength-bos reads region-hub's state from the environment's backend", () => {
  const remote = (json: ReturnType<typeof synthSite>) =>
    json.data?.terraform_remote_state?.["region-hub-outputs"];

  it("local", () => {
    expect(remote(synthSite("staging"))).toEqual({
      backend: "local",
      config: { path: "../../../state/region-hub/staging.tfstate" },
    });
  });

  it("s3", () => {
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

  it("tfc", () => {
    const json = synthSite("prod", wavelengthBos.environments, {
      backend: {
        type: "tfc",
        organization: "acme",
        workspacePrefix: "edge",
        hostname: "tfe.example.com",
      },
    });
    expect(remote(json)).toEqual({
      backend: "remote",
      config: {
        organization: "acme",
        hostname: "tfe.example.com",
        workspaces: { name: "edge-region-hub-prod" },
      },
    });
  });
});

describe("wavelength-bos bad input", () => {
  it("rejects a host instance type the zone does not offer, at its config path", () => {
    const err = configError(() =>
      synthSite("dev", {
        ...wavelengthBos.environments,
        dev: { ...wavelengthBos.environments.dev, hosts: { instanceType: "t3.micro" } },
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_INSTANCE_TYPE");
    expect(err.message).toBe(
      'EDGE_ZONE_INSTANCE_TYPE at environments.dev.hosts.instanceType: us-east-1-wl1-bos-wlz-1 does not offer t3.micro (offers t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge) (got "t3.micro"); fix: use one of t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge, or override allowedInstanceTypes with the source you read',
    );
  });

  it("rejects a Local Zone as the region-side availability zone, at its config path", () => {
    const err = configError(() =>
      synthSite("prod", {
        ...wavelengthBos.environments,
        prod: { ...wavelengthBos.environments.prod, regionAvailabilityZone: "us-east-1-bos-1a" },
      }),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.prod.regionAvailabilityZone: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });
});

describe("wavelength-bos passes the policy pack", () => {
  it.each(["dev", "staging", "prod"])("%s has no error-level finding", (env) => {
    const json = synthSite(env);
    const environment = defineEnvironment(SHIPPED_ENVIRONMENTS[env], env);
    const evaluations = evaluateTerraform(json, {
      stack: `wavelength-bos-${env}`,
      site: "wavelength-bos",
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
