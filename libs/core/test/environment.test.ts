import { defineEnvironment, homeFor, homesOf, resolveEnvironment, shippedEnvironmentNames, type EnvironmentCatalog } from "../src";
import { configError, configErrors, FIXTURE_CATALOG, FIXTURE_ENVIRONMENTS } from "../src/testing";

const dev = FIXTURE_ENVIRONMENTS.dev;
const resolve = (name: string) => resolveEnvironment(name, FIXTURE_CATALOG);

describe("environments", () => {
  it("resolves every environment of the catalog, in the catalog's order", () => {
    expect(shippedEnvironmentNames(FIXTURE_CATALOG)).toEqual(["dev", "staging", "prod"]);
    for (const name of shippedEnvironmentNames(FIXTURE_CATALOG)) {
      expect(resolve(name).name).toBe(name);
      expect(resolve(name).derivedFrom).toBeUndefined();
    }
  });

  it("includes an environment a team adds to the catalog in the default list", () => {
    const catalog: EnvironmentCatalog = { ...FIXTURE_CATALOG, environments: { ...FIXTURE_ENVIRONMENTS, qa: { ...FIXTURE_ENVIRONMENTS.staging, name: "qa", account: "444444444444", assumeRoleArn: undefined, permissionsBoundaryArn: undefined } } };
    expect(shippedEnvironmentNames(catalog)).toEqual(["dev", "staging", "prod", "qa"]);
    expect(resolveEnvironment("qa", catalog)).toMatchObject({ name: "qa", account: "444444444444" });
  });

  it("defaults the backend to local", () => {
    expect(resolve("dev").backend).toEqual({ type: "local" });
  });

  it("derives an ad-hoc environment from dev with its own address plan and says so", () => {
    const env = resolve("feature-42");
    const base = resolve("dev");
    expect(env).toMatchObject({ name: "feature-42", account: base.account, region: base.region, backend: base.backend, derivedFrom: "dev" });
    // dev's plan spans 10.10.0.0/16 and 10.11.0.0/20, so it moves as the /15 10.10.0.0/15 into a
    // slot of the pool 10.128.0.0/9, every block keeping its place in the span.
    expect(env.network.vpcCidr).toMatch(/^10\.(\d+)\.0\.0\/16$/);
    const second = Number(env.network.vpcCidr.split(".")[1]);
    expect(second).toBeGreaterThanOrEqual(128);
    expect(second % 2).toBe(0);
    expect(env.network.sites).toEqual({
      "region-hub": `10.${second}.0.0/18`,
      "local-zone-bos": `10.${second}.64.0/20`,
      "outpost-factory": `10.${second}.80.0/20`,
      "wavelength-bos": `10.${second + 1}.0.0/20`,
    });
    expect(env.derivation).toEqual([
      "feature-42 is an ad-hoc environment derived from dev: its account 111111111111, Region us-east-1, profile development and local backend, with a state, names and tags of its own",
      `feature-42's address plan is dev's moved from 10.10.0.0/15 to 10.${second}.0.0/15 (slot ${(second - 128) / 2} of the ad-hoc pool 10.128.0.0/9, chosen from the name; two ad-hoc environments can share a slot)`,
    ]);
    // The same name always gets the same plan.
    expect(resolve("feature-42").network).toEqual(env.network);
  });

  it("refuses a name one edit from a shipped one with a did-you-mean", () => {
    for (const [typo, meant] of [["prd", "prod"], ["stagin", "staging"], ["devv", "dev"], ["dav", "dev"]]) {
      const err = configError(() => resolve(typo));
      expect(err.code).toBe("EDGE_ENV_NEAR_MISS");
      expect(err.problem).toBe(`no shipped environment "${typo}", and it is one edit from "${meant}": did you mean "${meant}"?`);
    }
    expect(configError(() => resolve("prd")).message).toBe(
      'EDGE_ENV_NEAR_MISS at EDGE_ENVS: no shipped environment "prd", and it is one edit from "prod": did you mean "prod"? (got "prd"); fix: use prod, or give the ad-hoc environment a name further from dev, staging, prod (such as feature-42)',
    );
  });

  it("refuses an unknown name when the catalog derives no ad-hoc environments", () => {
    const err = configError(() => resolveEnvironment("feature-42", { environments: FIXTURE_ENVIRONMENTS }));
    expect(err.message).toBe(
      'EDGE_ENV_UNKNOWN at EDGE_ENVS: no environment "feature-42", and the catalog derives no ad-hoc environments (got "feature-42"); fix: use one of dev, staging, prod',
    );
  });

  it("rejects an invalid ad-hoc name", () => {
    const err = configError(() => resolve("Feature_42"));
    expect(err.message).toBe(
      'EDGE_ENV_NAME at EDGE_ENVS: not a valid environment name (got "Feature_42"); fix: use lowercase letters, digits and dashes, starting with a letter, at most 24 characters',
    );
  });
});

