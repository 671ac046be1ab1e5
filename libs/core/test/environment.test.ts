import { defineEnvironment, deliveryOf, resolveEnvironment, SHIPPED_ENVIRONMENTS } from "../src";
import { configError, configErrors } from "../src/testing";

const dev = SHIPPED_ENVIRONMENTS.dev;

describe("environments", () => {
  it("ships dev, staging and prod, all valid", () => {
    expect(Object.keys(SHIPPED_ENVIRONMENTS)).toEqual(["dev", "staging", "prod"]);
    for (const name of Object.keys(SHIPPED_ENVIRONMENTS)) {
      expect(resolveEnvironment(name).name).toBe(name);
    }
  });

  it("defaults the backend to local", () => {
    expect(resolveEnvironment("dev").backend).toEqual({ type: "local" });
  });

  it("ships both delivery paths: dev with cdktf deploy and local state, staging and prod through Terraform Cloud", () => {
    expect(Object.fromEntries(Object.keys(SHIPPED_ENVIRONMENTS).map((n) => [n, deliveryOf(resolveEnvironment(n))]))).toEqual({
      dev: "cdktf-deploy",
      staging: "terraform-cloud",
      prod: "terraform-cloud",
    });
    // One organization, one project per environment; runs are confirmed, never auto-applied by default.
    expect(resolveEnvironment("staging").backend).toEqual({
      type: "tfc",
      organization: "edge-blueprints",
      workspacePrefix: "edge",
      hostname: "app.terraform.io",
      project: "edge-staging",
    });
    expect(resolveEnvironment("prod").backend).toMatchObject({ type: "tfc", organization: "edge-blueprints", project: "edge-prod" });
    expect(deliveryOf({ backend: { type: "s3", bucket: "b-1-2-3" } })).toBe("cdktf-deploy");
  });

  it("derives an ad-hoc environment from dev under its own name", () => {
    const env = resolveEnvironment("feature-42");
    expect(env).toEqual({ ...resolveEnvironment("dev"), name: "feature-42" });
  });

  it("rejects an invalid ad-hoc name", () => {
    const err = configError(() => resolveEnvironment("Feature_42"));
    expect(err.message).toBe(
      'EDGE_ENV_NAME at EDGE_ENVS: not a valid environment name (got "Feature_42"); fix: use lowercase letters, digits and dashes, starting with a letter, at most 24 characters',
    );
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
