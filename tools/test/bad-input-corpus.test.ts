/**
 * The bad-input corpus: malformed, unusual and multi-error configs, each of which must end in
 * EdgeConfigErrors with a stable code, the path of the value as the user wrote it, the value as
 * written and the file it is written in (the environment catalog, apps/<site>/src/site.ts, or
 * the command line), never a stack trace and never partial output; and valid-but-unusual configs
 * that must synthesize. Rows run through the runner's own checks in this process
 * (`checkSynthInput`); the rows marked `spawn` run the real synth command as a user runs it.
 */
import * as path from "node:path";
import {
  describeValue,
  ENVIRONMENT_CATALOG_FILE,
  siteConfigFile,
  type SiteDefinition,
} from "@edge/core";
import { z } from "zod";
import { loadSites } from "../src/sites";
import { DELETE, entriesOf, type ConfigEdits } from "./support/config-edits";
import { runInProcess, runSpawned, type RunOutcome } from "./support/corpus-harness";

const root = path.resolve(__dirname, "../..");
const sites = new Map(loadSites(root).map((s) => [s.name, s]));

/** The classes of issue 'bad input, second pass' and the settings the corpus covers. */
type RowClass =
  | "selection"
  | "environment"
  | "accepted-but-aws-rejects"
  | "valid-input-rejected"
  | "wrong-place"
  | "multicast"
  | "osv"
  | "dns"
  | "site-schema"
  | "valid-but-unusual"
  | "multi-error";

/** An error a row must report. */
interface Expected {
  readonly code: string;
  readonly path: string;
  /** The value as written. */
  readonly value: unknown;
  readonly file: string;
}

interface Row {
  readonly name: string;
  readonly class: RowClass;
  readonly edits: ConfigEdits;
  /** @default ["dev"] */
  readonly envs?: readonly string[];
  /** Sites synthesized. @default ["region-hub"] */
  readonly sites?: readonly string[];
  /** Errors that must be reported; `[]` means the input must synthesize. */
  readonly expect: readonly Expected[];
  /** Every error reported must be one of `expect` (no consequence of an error reported as its own). */
  readonly exactly?: boolean;
  /** Also run through the real synth command. */
  readonly spawn?: boolean;
  /** Only through the real synth command (the raw variable is the input). */
  readonly spawnOnly?: boolean;
  /** Raw EDGE_ENVS / EDGE_SITES of a spawned run (a selection row). */
  readonly raw?: { readonly EDGE_ENVS?: string; readonly EDGE_SITES?: string };
}

const E = "environments.dev";
const ENV = ENVIRONMENT_CATALOG_FILE;
const CLI = "command line";
const HUB = siteConfigFile("region-hub");
const LZ = siteConfigFile("local-zone-bos");
const WL = siteConfigFile("wavelength-bos");
const OP = siteConfigFile("outpost-factory");
const DNS = siteConfigFile("global-dns");

const err = (code: string, where: string, value: unknown, file: string): Expected => ({
  code,
  path: where,
  value,
  file,
});
const envEdit = (changes: Record<string, unknown>, env = "dev"): ConfigEdits => ({
  environments: { [env]: changes },
});
const siteEdit = (site: string, changes: Record<string, unknown>, env = "dev"): ConfigEdits => ({
  sites: { [site]: { [env]: changes } },
});

/** An environment row: dev broken by `changes`, built with region-hub. */
const env = (
  name: string,
  changes: Record<string, unknown>,
  expected: Expected,
  extra: Partial<Row> = {},
): Row => ({
  name: `environment: ${name}`,
  class: "environment",
  edits: envEdit(changes),
  expect: [expected],
  ...extra,
});

/** A site row: the site's dev config broken by `changes`. */
const cfg = (
  site: string,
  name: string,
  changes: Record<string, unknown>,
  expected: Expected | readonly Expected[],
  extra: Partial<Row> = {},
): Row => ({
  name: `${site}: ${name}`,
  class: "site-schema",
  edits: siteEdit(site, changes),
  sites: [site],
  expect: Array.isArray(expected) ? expected : [expected as Expected],
  ...extra,
});

const selectionRows: Row[] = [
  {
    name: "selection: an environment named twice (was a construct-tree crash)",
    class: "selection",
    edits: {},
    envs: ["dev", "dev"],
    raw: { EDGE_ENVS: "dev,dev", EDGE_SITES: "region-hub" },
    expect: [err("EDGE_ENVS_DUPLICATE", "EDGE_ENVS", "dev,dev", CLI)],
    exactly: true,
    spawn: true,
  },
  {
    name: "selection: EDGE_ENVS naming no environment (was an empty synth, exit 0)",
    class: "selection",
    edits: {},
    envs: [],
    raw: { EDGE_ENVS: ",", EDGE_SITES: "region-hub" },
    expect: [err("EDGE_ENVS_EMPTY", "EDGE_ENVS", ",", CLI)],
    exactly: true,
    spawn: true,
    spawnOnly: true,
  },
  {
    name: "selection: EDGE_SITES naming no site (was an empty synth, exit 0)",
    class: "selection",
    edits: {},
    sites: [],
    raw: { EDGE_ENVS: "dev", EDGE_SITES: " , " },
    expect: [err("EDGE_SITES_EMPTY", "EDGE_SITES", " , ", CLI)],
    exactly: true,
    spawn: true,
    spawnOnly: true,
  },
  {
    name: "selection: a site named twice",
    class: "selection",
    edits: {},
    sites: ["region-hub", "region-hub"],
    expect: [err("EDGE_SITES_DUPLICATE", "EDGE_SITES", "region-hub,region-hub", CLI)],
    exactly: true,
  },
  {
    name: "selection: a site that does not exist",
    class: "selection",
    edits: {},
    sites: ["region-hubb"],
    expect: [err("EDGE_SITE_UNKNOWN", "EDGE_SITES", "region-hubb", CLI)],
    exactly: true,
  },
  {
    name: "selection: EDGE_ENVS name with capitals and underscores",
    class: "selection",
    edits: {},
    envs: ["Feature_42"],
    expect: [err("EDGE_ENV_NAME", "EDGE_ENVS", "Feature_42", CLI)],
  },
  {
    name: "selection: EDGE_ENVS name longer than 24 characters",
    class: "selection",
    edits: {},
    envs: ["feature-with-a-very-long-branch-name"],
    expect: [err("EDGE_ENV_NAME", "EDGE_ENVS", "feature-with-a-very-long-branch-name", CLI)],
  },
];

