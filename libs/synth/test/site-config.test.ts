import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { z } from "zod";
import { defineSite, defineSiteOutputs, out, type EnvironmentCatalog, type SiteDefinition } from "@edge/core";
import { FIXTURE_CATALOG, FIXTURE_ENVIRONMENTS } from "@edge/core/testing";
import { synthesizeSites } from "../src";
import { passAll } from "./support/fixtures";

/** A hub contract as region-hub's: read in the consumer's own Region only. */
const regionHubOutputs = defineSiteOutputs("region-hub", { vpcId: out.string("hub VPC") }, { sameRegion: true });

const schema = z.strictObject({ bucket: z.string(), roleArn: z.string().optional(), recordName: z.string().optional() });
type Config = z.input<typeof schema>;

const config = (account: string): Config => ({ bucket: `images-${account}` });
const site = (name: string, extra: Partial<SiteDefinition<typeof schema>> = {}): SiteDefinition =>
  defineSite({
    name,
    schema,
    environments: { dev: config("111111111111"), staging: config("222222222222"), prod: config("333333333333") },
    build(stack) {
      new Subnet(stack, "subnet", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" });
    },
    ...extra,
  }) as unknown as SiteDefinition;

/** The fixture catalog with a `qa` environment of its own account. */
const withQa: EnvironmentCatalog = {
  ...FIXTURE_CATALOG,
  environments: {
    ...FIXTURE_ENVIRONMENTS,
    qa: {
      ...FIXTURE_ENVIRONMENTS.dev,
      name: "qa",
      account: "444444444444",
      network: { vpcCidr: "10.40.0.0/16", sites: { alpha: "10.40.0.0/20" } },
    },
  },
};

describe("site config per environment", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-site-config-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const synth = (sites: SiteDefinition[], options: { catalog?: EnvironmentCatalog; environments?: string[]; adHocRefusals?: "skip" | "error" } = {}) =>
    synthesizeSites(sites, { repoRoot: root, policy: passAll(), catalog: FIXTURE_CATALOG, ...options });

  it("synthesizes every shipped environment by default, one a team adds included", () => {
    const result = synth([site("alpha")], { catalog: { ...withQa, environments: { ...withQa.environments } } });
    // qa has no site config: refused, never given dev's (see the next test).
    expect(result.ok).toBe(false);
    const withConfig = site("alpha", { environments: { ...site("alpha").environments, qa: config("444444444444") } });
    const ok = synth([withConfig], { catalog: withQa });
    expect(ok.ok && ok.stacks.map((s) => s.stack)).toEqual(["alpha-dev", "alpha-staging", "alpha-prod", "alpha-qa"]);
  });

  it("refuses a shipped environment the site has no config for", () => {
    const result = synth([site("alpha")], { catalog: withQa, environments: ["qa"] });
    expect(result).toEqual({
      ok: false,
      errors: [
        [
          "alpha-qa: error EDGE_SITE_ENV_MISSING at alpha.environments.qa",
          "  file:  apps/alpha/src/site.ts",
          "  site alpha has no config for environment qa; a shipped environment never borrows another's (account ids, buckets and DNS names differ)",
          "  value: nothing",
          '  fix:   add a "qa" entry to environments of apps/alpha/src/site.ts with qa\'s own account, buckets and names',
        ].join("\n"),
      ],
    });
  });

  it("refuses config that names another account than the environment's", () => {
    const copied = site("alpha", {
      environments: {
        ...site("alpha").environments,
        qa: { bucket: "images-111111111111", roleArn: "arn:aws:iam::111111111111:role/images" },
      },
    });
    const result = synth([copied], { catalog: withQa, environments: ["qa"] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      [
        "alpha-qa: error EDGE_ACCOUNT_MISMATCH at environments.qa.bucket",
        "  file:  apps/alpha/src/site.ts",
        "  names account 111111111111, but environment qa deploys to account 444444444444",
        '  value: "images-111111111111"',
        "  fix:   use the name of the resource in account 444444444444 (config copied from another environment keeps that environment's account)",
      ].join("\n"),
      [
        "alpha-qa: error EDGE_ACCOUNT_MISMATCH at environments.qa.roleArn",
        "  file:  apps/alpha/src/site.ts",
        "  names account 111111111111, but environment qa deploys to account 444444444444",
        '  value: "arn:aws:iam::111111111111:role/images"',
        "  fix:   use the ARN of the resource in account 444444444444 (config copied from another environment keeps that environment's account)",
      ].join("\n"),
    ]);
  });

  it("gives an ad-hoc environment the derived-from config through the site's derive hook, with notes", () => {
    const named = site("alpha", {
      environments: { dev: { ...config("111111111111"), recordName: "edge.dev.example.com" } },
      adHoc: {
        derive: (c, env) => ({ config: { ...c, recordName: `${env.name}.${c.recordName}` }, derived: [`record ${env.name}.${c.recordName}`] }),
      },
    });
    const result = synth([named], { environments: ["feature-42"] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.stacks.map((s) => s.stack)).toEqual(["alpha-feature-42"]);
    expect(result.notes[0]).toMatch(/^feature-42 is an ad-hoc environment derived from dev/);
    expect(result.notes[2]).toBe("alpha-feature-42 derives from dev: record feature-42.edge.dev.example.com");
  });

  it("leaves out a site that refuses ad-hoc environments from a synth of every site, and fails one that names it", () => {
    const outpost = site("outpost-factory", { adHoc: { refuse: "an Outpost is one physical rack; it cannot be shared" } });
    const skipped = synth([site("alpha"), outpost], { environments: ["feature-42"], adHocRefusals: "skip" });
    expect(skipped.ok && skipped.stacks.map((s) => s.stack)).toEqual(["alpha-feature-42"]);
    expect(skipped.ok && skipped.notes[2]).toBe(
      "outpost-factory is not synthesized for ad-hoc feature-42: an Outpost is one physical rack; it cannot be shared",
    );
    const named = synth([outpost], { environments: ["feature-42"] });
    expect(!named.ok && named.errors[0]).toBe(
      [
        "outpost-factory-feature-42: error EDGE_ADHOC_REFUSED at outpost-factory.adHoc",
        "  file:  apps/outpost-factory/src/site.ts",
        "  site outpost-factory does not run in ad-hoc environments: an Outpost is one physical rack; it cannot be shared",
        '  value: "feature-42"',
        '  fix:   synthesize outpost-factory in dev, staging, prod only, or add a "feature-42" entry to apps/outpost-factory/src/site.ts with resources of its own',
      ].join("\n"),
    );
  });
});

describe("sites in several Regions", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-regions-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const twoRegions: EnvironmentCatalog = {
    environments: {
      dev: {
        ...FIXTURE_ENVIRONMENTS.dev,
        network: {
          vpcCidr: "10.10.0.0/16",
          sites: { "region-hub": "10.10.0.0/18" },
          regions: { "us-west-2": { vpcCidr: "10.12.0.0/16", sites: { "region-hub": "10.12.0.0/18", edge: "10.12.64.0/20" } } },
        },
      },
    },
  };
  const hub = defineSite({
    name: "region-hub",
    schema,
    environments: { dev: config("111111111111") },
    regions: { "us-west-2": { dev: config("111111111111") } },
    build(stack) {
      new Subnet(stack, "subnet", { vpcId: "vpc-1", cidrBlock: stack.addressBlock });
    },
  });
  const edge = defineSite({
    name: "edge",
    schema,
    environments: {},
    regions: { "us-west-2": { dev: config("111111111111") } },
    build(stack) {
      // Reads the hub contract: the consumer's Region decides which hub.
      const read = regionHubOutputs.read(stack);
      new Subnet(stack, "subnet", { vpcId: read.vpcId, cidrBlock: stack.addressBlock });
    },
  });

  it("synthesizes a stack per home Region, each with its Region's provider and block", () => {
    const result = synthesizeSites([hub, edge] as unknown as SiteDefinition[], { repoRoot: root, policy: passAll(), catalog: twoRegions });
    expect(result.ok && result.stacks.map((s) => [s.stack, s.state])).toEqual([
      ["region-hub-dev", "state/region-hub/dev.tfstate"],
      ["region-hub-us-west-2-dev", "state/region-hub-us-west-2/dev.tfstate"],
      ["edge-dev", "state/edge/dev.tfstate"],
    ]);
    const json = (stack: string) => JSON.parse(fs.readFileSync(path.join(root, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
    expect(json("region-hub-us-west-2-dev").provider.aws[0].region).toBe("us-west-2");
    expect(json("region-hub-us-west-2-dev").resource.aws_subnet.subnet.cidr_block).toBe("10.12.0.0/18");
    expect(json("region-hub-dev").provider.aws[0].region).toBe("us-east-1");
    expect(json("edge-dev").provider.aws[0].region).toBe("us-west-2");
    expect(json("edge-dev").resource.aws_subnet.subnet.cidr_block).toBe("10.12.64.0/20");
    // The edge site reads the hub of its own Region.
    expect(json("edge-dev").data.terraform_remote_state["region-hub-outputs"].config.path).toBe(
      "../../../state/region-hub-us-west-2/dev.tfstate",
    );
  });

  it("refuses a site that reads region-hub in a Region where the environment homes no hub", () => {
    const eastOnly: EnvironmentCatalog = {
      environments: {
        dev: {
          ...twoRegions.environments.dev,
          network: {
            vpcCidr: "10.10.0.0/16",
            sites: { "region-hub": "10.10.0.0/18" },
            regions: { "us-west-2": { vpcCidr: "10.12.0.0/16", sites: { edge: "10.12.64.0/20" } } },
          },
        },
      },
    };
    const result = synthesizeSites([edge] as unknown as SiteDefinition[], { repoRoot: root, policy: passAll(), catalog: eastOnly });
    expect(!result.ok && result.errors).toEqual([
      [
        "edge-dev: error EDGE_SITE_REGION at environments.dev.network.regions.us-west-2.sites.region-hub",
        "  file:  libs/environments/src/lib/shipped-environments.ts",
        "  edge is homed in us-west-2 and reads region-hub, which environment dev homes in us-east-1 only",
        "  value: nothing",
        '  fix:   home region-hub in us-west-2 too: give it a block in network.regions.us-west-2.sites and config under regions["us-west-2"] of apps/region-hub/src/site.ts',
      ].join("\n"),
    ]);
  });

  it("reports a site homed in other Regions only that an environment homes nowhere", () => {
    const nowhere: EnvironmentCatalog = { environments: { dev: { ...FIXTURE_ENVIRONMENTS.dev, network: { vpcCidr: "10.10.0.0/16", sites: {} } } } };
    const result = synthesizeSites([edge] as unknown as SiteDefinition[], { repoRoot: root, policy: passAll(), catalog: nowhere });
    expect(!result.ok && result.errors).toEqual([
      [
        "edge-dev: error EDGE_SITE_ENV_MISSING at environments.dev.network.regions",
        "  file:  libs/environments/src/lib/shipped-environments.ts",
        "  site edge is homed in us-west-2, and environment dev homes it in none of them",
        "  value: nothing",
        '  fix:   give edge a block in network.regions.us-west-2.sites of environment dev and a "dev" entry under regions["us-west-2"] of apps/edge/src/site.ts',
      ].join("\n"),
    ]);
  });

  it("reports a site listed in a Region's plan without config for that Region", () => {
    const noWest = defineSite({ ...hub, regions: {} });
    const result = synthesizeSites([noWest] as unknown as SiteDefinition[], { repoRoot: root, policy: passAll(), catalog: twoRegions });
    expect(!result.ok && result.errors[0]).toBe(
      [
        "region-hub-us-west-2-dev: error EDGE_SITE_ENV_MISSING at region-hub.regions.us-west-2.dev",
        "  file:  apps/region-hub/src/site.ts",
        "  site region-hub homed in us-west-2 has no config for environment dev; a shipped environment never borrows another's (account ids, buckets and DNS names differ)",
        "  value: nothing",
        '  fix:   add a "dev" entry to regions.us-west-2 of apps/region-hub/src/site.ts with dev\'s own account, buckets and names',
      ].join("\n"),
    );
  });
});