describe("sites in several Regions", () => {
  const twoRegions = defineEnvironment(
    {
      ...dev,
      network: {
        ...dev.network,
        regions: { "us-west-2": { vpcCidr: "10.12.0.0/16", sites: { "region-hub": "10.12.0.0/18", "local-zone-lax": "10.12.64.0/20" } } },
      },
    },
    "dev",
  );

  it("homes a site listed in two Regions in both, the second under <site>-<region>", () => {
    const homes = homesOf("region-hub", twoRegions);
    expect(homes.map((h) => [h.name, h.region, h.environment.region, h.environment.network.vpcCidr, h.environment.network.sites["region-hub"]])).toEqual([
      ["region-hub", "us-east-1", "us-east-1", "10.10.0.0/16", "10.10.0.0/18"],
      ["region-hub-us-west-2", "us-west-2", "us-west-2", "10.12.0.0/16", "10.12.0.0/18"],
    ]);
    expect(homes[1].environment.home).toBe(twoRegions);
  });

  it("homes a site listed only in another Region there, under its own name", () => {
    expect(homesOf("local-zone-lax", twoRegions).map((h) => [h.name, h.region])).toEqual([["local-zone-lax", "us-west-2"]]);
    expect(homesOf("global-dns", twoRegions).map((h) => [h.name, h.region])).toEqual([["global-dns", "us-east-1"]]);
  });

  it("reads the instance of a producer homed in the consumer's Region", () => {
    const lax = homesOf("local-zone-lax", twoRegions)[0].environment;
    expect(homeFor("region-hub", lax).name).toBe("region-hub-us-west-2");
    expect(homeFor("region-hub", twoRegions).name).toBe("region-hub");
  });

  it("keeps S3 state in the environment's own Region", () => {
    const s3 = defineEnvironment({ ...FIXTURE_ENVIRONMENTS.prod, backend: { type: "s3", bucket: "edge-blueprints-tfstate-333333333333" }, network: { ...FIXTURE_ENVIRONMENTS.prod.network, regions: { "us-west-2": { vpcCidr: "10.32.0.0/16", sites: { "region-hub": "10.32.0.0/18" } } } } }, "prod");
    expect(homesOf("region-hub", s3)[1].environment.backend).toEqual({ type: "s3", bucket: "edge-blueprints-tfstate-333333333333", region: "us-east-1" });
  });

  it("rejects hub VPCs of two Regions that overlap", () => {
    const err = configError(() =>
      defineEnvironment({ ...dev, network: { ...dev.network, regions: { "us-west-2": { vpcCidr: "10.10.0.0/16", sites: {} } } } }, "dev"),
    );
    expect(err.code).toBe("EDGE_CIDR_OVERLAP");
    expect(err.path).toBe("environments.dev.network.regions.us-west-2.vpcCidr");
  });

  it("rejects a plan for the environment's own Region under regions", () => {
    const err = configError(() =>
      defineEnvironment({ ...dev, network: { ...dev.network, regions: { "us-east-1": { vpcCidr: "10.12.0.0/16", sites: {} } } } }, "dev"),
    );
    expect(err.message).toBe(
      'EDGE_ENV_REGION_PLAN at environments.dev.network.regions.us-east-1: us-east-1 is the environment\'s own Region, whose plan is network.vpcCidr and network.sites (got {"vpcCidr":"10.12.0.0/16","sites":{}}); fix: move these blocks to network.sites and remove network.regions.us-east-1',
    );
  });
});