const environmentRows: Row[] = [
  env(
    "account with 11 digits",
    { account: "11111111111" },
    err("EDGE_CONFIG_INVALID", `${E}.account`, "11111111111", ENV),
  ),
  env(
    "account as a number",
    { account: 111111111111 },
    err("EDGE_CONFIG_TYPE", `${E}.account`, 111111111111, ENV),
  ),
  env(
    "account missing",
    { account: DELETE },
    err("EDGE_CONFIG_MISSING", `${E}.account`, undefined, ENV),
  ),
  env(
    "region without its number",
    { region: "us-east" },
    err("EDGE_REGION", `${E}.region`, "us-east", ENV),
  ),
  env(
    "region in capitals",
    { region: "US-EAST-1" },
    err("EDGE_REGION", `${E}.region`, "US-EAST-1", ENV),
  ),
  env(
    "profile not in the list",
    { profile: "prod" },
    err("EDGE_CONFIG_VALUE", `${E}.profile`, "prod", ENV),
  ),
  env(
    "misspelled key",
    { regoin: "us-east-1" },
    err("EDGE_CONFIG_UNKNOWN_KEY", `${E}.regoin`, "us-east-1", ENV),
  ),
  env(
    "listed as dev but named otherwise",
    { name: "development" },
    err("EDGE_ENV_NAME", `${E}.name`, "development", ENV),
  ),
  env("name with capitals", { name: "Dev" }, err("EDGE_CONFIG_INVALID", `${E}.name`, "Dev", ENV)),
  env(
    "assume-role ARN of a user",
    { assumeRoleArn: "arn:aws:iam::111111111111:user/deploy" },
    err("EDGE_CONFIG_INVALID", `${E}.assumeRoleArn`, "arn:aws:iam::111111111111:user/deploy", ENV),
  ),
  env(
    "boundary that is a role",
    { permissionsBoundaryArn: "arn:aws:iam::111111111111:role/boundary" },
    err(
      "EDGE_CONFIG_INVALID",
      `${E}.permissionsBoundaryArn`,
      "arn:aws:iam::111111111111:role/boundary",
      ENV,
    ),
  ),
  env(
    "backend of an unknown kind",
    { backend: { type: "gcs", bucket: "x" } },
    err("EDGE_CONFIG_VALUE", `${E}.backend.type`, "gcs", ENV),
  ),
  env(
    "s3 backend without a bucket",
    { backend: { type: "s3" } },
    err("EDGE_CONFIG_MISSING", `${E}.backend.bucket`, undefined, ENV),
  ),
  env(
    "s3 backend in a malformed region",
    { backend: { type: "s3", bucket: "edge-state", region: "useast1" } },
    err("EDGE_REGION", `${E}.backend.region`, "useast1", ENV),
  ),
  env(
    "s3 backend with a DynamoDB key it does not take",
    { backend: { type: "s3", bucket: "edge-state", lockTable: "locks" } },
    err("EDGE_CONFIG_UNKNOWN_KEY", `${E}.backend.lockTable`, "locks", ENV),
  ),
  env(
    "tfc backend without an organization",
    { backend: { type: "tfc", workspacePrefix: "edge" } },
    err("EDGE_CONFIG_MISSING", `${E}.backend.organization`, undefined, ENV),
  ),
  env(
    "tag the stack sets itself",
    { tags: { site: "x" } },
    err("EDGE_TAG_RESERVED", `${E}.tags.site`, "x", ENV),
  ),
  env(
    "tag value that is a number",
    { tags: { "cost-center": 42 } },
    err("EDGE_CONFIG_TYPE", `${E}.tags.cost-center`, 42, ENV),
  ),
  env(
    "network missing",
    { network: DELETE },
    err("EDGE_CONFIG_MISSING", `${E}.network`, undefined, ENV),
  ),
  env(
    "VPC CIDR with host bits set",
    { "network.vpcCidr": "10.10.1.0/16" },
    err("EDGE_CIDR_INVALID", `${E}.network.vpcCidr`, "10.10.1.0/16", ENV),
  ),
  env(
    "VPC CIDR without a prefix",
    { "network.vpcCidr": "10.10.0.0" },
    err("EDGE_CIDR_INVALID", `${E}.network.vpcCidr`, "10.10.0.0", ENV),
  ),
  env(
    "VPC CIDR with an octal-looking octet",
    { "network.vpcCidr": "10.010.0.0/16" },
    err("EDGE_CIDR_INVALID", `${E}.network.vpcCidr`, "10.010.0.0/16", ENV),
  ),
  env(
    "two sites sharing addresses",
    { "network.sites.local-zone-bos": "10.10.0.0/20" },
    err("EDGE_CIDR_OVERLAP", `${E}.network.sites.local-zone-bos`, "10.10.0.0/20", ENV),
  ),
  env(
    "site block that is not a CIDR",
    { "network.sites.region-hub": "10.10.0.0/40" },
    err("EDGE_CIDR_INVALID", `${E}.network.sites.region-hub`, "10.10.0.0/40", ENV),
  ),
  env(
    "no address block for the site being built",
    // Out of every Region's plan: a site listed only in another Region's plan is homed there.
    { "network.sites.region-hub": DELETE, "network.regions.us-west-2.sites.region-hub": DELETE },
    err("EDGE_SITE_BLOCK", `${E}.network.sites.region-hub`, undefined, ENV),
  ),
  env(
    "home Region where the site's zones do not exist",
    { region: "eu-west-1" },
    err("EDGE_ZONE_REGION", `${E}.vpc.availabilityZones[0]`, "us-east-1a", HUB),
  ),
];

