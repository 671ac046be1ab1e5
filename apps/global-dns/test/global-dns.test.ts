import * as path from "node:path";
import {
  defineEnvironment,
  displayText,
  EdgeStack,
  placeholder,
  resolveEnvironment,
  siteConfigFor,
  siteConfigPath,
  type EnvironmentInput,
} from "@edge/core";
import { defaultEnvironments, environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import {
  addressSummary,
  buildSite,
  configError,
  configErrors,
  resourcesOf,
  shippedSite,
  synthJson,
  TEST_REPO_ROOT,
} from "@edge/core/testing";
import { edgePolicyPack, evaluateTerraform } from "@edge/policy";
import { Testing } from "cdktf";
import { globalDns } from "../src/main";
import type { GlobalDnsConfig } from "../src/site";

function build(
  env: string,
  environments = globalDns.environments,
  environment?: Partial<EnvironmentInput>,
) {
  return buildSite(globalDns, env, { environments, environment, catalog: environmentCatalog, policy: edgePolicyPack });
}

// The shipped config is synthesized once per environment and shared by this file's tests.
const synthSite = (env: string, environments = globalDns.environments) =>
  environments === globalDns.environments
    ? shippedSite(globalDns, env, { catalog: environmentCatalog, policy: edgePolicyPack }).json
    : build(env, environments).json;

/** The shipped environments with `env`'s config changed by `change`. */
function withEnv(env: string, change: (c: GlobalDnsConfig) => unknown) {
  return { ...globalDns.environments, [env]: change(globalDns.environments[env]) as never };
}

const HUB = "data.terraform_remote_state.region-hub-outputs.outputs";
const LZ = "data.terraform_remote_state.local-zone-bos-outputs.outputs";
const WL = "data.terraform_remote_state.wavelength-bos-outputs.outputs";
// How the typed placeholder of the shipped hosted zone ids appears in cdk.tf.json.
const ZONE = displayText(placeholder("hosted zone id"));
const INTERNET_RECORDS = ["edge_record-local-zone-bos", "edge_record-region-hub"];
const PUBLIC_RECORDS = ["public_record-internet", "public_record-wavelength-bos"];

describe.each(defaultEnvironments())("global-dns-%s", (env) => {
  const { json, stack } = build(env);
  const zone = ZONE;
  const name = {
    dev: "edge.dev.example.com",
    staging: "edge.staging.example.com",
    prod: "edge.example.com",
  }[env];
  const internetName = `internet.${name}`;

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("has one weighted alias record per internet site under the internet name, set identifier = site, weight from config", () => {
    const records = resourcesOf(json, "aws_route53_record");
    const { endpoints } = globalDns.environments[env];
    expect(Object.keys(records).sort()).toEqual(
      [...endpoints.map((e) => `edge_record-${e.site}`), ...PUBLIC_RECORDS].sort(),
    );
    for (const e of endpoints) {
      const record = records[`edge_record-${e.site}`];
      expect(record).toMatchObject({
        zone_id: zone,
        name: internetName,
        type: "A",
        set_identifier: e.site,
        weighted_routing_policy: { weight: e.weight },
      });
      // An alias takes the target's TTL and Route 53 evaluates the load balancer's health.
      expect(record.ttl).toBeUndefined();
      expect(record.records).toBeUndefined();
      expect(record.health_check_id).toBeUndefined();
    }
    expect(records["edge_record-region-hub"].alias).toEqual({
      name: `\${${HUB}.edge_endpoint_dns_name}`,
      zone_id: `\${${HUB}.edge_endpoint_zone_id}`,
      evaluate_target_health: true,
    });
    expect(records["edge_record-local-zone-bos"].alias).toEqual({
      name: `\${${LZ}.edge_endpoint_dns_name}`,
      zone_id: `\${${LZ}.edge_endpoint_zone_id}`,
      evaluate_target_health: true,
    });
  });

  it("fails the plan, naming the site, when a site published an empty endpoint", () => {
    expect(
      resourcesOf(json, "aws_route53_record")["edge_record-region-hub"].lifecycle.precondition,
    ).toEqual([
      {
        condition: `\${(length(${HUB}.edge_endpoint_dns_name) >= 1)}`,
        error_message: `region-hub publishes no edge endpoint in ${env}: deploy region-hub with its load balancer first, or remove it from global-dns's endpoints.`,
      },
    ]);
  });

  // Route 53 Developer Guide, "IP-based routing"; Terraform aws_route53_cidr_collection,
  // aws_route53_cidr_location and aws_route53_record cidr_routing_policy.
  it("answers the public name by client network: wavelength-bos's carrier blocks get its carrier name, everyone else the internet name", () => {
    expect(resourcesOf(json, "aws_route53_cidr_collection")).toEqual({
      public_collection: { name: `global-dns-${env}-public` },
    });
    expect(resourcesOf(json, "aws_route53_cidr_location")).toEqual({
      "public_location-wavelength-bos": {
        cidr_collection_id: "${aws_route53_cidr_collection.public_collection.id}",
        name: "wavelength-bos",
        cidr_blocks: `\${${WL}.carrier_client_cidrs}`,
      },
    });
    const records = resourcesOf(json, "aws_route53_record");
    const dependsOn = INTERNET_RECORDS.map((r) => `aws_route53_record.${r}`).sort();
    expect({
      ...records["public_record-wavelength-bos"],
      depends_on: [...records["public_record-wavelength-bos"].depends_on].sort(),
    }).toEqual({
      zone_id: zone,
      name,
      type: "A",
      set_identifier: "wavelength-bos",
      cidr_routing_policy: {
        collection_id: "${aws_route53_cidr_collection.public_collection.id}",
        location_name: "${aws_route53_cidr_location.public_location-wavelength-bos.name}",
      },
      alias: { name: `\${${WL}.dns_record_name}`, zone_id: zone, evaluate_target_health: true },
      depends_on: dependsOn,
      lifecycle: {
        precondition: [
          {
            condition: `\${(length(${WL}.dns_record_name) >= 1)}`,
            error_message: `wavelength-bos publishes no carrier name in ${env}: give it dns settings and deploy it first, or remove it from global-dns's carrierSites.`,
          },
        ],
      },
    });
    expect({
      ...records["public_record-internet"],
      depends_on: [...records["public_record-internet"].depends_on].sort(),
    }).toEqual({
      zone_id: zone,
      name,
      type: "A",
      set_identifier: "internet",
      cidr_routing_policy: {
        collection_id: "${aws_route53_cidr_collection.public_collection.id}",
        location_name: "*",
      },
      alias: { name: internetName, zone_id: zone, evaluate_target_health: true },
      depends_on: dependsOn,
    });
  });

  it("never puts a carrier ip into an answer an internet client can get", () => {
    const records = Object.values(resourcesOf(json, "aws_route53_record"));
    // Internet clients: location * -> the internet name -> load balancer aliases only.
    const internet = records.filter((r) => r.name === internetName);
    expect(internet.every((r) => r.alias && !r.records)).toBe(true);
    expect(internet.map((r) => r.alias.name).sort()).toEqual([
      `\${${LZ}.edge_endpoint_dns_name}`,
      `\${${HUB}.edge_endpoint_dns_name}`,
    ]);
  });

  it("publishes no outputs and creates nothing but DNS", () => {
    expect(json.output).toBeUndefined();
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_route53_cidr_collection",
      "aws_route53_cidr_location",
      "aws_route53_record",
    ]);
  });

  it("notes who gets which answer, and the deploy order", () => {
    expect(stack.notes).toEqual([
      `global-dns-${env}: ${name} (hosted zone ${zone}) is answered by client network: clients in wavelength-bos's carrier blocks (location wavelength-bos) get its carrier name (its hosts' carrier ips, weighted per host, or the hub when none is healthy); every other client (location *) gets ${internetName}, weighted across region-hub (weight 20, alias to its edge load balancer), local-zone-bos (weight 20, alias to its edge load balancer). Deploy after region-hub, local-zone-bos, wavelength-bos: it reads their outputs`,
    ]);
  });
});

