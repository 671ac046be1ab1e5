/**
 * The bad-input corpus: malformed environments and site configs across every library, each of
 * which must end in an EdgeConfigError with a stable code whose message names the config path
 * (never a stack trace, never partial output; the runner tests cover the "nothing written" half).
 */
import "@edge/policy";
import * as path from "node:path";
import { resolveEnvironment, type SiteDefinition } from "@edge/core";
import { z } from "zod";
import { loadSites } from "../src/sites";
import { badInputErrors, clone, runPipeline, shippedEnv, withConfig } from "./support/bad-input";

const root = path.resolve(__dirname, "../..");
const sites = new Map(loadSites(root).map((s) => [s.name, s]));
const site = (name: string): SiteDefinition => {
  const found = sites.get(name);
  if (!found) throw new Error(`no shipped site ${name}`);
  return found;
};

type Mutate = (value: Record<string, unknown>) => unknown;

/** One malformed input, the code it must fail with, and the config path the message must name. */
interface Row {
  readonly name: string;
  readonly code: string;
  readonly path: string;
  readonly run: () => unknown;
}

/** Sets (or with `undefined`, deletes) a value at a path such as `vpc.availabilityZones[1]`. */
function at(pathText: string, value: unknown): Mutate {
  return (obj) => {
    const parts = pathText.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
    let cur: Record<string, unknown> = obj;
    for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
    const last = parts[parts.length - 1];
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return obj;
  };
}

/** An environment row: `dev` broken by `mutate`, validated and used to build region-hub. */
const env = (name: string, mutate: Mutate, code: string, where: string, envName = "dev"): Row => ({
  name: `environment: ${name}`,
  code,
  path: where,
  run: () =>
    runPipeline(
      site("region-hub"),
      envName,
      mutate(shippedEnv(envName) as Record<string, unknown>),
    ),
});

/** A site row: the site's `env` config broken by `mutate`, run through the whole pipeline. */
const cfg = (
  siteName: string,
  name: string,
  mutate: Mutate,
  code: string,
  where: string,
  envName = "dev",
): Row => ({
  name: `${siteName}: ${name}`,
  code,
  path: where,
  run: () => {
    const s = site(siteName);
    return runPipeline(
      withConfig(s, envName, mutate(clone(s.environments[envName]) as Record<string, unknown>)),
      envName,
    );
  },
});

const E = "environments.dev";