describe("accounts", () => {
  it("rejects a role or state bucket of another account", () => {
    const errors = configErrors(() =>
      defineEnvironment(
        {
          ...FIXTURE_ENVIRONMENTS.prod,
          assumeRoleArn: "arn:aws:iam::222222222222:role/edge-blueprints-deploy",
          backend: { type: "s3", bucket: "edge-blueprints-tfstate-111111111111" },
        },
        "prod",
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'EDGE_ACCOUNT_MISMATCH at environments.prod.assumeRoleArn: names account 222222222222, but environment prod deploys to account 333333333333 (got "arn:aws:iam::222222222222:role/edge-blueprints-deploy"); fix: use the ARN of the resource in account 333333333333 (config copied from another environment keeps that environment\'s account)',
      'EDGE_ACCOUNT_MISMATCH at environments.prod.backend.bucket: names account 111111111111, but environment prod deploys to account 333333333333 (got "edge-blueprints-tfstate-111111111111"); fix: use the name of the resource in account 333333333333 (config copied from another environment keeps that environment\'s account)',
    ]);
  });

  it("accepts AWS managed policies as permissions boundary", () => {
    expect(defineEnvironment({ ...FIXTURE_ENVIRONMENTS.prod, permissionsBoundaryArn: "arn:aws:iam::aws:policy/PowerUserAccess" }, "prod").account).toBe("333333333333");
  });
});