describe("global-dns reads the sites' states from the environment's backend", () => {
  const remote = (env: string, environment?: Partial<EnvironmentInput>) => {
    const { json } = build(env, globalDns.environments, environment);
    return json.data?.terraform_remote_state;
  };

  it("local", () => {
    expect(remote("dev")).toEqual({
      "region-hub-outputs": {
        backend: "local",
        config: { path: "../../../state/region-hub/dev.tfstate" },
      },
      "local-zone-bos-outputs": {
        backend: "local",
        config: { path: "../../../state/local-zone-bos/dev.tfstate" },
      },
      "wavelength-bos-outputs": {
        backend: "local",
        config: { path: "../../../state/wavelength-bos/dev.tfstate" },
      },
    });
  });

  // A tested option for CLI-delivered environments (no shipped environment uses it).
  it("s3", () => {
    const state = remote("prod", { backend: { type: "s3", bucket: "edge-blueprints-tfstate-333333333333", region: "us-east-1" } });
    expect(state?.["local-zone-bos-outputs"]).toEqual({
      backend: "s3",
      config: {
        bucket: "edge-blueprints-tfstate-333333333333",
        key: "local-zone-bos/prod/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
      },
    });
    expect(state?.["region-hub-outputs"].config.key).toBe("region-hub/prod/terraform.tfstate");
  });

  it("tfc", () => {
    const state = remote("prod", {
      backend: { type: "tfc", organization: "acme", workspacePrefix: "edge" },
    });
    expect(state?.["region-hub-outputs"]).toEqual({
      backend: "remote",
      config: {
        organization: "acme",
        hostname: "app.terraform.io",
        workspaces: { name: "edge-region-hub-prod" },
      },
    });
    expect(state?.["local-zone-bos-outputs"].config.workspaces).toEqual({
      name: "edge-local-zone-bos-prod",
    });
  });

  it("reads only the sites listed", () => {
    const json = synthSite(
      "dev",
      withEnv("dev", (c) => ({
        ...c,
        endpoints: [{ site: "local-zone-bos", weight: 5 }],
        carrierSites: [],
      })),
    );
    expect(Object.keys(json.data?.terraform_remote_state ?? {})).toEqual([
      "local-zone-bos-outputs",
    ]);
    expect(Object.keys(resourcesOf(json, "aws_route53_record"))).toEqual([
      "edge_record-local-zone-bos",
      "public_record-internet",
    ]);
    expect(resourcesOf(json, "aws_route53_cidr_location")).toEqual({});
  });
});