const environmentRows: Row[] = [
  env(
    "account with 11 digits",
    at("account", "11111111111"),
    "EDGE_CONFIG_INVALID",
    `${E}.account`,
  ),
  env("account as a number", at("account", 111111111111), "EDGE_CONFIG_TYPE", `${E}.account`),
  env("account missing", at("account", undefined), "EDGE_CONFIG_MISSING", `${E}.account`),
  env("region without its number", at("region", "us-east"), "EDGE_REGION", `${E}.region`),
  env("region in capitals", at("region", "US-EAST-1"), "EDGE_REGION", `${E}.region`),
  env("profile not in the list", at("profile", "prod"), "EDGE_CONFIG_VALUE", `${E}.profile`),
  env(
    "misspelled key",
    (e) => ({ ...e, regoin: "us-east-1" }),
    "EDGE_CONFIG_UNKNOWN_KEY",
    `${E}.regoin`,
  ),
  env("listed as dev but named otherwise", at("name", "development"), "EDGE_ENV_NAME", `${E}.name`),
  env("name with capitals", at("name", "Dev"), "EDGE_CONFIG_INVALID", `${E}.name`),
  env(
    "assume-role ARN of a user",
    at("assumeRoleArn", "arn:aws:iam::111111111111:user/deploy"),
    "EDGE_CONFIG_INVALID",
    `${E}.assumeRoleArn`,
  ),
  env(
    "boundary that is a role",
    at("permissionsBoundaryArn", "arn:aws:iam::111111111111:role/boundary"),
    "EDGE_CONFIG_INVALID",
    `${E}.permissionsBoundaryArn`,
  ),
  env(
    "backend of an unknown kind",
    at("backend", { type: "gcs", bucket: "x" }),
    "EDGE_CONFIG_VALUE",
    `${E}.backend.type`,
  ),
  env(
    "s3 backend without a bucket",
    at("backend", { type: "s3" }),
    "EDGE_CONFIG_MISSING",
    `${E}.backend.bucket`,
  ),
  env(
    "s3 bucket name with capitals",
    at("backend", { type: "s3", bucket: "Edge_State" }),
    "EDGE_CONFIG_INVALID",
    `${E}.backend.bucket`,
  ),
  env(
    "s3 backend in a malformed region",
    at("backend", { type: "s3", bucket: "edge-state", region: "useast1" }),
    "EDGE_REGION",
    `${E}.backend.region`,
  ),
  env(
    "s3 backend with a DynamoDB key it does not take",
    at("backend", { type: "s3", bucket: "edge-state", lockTable: "locks" }),
    "EDGE_CONFIG_UNKNOWN_KEY",
    `${E}.backend.lockTable`,
  ),
  env(
    "tfc backend without an organization",
    at("backend", { type: "tfc", workspacePrefix: "edge" }),
    "EDGE_CONFIG_MISSING",
    `${E}.backend.organization`,
  ),
  env(
    "tag the stack sets itself",
    at("tags", { site: "x" }),
    "EDGE_TAG_RESERVED",
    `${E}.tags.site`,
  ),
  env(
    "tag value that is a number",
    at("tags", { "cost-center": 42 }),
    "EDGE_CONFIG_TYPE",
    `${E}.tags.cost-center`,
  ),
  env("network missing", at("network", undefined), "EDGE_CONFIG_MISSING", `${E}.network`),
  env(
    "VPC CIDR with host bits set",
    at("network.vpcCidr", "10.10.1.0/16"),
    "EDGE_CIDR_INVALID",
    `${E}.network.vpcCidr`,
  ),
  env(
    "VPC CIDR without a prefix",
    at("network.vpcCidr", "10.10.0.0"),
    "EDGE_CIDR_INVALID",
    `${E}.network.vpcCidr`,
  ),
  env(
    "VPC CIDR with an octal-looking octet",
    at("network.vpcCidr", "10.010.0.0/16"),
    "EDGE_CIDR_INVALID",
    `${E}.network.vpcCidr`,
  ),
  env(
    "two sites sharing addresses",
    at("network.sites.local-zone-bos", "10.10.0.0/20"),
    "EDGE_CIDR_OVERLAP",
    `${E}.network.sites.local-zone-bos`,
  ),
  env(
    "site block that is not a CIDR",
    at("network.sites.region-hub", "10.10.0.0/40"),
    "EDGE_CIDR_INVALID",
    `${E}.network.sites.region-hub`,
  ),
  env(
    "no address block for the site being built",
    (e) => {
      const sitesOf = (e.network as { sites: Record<string, string> }).sites;
      delete sitesOf["region-hub"];
      return e;
    },
    "EDGE_SITE_BLOCK",
    `${E}.network.sites.region-hub`,
  ),
  env(
    "home Region where the site's zones do not exist",
    at("region", "eu-west-1"),
    "EDGE_ZONE_REGION",
    `${E}.vpc.availabilityZones[0]`,
  ),
  {
    name: "environment: EDGE_ENVS name with capitals and underscores",
    code: "EDGE_ENV_NAME",
    path: "EDGE_ENVS",
    run: () => resolveEnvironment("Feature_42"),
  },
  {
    name: "environment: EDGE_ENVS name longer than 24 characters",
    code: "EDGE_ENV_NAME",
    path: "EDGE_ENVS",
    run: () => resolveEnvironment("feature-with-a-very-long-branch-name"),
  },
];