// Facts AWS rejects that synth can know. Sources are cited beside each catalog and rule.
const awsRejectsRows: Row[] = [
  {
    ...env(
      "a well-formed Region no AWS Region has",
      { region: "us-east-9" },
      err("EDGE_REGION", `${E}.region`, "us-east-9", ENV),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...env(
      "tag key with the reserved aws: prefix",
      { tags: { "aws:team": "edge" } },
      err("EDGE_TAG_KEY", `${E}.tags["aws:team"]`, "aws:team", ENV),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...env(
      "tag key with the reserved prefix in capitals",
      { tags: { "AWS:Team": "edge" } },
      err("EDGE_TAG_KEY", `${E}.tags["AWS:Team"]`, "AWS:Team", ENV),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...env(
      "tag value longer than 256 characters",
      { tags: { owner: "x".repeat(257) } },
      err("EDGE_TAG_VALUE", `${E}.tags.owner`, "x".repeat(257), ENV),
    ),
    class: "accepted-but-aws-rejects",
  },
  ...(
    [
      ["state bucket in IP-address form", "192.168.5.4"],
      ["state bucket with two adjacent periods", "edge..state"],
      ["state bucket with the reserved xn-- prefix", "xn--edge-state"],
      ["state bucket with the reserved -s3alias suffix", "edge-state-s3alias"],
      ["state bucket name with capitals", "Edge_State"],
    ] as const
  ).map(([name, bucket]) => ({
    ...env(
      name,
      { backend: { type: "s3", bucket } },
      err("EDGE_S3_BUCKET_NAME", `${E}.backend.bucket`, bucket, ENV),
    ),
    class: "accepted-but-aws-rejects" as const,
  })),
  {
    ...cfg(
      "region-hub",
      "an AZ letter the Region does not have",
      { "vpc.availabilityZones[1]": "us-east-1z" },
      err("EDGE_ZONE_UNKNOWN", `${E}.vpc.availabilityZones[1]`, "us-east-1z", HUB),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "region-hub",
      "a misspelled instance size",
      { "osv.instanceType": "c5.hugelarge" },
      err("EDGE_INSTANCE_TYPE", `${E}.osv.instanceType`, "c5.hugelarge", HUB),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "region-hub",
      "a misspelled multicast sender type",
      { "multicast.senderInstanceTypes": ["t3.mediun"] },
      err("EDGE_INSTANCE_TYPE", `${E}.multicast.senderInstanceTypes[0]`, "t3.mediun", HUB),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "wavelength-bos",
      "a host type with a typo",
      { "hosts.instanceType": "t3.mediumm" },
      err("EDGE_INSTANCE_TYPE", `${E}.hosts.instanceType`, "t3.mediumm", WL),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "outpost-factory",
      "an ordered type that does not exist",
      { "outpost.instanceTypes": ["m5.xlarge", "c5.2xlarg"] },
      err("EDGE_INSTANCE_TYPE", `${E}.outpost.instanceTypes[1]`, "c5.2xlarg", OP),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "local-zone-bos",
      "access-log prefix containing AWSLogs",
      { "edgeEndpoint.accessLogs": { bucket: "edge-logs-111111111111", prefix: "lb/AWSLogs" } },
      err("EDGE_LB_LOG_PREFIX", `${E}.edgeEndpoint.accessLogs.prefix`, "lb/AWSLogs", LZ),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "local-zone-bos",
      "access-log bucket in IP-address form",
      { "edgeEndpoint.accessLogs": { bucket: "10.0.0.1" } },
      err("EDGE_S3_BUCKET_NAME", `${E}.edgeEndpoint.accessLogs.bucket`, "10.0.0.1", LZ),
    ),
    class: "accepted-but-aws-rejects",
  },
  {
    ...cfg(
      "outpost-factory",
      "an Outpost of 100,000 racks",
      { "outpost.racks": 100000 },
      err("EDGE_COUNT_RANGE", `${E}.outpost.racks`, 100000, OP),
    ),
    class: "accepted-but-aws-rejects",
  },

];

// Paths and values as the user wrote them, in the file they wrote them in.
const wrongPlaceRows: Row[] = [
  {
    ...cfg(
      "region-hub",
      "bad multicast group is reported at its own index",
      {
        "multicast.groups": [
          { address: "239.1.1.1", udpPort: 5004 },
          { address: "10.1.1.1", udpPort: 5005 },
        ],
      },
      err("EDGE_MCAST_GROUP_IP", `${E}.multicast.groups[1].address`, "10.1.1.1", HUB),
      { exactly: true },
    ),
    class: "wrong-place",
  },
  {
    ...cfg(
      "region-hub",
      "bad VXLAN flood group is reported at vxlan.group",
      { "multicast.vxlan.group": "10.0.0.1" },
      err("EDGE_MCAST_GROUP_IP", `${E}.multicast.vxlan.group`, "10.0.0.1", HUB),
      { exactly: true },
    ),
    class: "wrong-place",
  },
  {
    ...cfg(
      "region-hub",
      "group written as a CIDR keeps its value as written",
      { "multicast.groups": [{ address: "239.1.1.0/24", udpPort: 5004 }] },
      err("EDGE_MCAST_GROUP_IP", `${E}.multicast.groups[0].address`, "239.1.1.0/24", HUB),
      { exactly: true },
    ),
    class: "wrong-place",
  },
  {
    name: "environment: VPC too large is reported at network.vpcCidr in the catalog",
    class: "wrong-place",
    // Larger than AWS allows (/16) yet clear of the environment's us-west-2 hub VPC.
    edits: envEdit({ "network.vpcCidr": "10.10.0.0/15" }),
    expect: [err("EDGE_CIDR_SIZE", `${E}.network.vpcCidr`, "10.10.0.0/15", ENV)],
    exactly: true,
    spawn: true,
  },
  {
    ...cfg(
      "region-hub",
      "subnets smaller than AWS allows name the prefix key",
      { "vpc.privateSubnetPrefixLength": 30 },
      err("EDGE_CIDR_SUBNET_PREFIX", `${E}.vpc.privateSubnetPrefixLength`, 30, HUB),
    ),
    class: "wrong-place",
  },
  {
    ...cfg(
      "region-hub",
      "subnets that do not fit the site's block name the block in the catalog",
      { "vpc.privateSubnetPrefixLength": 18 },
      err("EDGE_CIDR_TOO_SMALL", `${E}.network.sites.region-hub`, "10.10.0.0/18", ENV),
    ),
    class: "wrong-place",
  },
  {
    ...cfg(
      "local-zone-bos",
      "an availability zone listed as a Local Zone",
      { "zones[0].name": "us-east-1a" },
      err("EDGE_ZONE_KIND", `${E}.zones[0].name`, "us-east-1a", LZ),
    ),
    class: "wrong-place",
  },
  {
    ...cfg(
      "local-zone-bos",
      "a Local Zone of another Region",
      { "zones[0].name": "us-west-2-lax-1a" },
      err("EDGE_ZONE_REGION", `${E}.zones[0].name`, "us-west-2-lax-1a", LZ),
    ),
    class: "wrong-place",
  },
  {
    ...cfg(
      "local-zone-bos",
      "a metro code instead of a zone name",
      { "zones[0].name": "bos-1a" },
      err("EDGE_ZONE_NAME", `${E}.zones[0].name`, "bos-1a", LZ),
    ),
    class: "wrong-place",
  },
];

const regionHubRows: Row[] = [
  cfg(
    "region-hub",
    "vpc missing",
    { vpc: DELETE },
    err("EDGE_CONFIG_MISSING", `${E}.vpc`, undefined, HUB),
  ),
  cfg(
    "region-hub",
    "misspelled natGateways",
    { "vpc.natGateway": "single" },
    err("EDGE_CONFIG_UNKNOWN_KEY", `${E}.vpc.natGateway`, "single", HUB),
  ),
  cfg(
    "region-hub",
    "no availability zones",
    { "vpc.availabilityZones": [] },
    err("EDGE_CONFIG_INVALID", `${E}.vpc.availabilityZones`, [], HUB),
  ),
  cfg(
    "region-hub",
    "availability zones as one string",
    { "vpc.availabilityZones": "us-east-1a,us-east-1b" },
    err("EDGE_CONFIG_TYPE", `${E}.vpc.availabilityZones`, "us-east-1a,us-east-1b", HUB),
  ),
  cfg(
    "region-hub",
    "a Local Zone listed as an AZ",
    { "vpc.availabilityZones[1]": "us-east-1-bos-1a" },
    err("EDGE_ZONE_KIND", `${E}.vpc.availabilityZones[1]`, "us-east-1-bos-1a", HUB),
  ),
  cfg(
    "region-hub",
    "a Wavelength Zone listed as an AZ",
    { "vpc.availabilityZones[1]": "us-east-1-wl1-bos-wlz-1" },
    err("EDGE_ZONE_KIND", `${E}.vpc.availabilityZones[1]`, "us-east-1-wl1-bos-wlz-1", HUB),
  ),
  cfg(
    "region-hub",
    "an AZ id instead of a name",
    { "vpc.availabilityZones[0]": "use1-az1" },
    err("EDGE_ZONE_NAME", `${E}.vpc.availabilityZones[0]`, "use1-az1", HUB),
  ),
  cfg(
    "region-hub",
    "an AZ of another Region",
    { "vpc.availabilityZones[1]": "us-west-2a" },
    err("EDGE_ZONE_REGION", `${E}.vpc.availabilityZones[1]`, "us-west-2a", HUB),
  ),
  cfg(
    "region-hub",
    "the same AZ twice",
    { "vpc.availabilityZones[1]": "us-east-1a" },
    err("EDGE_AZ_DUPLICATE", `${E}.vpc.availabilityZones[1]`, "us-east-1a", HUB),
  ),
  cfg(
    "region-hub",
    "NAT mode not in the list",
    { "vpc.natGateways": "two" },
    err("EDGE_CONFIG_VALUE", `${E}.vpc.natGateways`, "two", HUB),
  ),
  cfg(
    "region-hub",
    "retention CloudWatch Logs does not offer",
    { "vpc.flowLogRetentionDays": 10 },
    err("EDGE_LOG_RETENTION", `${E}.vpc.flowLogRetentionDays`, 10, HUB),
  ),
  cfg(
    "region-hub",
    "retention that is not a whole number",
    { "vpc.flowLogRetentionDays": 30.5 },
    err("EDGE_CONFIG_TYPE", `${E}.vpc.flowLogRetentionDays`, 30.5, HUB),
  ),
  cfg(
    "region-hub",
    "aggregation interval of 120 s",
    { "vpc.flowLogAggregationSeconds": 120 },
    err("EDGE_CONFIG_VALUE", `${E}.vpc.flowLogAggregationSeconds`, 120, HUB),
  ),
  cfg(
    "region-hub",
    "prefix length as a string",
    { "vpc.publicSubnetPrefixLength": "24" },
    err("EDGE_CONFIG_TYPE", `${E}.vpc.publicSubnetPrefixLength`, "24", HUB),
  ),
  cfg(
    "region-hub",
    "instance connect flag as a string",
    { "vpc.instanceConnectEndpoint": "yes" },
    err("EDGE_CONFIG_TYPE", `${E}.vpc.instanceConnectEndpoint`, "yes", HUB),
  ),
];

const multicastRows: Row[] = [
  {
    ...cfg(
      "region-hub",
      "VNI of 0",
      { "multicast.vxlan.vni": 0 },
      err("EDGE_VXLAN_VNI", `${E}.multicast.vxlan.vni`, 0, HUB),
    ),
    class: "multicast",
  },
  {
    ...cfg(
      "region-hub",
      "group UDP port 70000",
      { "multicast.groups": [{ address: "239.255.10.1", udpPort: 70000 }] },
      err("EDGE_PORT", `${E}.multicast.groups[0].udpPort`, 70000, HUB),
    ),
    class: "multicast",
  },
  {
    ...cfg(
      "region-hub",
      "overlay CIDR that is not a CIDR",
      { "multicast.vxlan.overlayCidr": "172.16.0.0" },
      err("EDGE_CIDR_INVALID", `${E}.multicast.vxlan.overlayCidr`, "172.16.0.0", HUB),
    ),
    class: "multicast",
  },
  {
    ...cfg(
      "region-hub",
      "underlay interface with a space",
      { "multicast.vxlan.underlayInterface": "eth 0" },
      err("EDGE_CONFIG_VALUE", `${E}.multicast.vxlan.underlayInterface`, "eth 0", HUB),
    ),
    class: "multicast",
  },
];

const osvRows: Row[] = [
  {
    ...cfg(
      "region-hub",
      "Graviton type for OSv",
      { "osv.instanceType": "c6g.large" },
      err("EDGE_OSV_ARCH", `${E}.osv.instanceType`, "c6g.large", HUB),
    ),
    class: "osv",
  },
  {
    ...cfg(
      "region-hub",
      "app port 0",
      { "osv.appPort": 0 },
      err("EDGE_CONFIG_VALUE", `${E}.osv.appPort`, 0, HUB),
    ),
    class: "osv",
  },
  {
    ...cfg(
      "region-hub",
      "group size as a string",
      { "osv.maxSize": "4" },
      err("EDGE_CONFIG_TYPE", `${E}.osv.maxSize`, "4", HUB),
    ),
    class: "osv",
  },
  {
    ...cfg(
      "region-hub",
      "image in QCOW2 format",
      { "osv.image.format": "QCOW2" },
      err("EDGE_OSV_IMAGE_FORMAT", `${E}.osv.image.format`, "QCOW2", HUB),
    ),
    class: "osv",
  },
  {
    ...cfg(
      "wavelength-bos",
      "image with both an S3 key and an AMI",
      { "hosts.image.amiId": "ami-0123456789abcdef0" },
      err("EDGE_OSV_IMAGE_SOURCE", `${E}.hosts.image.amiId`, "ami-0123456789abcdef0", WL),
    ),
    class: "osv",
  },
];

const dnsRows: Row[] = [
  {
    ...cfg(
      "wavelength-bos",
      "record weight above 255",
      { "dns.weight": 300 },
      err("EDGE_DNS_WEIGHT", `${E}.dns.weight`, 300, WL),
    ),
    class: "dns",
  },
  {
    ...cfg(
      "wavelength-bos",
      "dns without a public port",
      { publicPorts: [] },
      err("EDGE_WLZ_DNS_NO_PUBLIC_PORT", `${E}.publicPorts`, [], WL),
    ),
    class: "dns",
  },
  {
    ...cfg(
      "global-dns",
      "a Wavelength site as an alias endpoint",
      { "endpoints[0].site": "wavelength-bos" },
      err("EDGE_GLOBAL_DNS_SITE", `${E}.endpoints[0].site`, "wavelength-bos", DNS),
    ),
    class: "dns",
  },
  {
    ...cfg(
      "global-dns",
      "an endpoint site that does not exist",
      { "endpoints[0].site": "mars-base" },
      err("EDGE_GLOBAL_DNS_SITE", `${E}.endpoints[0].site`, "mars-base", DNS),
    ),
    class: "dns",
  },
];

const siteRows: Row[] = [
  cfg(
    "local-zone-bos",
    "no zones",
    { zones: [] },
    err("EDGE_CONFIG_INVALID", `${E}.zones`, [], LZ),
  ),
  cfg(
    "local-zone-bos",
    "zone entry with a misspelled key",
    { "zones[0].egressAz": "us-east-1a" },
    err("EDGE_CONFIG_UNKNOWN_KEY", `${E}.zones[0].egressAz`, "us-east-1a", LZ),
  ),
  cfg(
    "local-zone-bos",
    "egress mode not in the list",
    { privateEgress: "internet" },
    err("EDGE_CONFIG_VALUE", `${E}.privateEgress`, "internet", LZ),
  ),
  cfg(
    "wavelength-bos",
    "a Local Zone as the Wavelength Zone",
    { zone: "us-east-1-bos-1a" },
    err("EDGE_ZONE_KIND", `${E}.zone`, "us-east-1-bos-1a", WL),
  ),
  cfg(
    "wavelength-bos",
    "a Wavelength Zone of another Region",
    { zone: "us-west-2-wl1-las-wlz-1" },
    err("EDGE_ZONE_REGION", `${E}.zone`, "us-west-2-wl1-las-wlz-1", WL),
  ),
  cfg(
    "wavelength-bos",
    "a Wavelength Zone as the parent AZ",
    { regionAvailabilityZone: "us-east-1-wl1-bos-wlz-1" },
    err("EDGE_ZONE_KIND", `${E}.regionAvailabilityZone`, "us-east-1-wl1-bos-wlz-1", WL),
  ),
  cfg(
    "wavelength-bos",
    "instance type as a number",
    { "hosts.instanceType": 3 },
    err("EDGE_CONFIG_TYPE", `${E}.hosts.instanceType`, 3, WL),
  ),
  cfg(
    "wavelength-bos",
    "public port over ICMP",
    { publicPorts: [{ port: 443, protocol: "icmp" }] },
    err("EDGE_CONFIG_VALUE", `${E}.publicPorts[0].protocol`, "icmp", WL),
  ),
  cfg(
    "wavelength-bos",
    "tier that does not exist",
    { tiers: ["carrier", "public"] },
    err("EDGE_CONFIG_VALUE", `${E}.tiers[1]`, "public", WL),
  ),
  cfg(
    "outpost-factory",
    "Outpost ARN with a short id",
    { "outpost.arn": "arn:aws:outposts:us-east-1:111111111111:outpost/op-1" },
    err(
      "EDGE_OUTPOST_ARN",
      `${E}.outpost.arn`,
      "arn:aws:outposts:us-east-1:111111111111:outpost/op-1",
      OP,
    ),
  ),
  cfg(
    "outpost-factory",
    "Outpost of another Region",
    { "outpost.arn": "arn:aws:outposts:us-west-2:111111111111:outpost/op-0f1e2d3c4b5a60001" },
    err(
      "EDGE_ZONE_REGION",
      `${E}.outpost.arn`,
      "arn:aws:outposts:us-west-2:111111111111:outpost/op-0f1e2d3c4b5a60001",
      OP,
    ),
  ),
  cfg(
    "outpost-factory",
    "Outpost homed to a Local Zone",
    { "outpost.availabilityZone": "us-east-1-bos-1a" },
    err("EDGE_ZONE_KIND", `${E}.outpost.availabilityZone`, "us-east-1-bos-1a", OP),
  ),
  cfg(
    "outpost-factory",
    "routing mode not in the list",
    { "network.routingMode": "bgp" },
    err("EDGE_CONFIG_VALUE", `${E}.network.routingMode`, "bgp", OP),
  ),
  cfg(
    "outpost-factory",
    "rack count as a string",
    { "outpost.racks": "one" },
    err("EDGE_CONFIG_TYPE", `${E}.outpost.racks`, "one", OP),
  ),
  cfg(
    "outpost-factory",
    "placement group with a capitalised name",
    { placementGroups: { Controllers: {} } },
    err("EDGE_CONFIG_INVALID", `${E}.placementGroups.Controllers`, "Controllers", OP),
  ),
];

// local-zone-lax is homed in us-west-2 only: its config is regions.us-west-2.<env>
// of its site.ts, and region-hub's us-west-2 entry spreads its dev entry (a shared value is
// written, and reported, at environments.dev).
const LAX = siteConfigFile("local-zone-lax");
const LR = "regions.us-west-2.dev";
const laxEdit = (changes: Record<string, unknown>): ConfigEdits => ({
  sites: { "local-zone-lax": { [LR]: changes } },
});
const lax = (name: string, changes: Record<string, unknown>, expected: Expected[], extra: Partial<Row> = {}): Row => ({
  name: `local-zone-lax: ${name}`,
  class: "site-schema",
  edits: laxEdit(changes),
  sites: ["local-zone-lax"],
  expect: expected,
  exactly: true,
  ...extra,
});
const laxRows: Row[] = [
  lax("a misspelled top-level key", { privateEgres: "none" }, [
    err("EDGE_CONFIG_UNKNOWN_KEY", `${LR}.privateEgres`, "none", LAX),
  ]),
  lax("an egress AZ of the other home Region", { "zones[0].egressAvailabilityZone": "us-east-1a" }, [
    err("EDGE_ZONE_REGION", `${LR}.zones[0].egressAvailabilityZone`, "us-east-1a", LAX),
  ], { class: "wrong-place", spawn: true }),
  lax("an instance type EC2 does not have (was a warning)", { instanceTypes: ["t3.medium", "t3.hugeish"] }, [
    err("EDGE_INSTANCE_TYPE", `${LR}.instanceTypes[1]`, "t3.hugeish", LAX),
  ], { class: "accepted-but-aws-rejects" }),
  lax("a private egress mode that does not exist", { privateEgress: "nat" }, [
    err("EDGE_CONFIG_VALUE", `${LR}.privateEgress`, "nat", LAX),
  ]),
  lax("no zones", { zones: [] }, [err("EDGE_CONFIG_INVALID", `${LR}.zones`, [], LAX)]),
  {
    name: "local-zone-lax: a dev entry under the environment's own Region, where lax is not homed",
    class: "wrong-place",
    edits: { sites: { "local-zone-lax": { "environments.dev": { zones: [{ name: "us-west-2-lax-1a" }] } } } },
    sites: ["local-zone-lax"],
    // Still built from its us-west-2 entry: the stray entry is not read (lax is homed there only).
    expect: [],
  },
  {
    name: "region-hub: a shared OSv size, bad for both hubs, reported once where it is written",
    class: "osv",
    edits: siteEdit("region-hub", { "osv.minSize": 5, "osv.maxSize": 3 }),
    sites: ["region-hub"],
    expect: [err("EDGE_OSV_ASG_SIZE", `${E}.osv.minSize`, 5, HUB)],
    exactly: true,
    spawn: true,
  },
  {
    name: "region-hub: an AZ of the us-west-2 hub written in its regional entry",
    class: "site-schema",
    edits: { sites: { "region-hub": { [LR]: { "vpc.availabilityZones[1]": "us-west-2z" } } } },
    sites: ["region-hub"],
    expect: [err("EDGE_ZONE_UNKNOWN", `${LR}.vpc.availabilityZones[1]`, "us-west-2z", HUB)],
    exactly: true,
  },
];

// Valid input that must synthesize, including what the first pass rejected.
const mustPass = (
  name: string,
  edits: ConfigEdits,
  siteNames: string[],
  extra: Partial<Row> = {},
): Row => ({
  name: `valid: ${name}`,
  class: "valid-but-unusual",
  edits,
  sites: siteNames,
  expect: [],
  ...extra,
});
const validRows: Row[] = [
  {
    ...mustPass(
      "wavelength-bos hosts from an existing AMI (the documented amiId option)",
      siteEdit("wavelength-bos", { "hosts.image": { amiId: "ami-0123456789abcdef0" } }),
      ["wavelength-bos"],
      { spawn: true },
    ),
    class: "valid-input-rejected",
  },
  {
    ...mustPass(
      "wavelength-bos hosts from an S3 image (the other documented option)",
      siteEdit("wavelength-bos", {
        "hosts.image": { s3Bucket: "edge-osv-images-dev", s3Key: "app/usr.raw", format: "VMDK" },
      }),
      ["wavelength-bos"],
    ),
    class: "valid-input-rejected",
  },
  {
    ...mustPass(
      "Unicode tag keys with spaces and every allowed symbol",
      envEdit({ tags: { équipe: "edge", "コスト センター": "42", "a.b:c+d=e@f_g/h-i": "v" } }),
      ["region-hub"],
      {},
    ),
    class: "valid-input-rejected",
  },
  {
    ...mustPass(
      "ALB with an IAM server certificate",
      siteEdit("local-zone-bos", {
        "edgeEndpoint.certificateArn": "arn:aws:iam::111111111111:server-certificate/edge/bos-2026",
      }),
      ["local-zone-bos"],
    ),
    class: "valid-input-rejected",
  },
  mustPass(
    "ALB with an ACM certificate of the Region",
    siteEdit("local-zone-bos", {
      "edgeEndpoint.certificateArn":
        "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
    }),
    ["local-zone-bos"],
  ),
  mustPass(
    "access logs with a nested prefix",
    siteEdit("local-zone-bos", {
      "edgeEndpoint.accessLogs": { bucket: "edge.logs.111111111111", prefix: "edge/lb" },
    }),
    ["local-zone-bos"],
  ),
  mustPass(
    "the sixth AZ letter of us-east-1",
    siteEdit("region-hub", { "vpc.availabilityZones": ["us-east-1a", "us-east-1f"] }),
    ["region-hub"],
  ),
  mustPass("an ad-hoc environment derived from dev", {}, ["region-hub"], { envs: ["feature-42"] }),
  mustPass("an Outpost at the rack bound", siteEdit("outpost-factory", { "outpost.racks": 100 }), [
    "outpost-factory",
  ]),
  mustPass(
    "a state bucket with periods",
    envEdit({ backend: { type: "s3", bucket: "edge.state.111111111111" } }),
    ["region-hub"],
  ),
  mustPass(
    "multicast groups besides the flood group",
    siteEdit("region-hub", {
      "multicast.groups": [
        { address: "239.255.10.1", udpPort: 5004 },
        { address: "239.255.10.2", udpPort: 5005 },
      ],
    }),
    ["region-hub"],
  ),
];

// One synth reports every error: of every construct of a site, of every site, and of the
// environment together with its sites' errors.
const multiErrorRows: Row[] = [
  {
    name: "multi-error: four constructs of one site",
    class: "multi-error",
    edits: siteEdit("region-hub", {
      "vpc.natGateways": "two",
      "vpc.availabilityZones[1]": "us-east-1z",
      "multicast.groups": [{ address: "239.1.1.0/24", udpPort: 5004 }],
      "osv.instanceType": "c5.hugelarge",
    }),
    sites: ["region-hub"],
    expect: [
      err("EDGE_CONFIG_VALUE", `${E}.vpc.natGateways`, "two", HUB),
      err("EDGE_INSTANCE_TYPE", `${E}.osv.instanceType`, "c5.hugelarge", HUB),
      err("EDGE_ZONE_UNKNOWN", `${E}.vpc.availabilityZones[1]`, "us-east-1z", HUB),
      err("EDGE_MCAST_GROUP_IP", `${E}.multicast.groups[0].address`, "239.1.1.0/24", HUB),
    ],
    exactly: true,
  },
  {
    name: "multi-error: an environment and two of its sites",
    class: "multi-error",
    edits: {
      environments: { dev: { tags: { "aws:team": "edge", "cost-center": "edge-dev" } } },
      sites: {
        "region-hub": {
          dev: { "vpc.availabilityZones[1]": "us-east-1z", "multicast.vxlan.group": "10.0.0.1" },
        },
        "local-zone-bos": {
          dev: {
            "edgeEndpoint.accessLogs": { bucket: "edge-logs-111111111111", prefix: "AWSLogs" },
            "osv.instanceType": "t3.mediun",
          },
        },
      },
    },
    sites: ["local-zone-bos", "region-hub"],
    expect: [
      err("EDGE_TAG_KEY", `${E}.tags["aws:team"]`, "aws:team", ENV),
      err("EDGE_INSTANCE_TYPE", `${E}.osv.instanceType`, "t3.mediun", LZ),
      // Also not one of the types the site lists for its zones: a second, real error.
      err("EDGE_SITE_INSTANCE_TYPE", `${E}.osv.instanceType`, "t3.mediun", LZ),
      err("EDGE_LB_LOG_PREFIX", `${E}.edgeEndpoint.accessLogs.prefix`, "AWSLogs", LZ),
      err("EDGE_ZONE_UNKNOWN", `${E}.vpc.availabilityZones[1]`, "us-east-1z", HUB),
      err("EDGE_MCAST_GROUP_IP", `${E}.multicast.vxlan.group`, "10.0.0.1", HUB),
    ],
    exactly: true,
    spawn: true,
  },
  {
    name: "multi-error: a bad environment Region does not hide the site errors",
    class: "multi-error",
    edits: {
      environments: { dev: { region: "us-east-9" } },
      sites: { "wavelength-bos": { dev: { "dns.weight": 300 } } },
    },
    sites: ["wavelength-bos"],
    expect: [
      err("EDGE_REGION", `${E}.region`, "us-east-9", ENV),
      err("EDGE_DNS_WEIGHT", `${E}.dns.weight`, 300, WL),
    ],
    exactly: true,
  },
  {
    name: "multi-error: two environments",
    class: "multi-error",
    edits: { environments: { dev: { account: "1" }, staging: { profile: "prod" } } },
    envs: ["dev", "staging"],
    sites: ["region-hub"],
    expect: [
      err("EDGE_CONFIG_INVALID", `${E}.account`, "1", ENV),
      err("EDGE_CONFIG_VALUE", "environments.staging.profile", "prod", ENV),
    ],
    exactly: true,
  },
];

// Both numbers are config: more instances in a rack spread group than the Outpost has racks.
const rackRows: Row[] = [
  {
    ...cfg(
      "outpost-factory",
      "rack spread group of more instances than racks (was a warning)",
      { "placementGroups.historian": { spreadLevel: "rack", instances: 3 }, "outpost.racks": 2 },
      err("EDGE_OUTPOST_SPREAD_RACKS", `${E}.placementGroups.historian.instances`, 3, OP),
    ),
    class: "accepted-but-aws-rejects",
    exactly: true,
    spawn: true,
  },
  mustPass(
    "a rack spread group of as many instances as racks",
    siteEdit("outpost-factory", { "placementGroups.historian": { spreadLevel: "rack", instances: 2 }, "outpost.racks": 2 }),
    ["outpost-factory"],
  ),
];

// Malformed input as a user writes it, tried by editing site.ts or the environment catalog and
// running npm run synth: each ends in exactly these errors, nothing written.
const GLOBAL = siteConfigFile("global-dns");
const freshRows: Row[] = [
  {
    ...cfg("region-hub", "an AZ letter us-east-1 does not have", { "vpc.availabilityZones[1]": "us-east-1g" },
      err("EDGE_ZONE_UNKNOWN", `${E}.vpc.availabilityZones[1]`, "us-east-1g", HUB)),
    class: "accepted-but-aws-rejects",
    exactly: true,
  },
  env("a Region with a trailing space", { region: "us-east-1 " }, err("EDGE_REGION", `${E}.region`, "us-east-1 ", ENV), { exactly: true }),
  {
    // The bad Region key stands in for the plan: local-zone-lax homed nowhere is its consequence.
    ...env(
      "a home Region key that is no Region",
      { "network.regions": { "us-west-9": { vpcCidr: "10.12.0.0/16", sites: { "region-hub": "10.12.0.0/18", "local-zone-lax": "10.12.64.0/20" } } } },
      err("EDGE_REGION", `${E}.network.regions.us-west-9`, "us-west-9", ENV),
    ),
    sites: ["local-zone-lax"],
    exactly: true,
    spawn: true,
  },
  lax("an egress AZ letter us-west-2 does not have", { "zones[0].egressAvailabilityZone": "us-west-2e" }, [
    err("EDGE_ZONE_UNKNOWN", `${LR}.zones[0].egressAvailabilityZone`, "us-west-2e", LAX),
  ], { class: "accepted-but-aws-rejects" }),
  env("a tag key of 129 characters", { tags: { "cost-center": "edge-dev", ["k".repeat(129)]: "long" } },
    err("EDGE_TAG_KEY", `${E}.tags.${"k".repeat(129)}`, "k".repeat(129), ENV), { exactly: true }),
  env("an empty tag key", { tags: { "cost-center": "edge-dev", "": "blank" } },
    err("EDGE_TAG_KEY", `${E}.tags[""]`, "", ENV), { exactly: true }),
  {
    // Was EDGE_OSV_S3_LOCATION, "give the bucket name alone": a bad name, not a bad location.
    ...cfg("region-hub", "an image bucket with capitals and an underscore (one error for both hubs)",
      { "osv.image.s3Bucket": "Edge_Blueprints-osv-images-111111111111" },
      err("EDGE_S3_BUCKET_NAME", `${E}.osv.image.s3Bucket`, "Edge_Blueprints-osv-images-111111111111", HUB)),
    class: "osv",
    exactly: true,
    spawn: true,
  },
  cfg("outpost-factory", "an instance type with a trailing space", { "osv.instanceType": "m5.xlarge " },
    err("EDGE_INSTANCE_TYPE", `${E}.osv.instanceType`, "m5.xlarge ", OP), { exactly: true }),
  lax("an instance type in capitals", { instanceTypes: ["T3.medium"] }, [
    err("EDGE_INSTANCE_TYPE", `${LR}.instanceTypes[0]`, "T3.medium", LAX),
  ]),
  cfg("outpost-factory", "an Outpost of 0 racks", { "outpost.racks": 0 },
    err("EDGE_COUNT_RANGE", `${E}.outpost.racks`, 0, OP), { exactly: true }),
  {
    ...cfg("outpost-factory", "staging's rack group of 3 on its 2 racks", { "placementGroups.historian.instances": 3 },
      err("EDGE_OUTPOST_SPREAD_RACKS", "environments.staging.placementGroups.historian.instances", 3, OP)),
    edits: siteEdit("outpost-factory", { "placementGroups.historian.instances": 3 }, "staging"),
    envs: ["staging"],
    class: "accepted-but-aws-rejects",
    exactly: true,
  },
  {
    // Was accepted: the line hosts join the rack group by name, one host per rack of the Outpost.
    ...cfg("outpost-factory", "staging's 3 line hosts in its rack group on 2 racks",
      { "osv.placementGroup": "historian", "osv.instanceCount": 3 },
      err("EDGE_OUTPOST_SPREAD_RACKS", "environments.staging.osv.instanceCount", 3, OP)),
    edits: siteEdit("outpost-factory", { "osv.placementGroup": "historian", "osv.instanceCount": 3 }, "staging"),
    envs: ["staging"],
    class: "accepted-but-aws-rejects",
    exactly: true,
    spawn: true,
  },
  {
    // Was accepted: 224.0.0.0/24 is never forwarded off link (RFC 5771 section 4).
    ...cfg("region-hub", "a VXLAN group in the local network control block", { "multicast.vxlan.group": "224.0.0.251" },
      err("EDGE_MCAST_GROUP_LOCAL", `${E}.multicast.vxlan.group`, "224.0.0.251", HUB)),
    class: "multicast",
    exactly: true,
    spawn: true,
  },
  {
    ...cfg("region-hub", "a VNI one past 24 bits", { "multicast.vxlan.vni": 16777216 },
      err("EDGE_VXLAN_VNI", `${E}.multicast.vxlan.vni`, 16777216, HUB)),
    class: "multicast",
    exactly: true,
  },
  {
    ...cfg("global-dns", "a negative endpoint weight", { "endpoints[1].weight": -5 },
      err("EDGE_DNS_WEIGHT", `${E}.endpoints[1].weight`, -5, GLOBAL)),
    class: "dns",
    exactly: true,
  },
  {
    ...cfg("wavelength-bos", "a host record weight of 256", { "dns.weight": 256 },
      err("EDGE_DNS_WEIGHT", `${E}.dns.weight`, 256, WL)),
    class: "dns",
    exactly: true,
  },
  {
    // Was printed as {"minSize":1,"desiredCapacity":4,"maxSize":2}: the value written at the path.
    ...cfg("region-hub", "a desired capacity above the max size", { "osv.desiredCapacity": 4 },
      err("EDGE_OSV_ASG_SIZE", `${E}.osv.desiredCapacity`, 4, HUB)),
    class: "osv",
    exactly: true,
  },
  {
    ...cfg("region-hub", "a qcow2 image format in lowercase", { "osv.image.format": "qcow2" },
      err("EDGE_OSV_IMAGE_FORMAT", `${E}.osv.image.format`, "qcow2", HUB)),
    class: "osv",
    exactly: true,
  },
  {
    name: "selection: EDGE_ENVS with a space after the comma is read as the two names",
    class: "valid-but-unusual",
    edits: {},
    envs: ["dev", "staging"],
    raw: { EDGE_ENVS: "dev, staging", EDGE_SITES: "region-hub" },
    expect: [],
    spawn: true,
  },
  {
    name: "selection: EDGE_SITES with a typo in the second name",
    class: "selection",
    edits: {},
    sites: ["region-hub", "local-zone-laxx"],
    raw: { EDGE_ENVS: "dev", EDGE_SITES: "region-hub,local-zone-laxx" },
    expect: [err("EDGE_SITE_UNKNOWN", "EDGE_SITES", "local-zone-laxx", CLI)],
    exactly: true,
    spawn: true,
  },
  {
    name: "selection: EDGE_ENVS with a capital",
    class: "selection",
    edits: {},
    envs: ["Dev"],
    expect: [err("EDGE_ENV_NAME", "EDGE_ENVS", "Dev", CLI)],
    exactly: true,
  },
  {
    name: "multi-error: an environment, a site homed in us-west-2 and an Outpost site",
    class: "multi-error",
    edits: {
      environments: { dev: { tags: { "cost-center": "edge-dev", "aws:owner": "edge" } } },
      sites: {
        "local-zone-lax": { [LR]: { privateEgress: "zone" } },
        "outpost-factory": { dev: { "placementGroups.line": { spreadLevel: "rack", instances: 2 } } },
      },
    },
    sites: ["local-zone-lax", "outpost-factory"],
    expect: [
      err("EDGE_TAG_KEY", `${E}.tags["aws:owner"]`, "aws:owner", ENV),
      err("EDGE_CONFIG_VALUE", `${LR}.privateEgress`, "zone", LAX),
      err("EDGE_OUTPOST_SPREAD_RACKS", `${E}.placementGroups.line.instances`, 2, OP),
    ],
    exactly: true,
    spawn: true,
  },
];

/**
 * Rows every config entry of every site gets (for dev: `environments.dev`, and
 * `regions.<region>.environments.dev` of a site homed in further Regions), derived from the
 * site's own schema and entries so they follow the site as it evolves.
 */
function genericRows(s: SiteDefinition): Row[] {
  const file = siteConfigFile(s.name);
  return entriesOf(s)
    .filter((entry) => entry.env === "dev")
    .flatMap((entry) => {
      const at = entry.configPath;
      const edit = (changes: Record<string, unknown>): ConfigEdits => ({
        sites: { [s.name]: { [at]: changes } },
      });
      const row = (name: string, changes: Record<string, unknown>, expected: Expected): Row =>
        cfg(s.name, at === E ? name : `${name} (${at})`, {}, expected, { edits: edit(changes) });
      const rows: Row[] = [
        row("config that is a number", { "": 42 }, err("EDGE_CONFIG_TYPE", at, 42, file)),
        row("config that is a list", { "": [] }, err("EDGE_CONFIG_TYPE", at, [], file)),
        row("an unknown top-level key", { extra: true }, err("EDGE_CONFIG_UNKNOWN_KEY", `${at}.extra`, true, file)),
      ];
      const shape =
        s.schema instanceof z.ZodObject ? (s.schema.shape as Record<string, z.ZodType>) : {};
      for (const [key, schema] of Object.entries(shape)) {
        if (schema.safeParse(undefined).success) continue;
        rows.push(
          row(`required "${key}" missing`, { [key]: DELETE }, err("EDGE_CONFIG_MISSING", `${at}.${key}`, undefined, file)),
        );
      }
      return rows;
    });
}

const rows: Row[] = [
  ...selectionRows,
  ...environmentRows,
  ...awsRejectsRows,
  ...wrongPlaceRows,
  ...regionHubRows,
  ...multicastRows,
  ...osvRows,
  ...dnsRows,
  ...siteRows,
  ...validRows,
  ...multiErrorRows,
  ...laxRows,
  ...rackRows,
  ...freshRows,
  ...[...sites.values()].flatMap(genericRows),
];

/** Checks what a run reported against the row. */
function expectOutcome(row: Row, outcome: RunOutcome): void {
  const found = outcome.errors.map((e) => ({
    code: e.code,
    path: e.path,
    value: e.value,
    file: e.file,
  }));
  const wanted = row.expect.map((x) => ({ ...x, value: describeValue(x.value) }));
  if (row.expect.length === 0) {
    expect(found).toEqual([]);
    expect(outcome.stacks).toBeGreaterThan(0);
    return;
  }
  if (row.exactly) expect(found).toEqual(expect.arrayContaining(wanted));
  if (row.exactly) expect(found).toHaveLength(wanted.length);
  else expect(found).toEqual(expect.arrayContaining(wanted));
  expect(outcome.stacks).toBe(0);
  for (const e of outcome.errors) {
    expect(e.problem).not.toMatch(
      /^(The|A|An|This|It|No|Not|Invalid|Expected|Unknown|Required|Must)\b/,
    ); // lowercase
    expect(e.problem).not.toMatch(/\.$/);
    expect(e.fix).not.toMatch(/\.$/);
    // Every fix says what a valid value looks like, never only "correct X" or a bare regex.
    expect(e.fix).not.toMatch(/^correct |^make \S+ match \//);
    expect(e.file).not.toBe("");
    // The value printed is the value written at the path printed (or, for a key, the key as
    // written): never a composite of several settings, a default or a derived value.
    if (e.written !== undefined) {
      expect([e.code, e.path, e.value]).toEqual([
        e.code,
        e.path,
        e.value === e.written.key ? e.written.key : e.written.value,
      ]);
    }
  }
}

describe("the bad-input corpus", () => {
  it("covers every class with enough rows, each named once", () => {
    const byClass = new Map<RowClass, number>();
    for (const r of rows) byClass.set(r.class, (byClass.get(r.class) ?? 0) + 1);
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    for (const c of [
      "selection",
      "environment",
      "accepted-but-aws-rejects",
      "valid-input-rejected",
      "wrong-place",
      "multicast",
      "osv",
      "dns",
      "site-schema",
      "valid-but-unusual",
      "multi-error",
    ] as const) {
      expect([c, (byClass.get(c) ?? 0) >= 2]).toEqual([c, true]);
    }
  });

  it.each(rows.filter((r) => !r.spawnOnly).map((r) => [r.name, r] as const))("%s", (_name, row) => {
    expectOutcome(
      row,
      runInProcess(row.edits, sites, row.sites ?? ["region-hub"], row.envs ?? ["dev"]),
    );
  });

  // The synth command as a user runs it: exit code, nothing written, no stack trace, and the
  // same errors as the in-process run.
  it.each(rows.filter((r) => r.spawn).map((r) => [r.name, r] as const))(
    "synth command: %s",
    (_name, row) => {
      const outcome = runSpawned(row.edits, {
        EDGE_ENVS: row.raw?.EDGE_ENVS ?? (row.envs ?? ["dev"]).join(","),
        EDGE_SITES: row.raw?.EDGE_SITES ?? (row.sites ?? ["region-hub"]).join(","),
      });
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
      expect(outcome.exitCode).toBe(row.expect.length === 0 ? 0 : 1);
      expectOutcome(row, outcome);
    },
    60_000,
  );
});
