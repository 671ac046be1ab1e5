import * as path from "node:path";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Testing } from "cdktf";
import { EdgeStack, resolveEnvironment } from "../src";
import { FIXTURE_CATALOG, resourcesOf, synthJson, TEST_REPO_ROOT, type TerraformJson, testStack } from "../src/testing";

describe("EdgeStack", () => {
  it("is named <site>-<env>", () => {
    expect(testStack({ site: "region-hub", env: "staging" }).node.id).toBe("region-hub-staging");
  });

  it("configures the provider: region, account guard, assume role, default tags", () => {
    const json = synthJson(testStack({ site: "region-hub", env: "prod" }));
    expect(json.provider.aws).toEqual([
      {
        region: "us-east-1",
        allowed_account_ids: ["333333333333"],
        assume_role: [
          { role_arn: "arn:aws:iam::333333333333:role/edge-blueprints-deploy", session_name: "region-hub-prod-deploy" },
        ],
        default_tags: [
          { tags: { "cost-center": "edge-prod", site: "region-hub", environment: "prod", "managed-by": "edge-blueprints" } },
        ],
      },
    ]);
  });

  it("uses readable Terraform addresses from the construct path", () => {
    const stack = testStack();
    new Subnet(stack, "private-us-east-1a", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" });
    expect(Object.keys(resourcesOf(synthJson(stack), "aws_subnet"))).toEqual(["private-us-east-1a"]);
  });

  it("fails loudly when two construct paths map to one address", () => {
    const stack = testStack();
    new Subnet(stack, "a_b", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" });
    const scope = new Subnet(stack, "a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
    new Subnet(scope, "b", { vpcId: "vpc-1", cidrBlock: "10.0.2.0/24" });
    expect(() => synthJson(stack)).toThrow("Terraform address a_b is used by both");
  });
});

describe("synthesizedTerraform", () => {
  it("is the JSON the last toTerraform() returned, so a check after synth does not resolve again", () => {
    const stack = testStack();
    new Subnet(stack, "private-us-east-1a", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" });
    const returned = stack.toTerraform() as Record<string, unknown>;
    // Every resolution of the stack asks each element for its block once.
    const resolve = jest.spyOn(stack.provider, "toTerraform");
    try {
      expect(stack.synthesizedTerraform()).toBe(returned);
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
    expect(resourcesOf(stack.synthesizedTerraform() as TerraformJson, "aws_subnet")).toEqual({
      "private-us-east-1a": expect.objectContaining({ cidr_block: "10.0.0.0/24", vpc_id: "vpc-1" }),
    });
  });

  it("resolves afresh when nothing was synthesized yet or the tree grew since", () => {
    const stack = testStack();
    new Subnet(stack, "a", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" });
    expect(Object.keys(resourcesOf(stack.synthesizedTerraform() as TerraformJson, "aws_subnet"))).toEqual(["a"]);
    new Subnet(stack, "b", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
    expect(Object.keys(resourcesOf(stack.synthesizedTerraform() as TerraformJson, "aws_subnet"))).toEqual(["a", "b"]);
  });
});

describe("backends", () => {
  it("keeps local state in state/<site>/<env>.tfstate at the repo root, outside cdktf.out", () => {
    const json = synthJson(testStack({ site: "region-hub", env: "dev" }));
    const statePath: string = json.terraform.backend.local.path;
    expect(statePath).toBe("../../../state/region-hub/dev.tfstate");
    const stackDir = path.join(TEST_REPO_ROOT, "cdktf.out", "stacks", "region-hub-dev");
    const resolved = path.resolve(stackDir, statePath);
    expect(resolved).toBe(path.join(TEST_REPO_ROOT, "state", "region-hub", "dev.tfstate"));
    expect(resolved.startsWith(path.join(TEST_REPO_ROOT, "cdktf.out"))).toBe(false);
  });

  it("writes an encrypted S3 backend with S3-native locking, one key per site and environment", () => {
    const json = synthJson(
      testStack({
        site: "region-hub",
        env: "prod",
        environment: {
          backend: {
            type: "s3",
            bucket: "acme-tfstate",
            kmsKeyId: "alias/tfstate",
            roleArn: "arn:aws:iam::333333333333:role/state",
            keyPrefix: "edge",
          },
        },
      }),
    );
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: "acme-tfstate",
        key: "edge/region-hub/prod/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
        kms_key_id: "alias/tfstate",
        assume_role: { role_arn: "arn:aws:iam::333333333333:role/state" },
        use_lockfile: true,
      },
    });
  });

  it("writes the Terraform Cloud block with the <prefix>-<site>-<env> workspace", () => {
    const json = synthJson(
      testStack({
        site: "wavelength-bos",
        env: "prod",
        environment: { backend: { type: "tfc", organization: "acme", workspacePrefix: "edge", project: "edge-sites" } },
      }),
    );
    expect(json.terraform.backend).toBeUndefined();
    expect(json.terraform.cloud).toEqual({
      organization: "acme",
      hostname: "app.terraform.io",
      workspaces: { name: "edge-wavelength-bos-prod", project: "edge-sites" },
    });
  });

  it("synthesizes the Terraform Cloud block with no terraform binary on the PATH", () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const app = Testing.app();
      const env = { ...resolveEnvironment("dev", FIXTURE_CATALOG), backend: { type: "tfc" as const, organization: "acme", workspacePrefix: "edge", hostname: "app.terraform.io" } };
      new EdgeStack(app, { site: "region-hub", environment: env, layout: { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") } });
      expect(() => app.synth()).not.toThrow();
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe("aspects", () => {
  it("sets the environment's permissions boundary on every IAM role", () => {
    const stack = testStack({ env: "prod" });
    new IamRole(stack, "a", { assumeRolePolicy: "{}" });
    new IamRole(stack, "b", { assumeRolePolicy: "{}" });
    const roles = resourcesOf(synthJson(stack), "aws_iam_role");
    expect(Object.values(roles).map((r) => r.permissions_boundary)).toEqual([
      "arn:aws:iam::333333333333:policy/edge-blueprints-boundary",
      "arn:aws:iam::333333333333:policy/edge-blueprints-boundary",
    ]);
  });

  it("leaves roles alone when the environment names no boundary", () => {
    const stack = testStack({ env: "dev" });
    new IamRole(stack, "a", { assumeRolePolicy: "{}" });
    expect(resourcesOf(synthJson(stack), "aws_iam_role").a.permissions_boundary).toBeUndefined();
  });

  it("fails synth when a resource overrides a required tag", () => {
    const stack = testStack({ site: "region-hub" });
    new Subnet(stack, "s", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", tags: { site: "other", Name: "ok" } });
    expect(() => synthJson(stack)).toThrow('tag "site" = "other" overrides the required value "region-hub"');
  });

  it("allows a resource to repeat a required tag with the same value", () => {
    const stack = testStack({ site: "region-hub" });
    new Subnet(stack, "s", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", tags: { site: "region-hub" } });
    expect(() => synthJson(stack)).not.toThrow();
  });
});

describe("required_version", () => {
  // Terraform "Upgrading to Terraform v1.10": S3 native state locking (use_lockfile) arrives in
  // v1.10, so a stack with the S3 backend must say so; every backend gets the same floor.
  it.each(["dev", "staging", "prod"])("%s stacks require terraform >= 1.10", (env) => {
    const json = synthJson(testStack({ site: "region-hub", env }));
    expect(json.terraform.required_version).toBe(">= 1.10");
  });

  it("sits beside use_lockfile in an S3 backend stack", () => {
    const json = synthJson(
      testStack({
        site: "region-hub",
        env: "prod",
        environment: { backend: { type: "s3", bucket: "acme-tfstate" } },
      }),
    );
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
    expect(json.terraform.required_version).toBe(">= 1.10");
  });
});