const regionHubRows: Row[] = [
  cfg("region-hub", "vpc missing", at("vpc", undefined), "EDGE_CONFIG_MISSING", `${E}.vpc`),
  cfg(
    "region-hub",
    "misspelled natGateways",
    (c) => at("vpc.natGateway", "single")(c),
    "EDGE_CONFIG_UNKNOWN_KEY",
    `${E}.vpc.natGateway`,
  ),
  cfg(
    "region-hub",
    "no availability zones",
    at("vpc.availabilityZones", []),
    "EDGE_CONFIG_INVALID",
    `${E}.vpc.availabilityZones`,
  ),
  cfg(
    "region-hub",
    "availability zones as one string",
    at("vpc.availabilityZones", "us-east-1a,us-east-1b"),
    "EDGE_CONFIG_TYPE",
    `${E}.vpc.availabilityZones`,
  ),
  cfg(
    "region-hub",
    "a Local Zone listed as an AZ",
    at("vpc.availabilityZones[1]", "us-east-1-bos-1a"),
    "EDGE_ZONE_KIND",
    `${E}.vpc.availabilityZones[1]`,
  ),
  cfg(
    "region-hub",
    "a Wavelength Zone listed as an AZ",
    at("vpc.availabilityZones[1]", "us-east-1-wl1-bos-wlz-1"),
    "EDGE_ZONE_KIND",
    `${E}.vpc.availabilityZones[1]`,
  ),
  cfg(
    "region-hub",
    "an AZ id instead of a name",
    at("vpc.availabilityZones[0]", "use1-az1"),
    "EDGE_ZONE_NAME",
    `${E}.vpc.availabilityZones[0]`,
  ),
  cfg(
    "region-hub",
    "an AZ of another Region",
    at("vpc.availabilityZones[1]", "us-west-2a"),
    "EDGE_ZONE_REGION",
    `${E}.vpc.availabilityZones[1]`,
  ),
  cfg(
    "region-hub",
    "the same AZ twice",
    at("vpc.availabilityZones[1]", "us-east-1a"),
    "EDGE_AZ_DUPLICATE",
    `${E}.vpc.availabilityZones[1]`,
  ),
  cfg(
    "region-hub",
    "NAT mode not in the list",
    at("vpc.natGateways", "two"),
    "EDGE_CONFIG_VALUE",
    `${E}.vpc.natGateways`,
  ),
  cfg(
    "region-hub",
    "retention CloudWatch Logs does not offer",
    at("vpc.flowLogRetentionDays", 10),
    "EDGE_LOG_RETENTION",
    `${E}.vpc.flowLogRetentionDays`,
  ),
  cfg(
    "region-hub",
    "retention that is not a whole number",
    at("vpc.flowLogRetentionDays", 30.5),
    "EDGE_CONFIG_TYPE",
    `${E}.vpc.flowLogRetentionDays`,
  ),
  cfg(
    "region-hub",
    "aggregation interval of 120 s",
    at("vpc.flowLogAggregationSeconds", 120),
    "EDGE_CONFIG_VALUE",
    `${E}.vpc.flowLogAggregationSeconds`,
  ),
  cfg(
    "region-hub",
    "prefix length as a string",
    at("vpc.publicSubnetPrefixLength", "24"),
    "EDGE_CONFIG_TYPE",
    `${E}.vpc.publicSubnetPrefixLength`,
  ),
  cfg(
    "region-hub",
    "subnets smaller than AWS allows",
    at("vpc.privateSubnetPrefixLength", 30),
    "EDGE_CIDR_SUBNET_PREFIX",
    `${E}.vpc.subnetBlock`,
  ),
  cfg(
    "region-hub",
    "subnets that do not fit the site's block",
    at("vpc.privateSubnetPrefixLength", 18),
    "EDGE_CIDR_TOO_SMALL",
    `${E}.vpc.subnetBlock`,
  ),
  cfg(
    "region-hub",
    "instance connect flag as a string",
    at("vpc.instanceConnectEndpoint", "yes"),
    "EDGE_CONFIG_TYPE",
    `${E}.vpc.instanceConnectEndpoint`,
  ),
];

const localZoneRows: Row[] = [
  cfg("local-zone-bos", "no zones", at("zones", []), "EDGE_CONFIG_INVALID", `${E}.zones`),
  cfg(
    "local-zone-bos",
    "an availability zone listed as a Local Zone",
    at("zones[0].name", "us-east-1a"),
    "EDGE_ZONE_KIND",
    `${E}.zones[0]`,
  ),
  cfg(
    "local-zone-bos",
    "a Local Zone of another Region",
    at("zones[0].name", "us-west-2-lax-1a"),
    "EDGE_ZONE_REGION",
    `${E}.zones[0]`,
  ),
  cfg(
    "local-zone-bos",
    "a metro code instead of a zone name",
    at("zones[0].name", "bos-1a"),
    "EDGE_ZONE_NAME",
    `${E}.zones[0]`,
  ),
  cfg(
    "local-zone-bos",
    "zone entry with a misspelled key",
    at("zones[0].egressAz", "us-east-1a"),
    "EDGE_CONFIG_UNKNOWN_KEY",
    `${E}.zones[0].egressAz`,
  ),
  cfg(
    "local-zone-bos",
    "egress mode not in the list",
    at("privateEgress", "internet"),
    "EDGE_CONFIG_VALUE",
    `${E}.privateEgress`,
  ),
];

const wavelengthRows: Row[] = [
  cfg(
    "wavelength-bos",
    "a Local Zone as the Wavelength Zone",
    at("zone", "us-east-1-bos-1a"),
    "EDGE_ZONE_KIND",
    `${E}.zone`,
  ),
  cfg(
    "wavelength-bos",
    "a Wavelength Zone of another Region",
    at("zone", "us-west-2-wl1-las-wlz-1"),
    "EDGE_ZONE_REGION",
    `${E}.zone`,
  ),
  cfg(
    "wavelength-bos",
    "a Wavelength Zone as the parent AZ",
    at("regionAvailabilityZone", "us-east-1-wl1-bos-wlz-1"),
    "EDGE_ZONE_KIND",
    `${E}.regionAvailabilityZone`,
  ),
  cfg(
    "wavelength-bos",
    "instance type as a number",
    at("hosts.instanceType", 3),
    "EDGE_CONFIG_TYPE",
    `${E}.hosts.instanceType`,
  ),
  cfg(
    "wavelength-bos",
    "public port over ICMP",
    at("publicPorts", [{ port: 443, protocol: "icmp" }]),
    "EDGE_CONFIG_VALUE",
    `${E}.publicPorts[0].protocol`,
  ),
  cfg(
    "wavelength-bos",
    "tier that does not exist",
    at("tiers", ["carrier", "public"]),
    "EDGE_CONFIG_VALUE",
    `${E}.tiers[1]`,
  ),
];