describe("environment validation", () => {
  it("reports an unknown key with a did-you-mean", () => {
    const err = configError(() => defineEnvironment({ ...dev, acount: "111111111111" }, "dev"));
    expect(err.message).toBe(
      'EDGE_CONFIG_UNKNOWN_KEY at environments.dev.acount: unknown key "acount" (got "111111111111"); fix: did you mean "account"? remove "acount" or use one of: name, account, region, assumeRoleArn, permissionsBoundaryArn, backend, tags, profile, network',
    );
  });

  it("reports a wrong type and a missing field together", () => {
    const { account: _account, ...noAccount } = dev;
    const errors = configErrors(() => defineEnvironment({ ...noAccount, region: 1 }, "dev"));
    expect(errors.map((e) => e.message)).toEqual([
      "EDGE_CONFIG_MISSING at environments.dev.account: required string is missing (got nothing); fix: add environments.dev.account: a string, as its doc comment in the file describes",
      "EDGE_CONFIG_TYPE at environments.dev.region: expected string, got number (got 1); fix: give environments.dev.region a string value",
    ]);
  });

  it("rejects a region code that is not one", () => {
    const err = configError(() => defineEnvironment({ ...dev, region: "us-east" }, "dev"));
    expect(err.message).toBe(
      'EDGE_REGION at environments.dev.region: no AWS Region has this code (got "us-east"); fix: use an existing Region code: "us-east-1", "us-east-2" (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html)',
    );
  });

  // Region codes: Route 53 API VPC.VPCRegion values; AZ letters: AWS Regions and Availability
  // Zones, "AWS Availability Zones" (a Region code followed by a letter).
  it("rejects a well-formed Region code that no Region has, naming the close ones", () => {
    const err = configError(() => defineEnvironment({ ...dev, region: "us-east-9" }, "dev"));
    expect(err.code).toBe("EDGE_REGION");
    expect(err.fix).toBe(
      'use an existing Region code: "us-east-1", "us-east-2" (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html)',
    );
  });

  // Tagging AWS Resources, "Tag naming limits and requirements": Unicode letters, digits, spaces
  // and _ . : / = + - @; the aws: prefix is reserved for AWS.
  it("accepts Unicode tag keys and rejects the reserved aws: prefix in any case", () => {
    expect(
      defineEnvironment(
        { ...dev, tags: { équipe: "edge", "コスト センター": "a/b", "k.+=@_:/-": "v" } },
        "dev",
      ).tags,
    ).toEqual({
      équipe: "edge",
      "コスト センター": "a/b",
      "k.+=@_:/-": "v",
    });
    const err = configError(() => defineEnvironment({ ...dev, tags: { "AWS:team": "x" } }, "dev"));
    expect(err.message).toBe(
      'EDGE_TAG_KEY at environments.dev.tags["AWS:team"]: tag key "AWS:team": the "aws:" prefix is reserved for AWS (got "AWS:team"); fix: use 1 to 128 letters (any script), numbers, spaces and _ . : / = + - @, not starting with "aws:", such as "cost-center" or "équipe" (https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html)',
    );
  });

  // Amazon S3 UG, "General purpose bucket naming rules".
  it.each([
    ["192.168.5.4", "a bucket name is not formatted as an IP address"],
    ["edge..state", "a bucket name has no two adjacent periods"],
    ["xn--edge-state", 'bucket names beginning with "xn--" are reserved'],
    ["edge-state-s3alias", 'bucket names ending with "-s3alias" are reserved'],
    ["Edge_State", "a bucket name has only lowercase letters, numbers, periods and hyphens"],
    ["ab", "a bucket name has 3 to 63 characters, this one 2"],
  ])("rejects the state bucket name %s", (bucket, problem) => {
    const err = configError(() =>
      defineEnvironment({ ...dev, backend: { type: "s3", bucket } }, "dev"),
    );
    expect([err.code, err.path, err.value, err.problem]).toEqual([
      "EDGE_S3_BUCKET_NAME",
      "environments.dev.backend.bucket",
      bucket,
      problem,
    ]);
  });

  it("rejects an unknown backend type with the allowed ones", () => {
    const err = configError(() => defineEnvironment({ ...dev, backend: { type: "gcs" } as never }, "dev"));
    expect(err.message).toBe(
      'EDGE_CONFIG_VALUE at environments.dev.backend.type: unknown kind (got "gcs"); fix: use one of "local", "s3", "tfc"',
    );
  });

  it("rejects overlapping site blocks and names both sites", () => {
    const err = configError(() =>
      defineEnvironment(
        { ...dev, network: { vpcCidr: "10.10.0.0/16", sites: { "region-hub": "10.10.0.0/18", "local-zone-bos": "10.10.32.0/20" } } },
        "dev",
      ),
    );
    expect(err.message).toBe(
      'EDGE_CIDR_OVERLAP at environments.dev.network.sites.local-zone-bos: local-zone-bos (10.10.32.0/20) overlaps region-hub (10.10.0.0/18) (got "10.10.32.0/20"); fix: give local-zone-bos a block outside 10.10.0.0/18',
    );
  });

  it("rejects a malformed VPC CIDR with the code of the CIDR check", () => {
    const err = configError(() => defineEnvironment({ ...dev, network: { ...dev.network, vpcCidr: "10.10.0.1/16" } }, "dev"));
    expect(err.message).toBe(
      'EDGE_CIDR_INVALID at environments.dev.network.vpcCidr: host bits are set, so this is an address, not a network block (got "10.10.0.1/16"); fix: use "10.10.0.0/16"',
    );
  });

  it("keeps the required tags for the stack itself", () => {
    const err = configError(() => defineEnvironment({ ...dev, tags: { site: "x" } }, "dev"));
    expect(err.message).toBe(
      'EDGE_TAG_RESERVED at environments.dev.tags.site: tag "site" is set by edge-blueprints itself (got "x"); fix: remove tags.site; the stack sets it',
    );
  });

  it("requires the listed name to match", () => {
    const err = configError(() => defineEnvironment({ ...dev, name: "qa" }, "dev"));
    expect(err.message).toBe('EDGE_ENV_NAME at environments.dev.name: environment is listed as "dev" but named "qa" (got "qa"); fix: set name to "dev"');
  });
});