describe("global-dns per-environment choices", () => {
  it("can leave target health out of an alias", () => {
    const json = synthSite(
      "staging",
      withEnv("staging", (c) => ({
        ...c,
        endpoints: [
          { site: "region-hub", weight: 30, evaluateTargetHealth: false },
          { site: "local-zone-bos", weight: 0 },
        ],
      })),
    );
    const records = resourcesOf(json, "aws_route53_record");
    expect(records["edge_record-region-hub"].alias.evaluate_target_health).toBe(false);
    expect(records["edge_record-region-hub"].weighted_routing_policy.weight).toBe(30);
    expect(records["edge_record-local-zone-bos"].weighted_routing_policy.weight).toBe(0);
  });

  it("needs no address block: it builds no subnets", () => {
    const environment = resolveEnvironment("dev", environmentCatalog);
    expect(environment.network.sites["global-dns"]).toBeUndefined();
    const stack = new EdgeStack(Testing.app(), {
      site: "global-dns",
      environment,
      layout: { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") },
    });
    globalDns.build(stack, siteConfigFor(globalDns, stack.environment), siteConfigPath(globalDns, stack.environment));
    expect(Object.keys(resourcesOf(synthJson(stack), "aws_route53_record"))).toHaveLength(4);
  });
});

describe("global-dns bad input", () => {
  it("rejects a weight out of range at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          endpoints: [c.endpoints[0], { ...c.endpoints[1], weight: 256 }],
        })),
      ),
    );
    expect(err.message).toBe(
      "EDGE_DNS_WEIGHT at environments.dev.endpoints[1].weight: a route 53 weight is an integer from 0 to 255 (got 256); fix: use a whole number between 0 and 255; the share of answers is weight / sum of weights",
    );
  });

  it("rejects a fractional weight at its config path", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({ ...c, endpoints: [{ site: "region-hub", weight: 2.5 }] })),
      ),
    );
    expect(err.code).toBe("EDGE_DNS_WEIGHT");
    expect(err.path).toBe("environments.prod.endpoints[0].weight");
  });

  it("rejects the Wavelength site as an internet endpoint: its carrier ips go to carrier clients only", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          endpoints: [...c.endpoints, { site: "wavelength-bos", weight: 10 }],
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_GLOBAL_DNS_SITE at environments.dev.endpoints[2].site: wavelength-bos serves carrier ips, which internet clients cannot reach (wavelength zones have no inbound path from the internet), so it has no place among the internet endpoints (got "wavelength-bos"); fix: remove this endpoint and list wavelength-bos in carrierSites: its carrier\'s clients then get its carrier name',
    );
  });

  it("rejects a site that publishes no edge endpoint", () => {
    const err = configError(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({
          ...c,
          endpoints: [{ site: "outpost-factory", weight: 10 }],
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_GLOBAL_DNS_SITE at environments.staging.endpoints[0].site: site "outpost-factory" publishes no edge endpoint (got "outpost-factory"); fix: use one of region-hub, local-zone-bos',
    );
  });

  it("rejects a site listed twice", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({
          ...c,
          endpoints: [...c.endpoints, { site: "region-hub", weight: 1 }],
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_GLOBAL_DNS_SITE_DUPLICATE at environments.prod.endpoints[2].site: region-hub is already listed at endpoints[0], and the site name is the record\'s set identifier, unique per name (got "region-hub"); fix: list each site once and set its weight there',
    );
  });

  it("rejects an empty endpoint list", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, endpoints: [] })),
      ),
    );
    expect(err.code).toBe("EDGE_DNS_ENDPOINT_VALUE");
    expect(err.path).toBe("environments.dev.endpoints");
  });

  it("rejects a hosted zone id that is not one, at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, hostedZoneId: "edge.example.com" })),
      ),
    );
    expect(err.code).toBe("EDGE_DNS_ZONE_ID");
    expect(err.path).toBe("environments.dev.hostedZoneId");
  });

  it("rejects a record name that is not a DNS name, at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, recordName: "edge example.com" })),
      ),
    );
    expect(err.code).toBe("EDGE_DNS_RECORD_NAME");
    expect(err.path).toBe("environments.dev.recordName");
  });

  it("reports every broken endpoint at once", () => {
    const errors = configErrors(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          endpoints: [
            { site: "wavelength-bos", weight: 1 },
            { site: "region-hub", weight: 1, ttl: 60 },
          ],
        })),
      ),
    );
    expect(errors.map((e) => `${e.code} at ${e.path}`)).toEqual([
      "EDGE_GLOBAL_DNS_SITE at environments.dev.endpoints[0].site",
      "EDGE_CONFIG_UNKNOWN_KEY at environments.dev.endpoints[1].ttl",
    ]);
  });
});

describe("global-dns passes the policy pack", () => {
  it.each(defaultEnvironments())("%s has no error-level finding", (env) => {
    const json = synthSite(env);
    const environment = defineEnvironment(SHIPPED_ENVIRONMENTS[env], env);
    const evaluations = evaluateTerraform(json, {
      stack: `global-dns-${env}`,
      site: "global-dns",
      environment: env,
      region: environment.region,
      account: environment.account,
      permissionsBoundaryArn: environment.permissionsBoundaryArn,
    });
    const failures = evaluations
      .filter((e) => e.rule.level === "error" && e.outcome.status === "non-compliant")
      .map((e) => `${e.rule.id} ${e.address}`);
    expect(failures).toEqual([]);
  });
});