const outpostRows: Row[] = [
  cfg(
    "outpost-factory",
    "Outpost ARN with a short id",
    at("outpost.arn", "arn:aws:outposts:us-east-1:111111111111:outpost/op-1"),
    "EDGE_OUTPOST_ARN",
    `${E}.outpost.arn`,
  ),
  cfg(
    "outpost-factory",
    "Outpost of another Region",
    at("outpost.arn", "arn:aws:outposts:us-west-2:111111111111:outpost/op-0f1e2d3c4b5a60001"),
    "EDGE_ZONE_REGION",
    `${E}.outpost.arn`,
  ),
  cfg(
    "outpost-factory",
    "Outpost homed to a Local Zone",
    at("outpost.availabilityZone", "us-east-1-bos-1a"),
    "EDGE_ZONE_KIND",
    `${E}.outpost.availabilityZone`,
  ),
  cfg(
    "outpost-factory",
    "routing mode not in the list",
    at("network.routingMode", "bgp"),
    "EDGE_CONFIG_VALUE",
    `${E}.network.routingMode`,
  ),
  cfg(
    "outpost-factory",
    "rack count as a string",
    at("outpost.racks", "one"),
    "EDGE_CONFIG_TYPE",
    `${E}.outpost.racks`,
  ),
  cfg(
    "outpost-factory",
    "placement group with a capitalised name",
    at("placementGroups", { Controllers: {} }),
    "EDGE_CONFIG_INVALID",
    `${E}.placementGroups.Controllers`,
  ),
];

/** Rows every site gets, derived from its own schema so they follow the site as it evolves. */
function genericRows(s: SiteDefinition): Row[] {
  const rows: Row[] = [
    cfg(s.name, "config that is a number", () => 42, "EDGE_CONFIG_TYPE", E),
    cfg(s.name, "config that is a list", () => [], "EDGE_CONFIG_TYPE", E),
    cfg(
      s.name,
      "an unknown top-level key",
      (c) => ({ ...c, extra: true }),
      "EDGE_CONFIG_UNKNOWN_KEY",
      `${E}.extra`,
    ),
  ];
  const shape =
    s.schema instanceof z.ZodObject ? (s.schema.shape as Record<string, z.ZodType>) : {};
  for (const [key, schema] of Object.entries(shape)) {
    if (schema.safeParse(undefined).success) continue;
    rows.push(
      cfg(
        s.name,
        `required "${key}" missing`,
        at(key, undefined),
        "EDGE_CONFIG_MISSING",
        `${E}.${key}`,
      ),
    );
  }
  return rows;
}

const rows: Row[] = [
  ...environmentRows,
  ...regionHubRows,
  ...(sites.has("local-zone-bos") ? localZoneRows : []),
  ...(sites.has("wavelength-bos") ? wavelengthRows : []),
  ...(sites.has("outpost-factory") ? outpostRows : []),
  ...[...sites.values()].flatMap(genericRows),
];

describe("the bad-input corpus", () => {
  it("has at least 50 cases", () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it.each(rows.map((r) => [r.name, r] as const))("%s", (_name, row) => {
    const errors = badInputErrors(row.run);
    const match = errors.find((e) => e.code === row.code && e.path === row.path);
    expect({ found: errors.map((e) => `${e.code} at ${e.path}`) }).toEqual({
      found: expect.arrayContaining([`${row.code} at ${row.path}`]),
    });
    expect(match!.message.startsWith(`${row.code} at ${row.path}: `)).toBe(true);
    for (const e of errors) {
      expect(e.problem).not.toMatch(
        /^(The|A|An|This|It|No|Not|Invalid|Expected|Unknown|Required|Must)\b/,
      ); // lowercase, product names aside
      expect(e.problem).not.toMatch(/\.$/);
      expect(e.fix).not.toMatch(/\.$/);
      expect(e.format()).not.toMatch(/\n\s+at /); // no stack trace in what the CLI prints
    }
  });
});
