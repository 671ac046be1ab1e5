/**
 * Synth resolves each stack once: `EdgeStack.prepareStack` does not resolve (cdktf's own resolves
 * every element in preparing mode only to find cross-stack references), `EdgeStack.toTerraform`
 * resolves in that same mode when the pack checks the stack, and synth writes that JSON
 * (`EdgeStack.reuseResolved`) instead of resolving every token again. What is written must be
 * exactly what cdktf's own `TerraformStack.prototype.toTerraform` gives after the pack recorded
 * its suppressions: the `edge_policy` block in the resource's `//` metadata, the stack's `//`
 * block for the backend, and the per-type override lists of `//.metadata.overrides` (cdktf 0.21:
 * `addOverride` stores the override, `TerraformResource.toMetadata` / `TerraformBackend.toMetadata`
 * list its keys, `TerraformStack.toTerraform` merges them, arrays concatenated in construct order).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import type { EdgeStack } from "@edge/core";
import { testStack } from "@edge/core/testing";
import { App, TerraformStack } from "cdktf";
import { edgePolicyPack, suppressRules } from "../src";

const REASON = "OSv hosts pull packages from mirrors that have no fixed address ranges";

/** Allow-all egress (an EDGE-SG-5 error) on a new security group. */
function openEgress(stack: EdgeStack, id: string) {
  const sg = new SecurityGroup(stack, `${id}-sg`, { description: "hosts" });
  return new VpcSecurityGroupEgressRule(stack, `${id}-egress`, {
    securityGroupId: sg.id,
    ipProtocol: "-1",
    cidrIpv4: "0.0.0.0/0",
    description: "all outbound",
  });
}

type Written = {
  "//": { metadata: { overrides?: Record<string, string[]> }; edge_policy?: unknown };
  resource: Record<string, Record<string, { "//": Record<string, unknown> }>>;
};

/** Runs `app.synth()` of the stack's App (prepareStack, aspects, validations, write) and reads the cdk.tf.json it wrote. */
function written(stack: EdgeStack): Written {
  const app = App.of(stack);
  app.synth();
  const file = path.join(app.outdir, "stacks", stack.node.id, "cdk.tf.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Written;
}

/** cdktf's own `toTerraform()` of the stack (what the stock `TerraformStack` would write), as JSON. */
const cdktfOwn = (stack: EdgeStack): unknown =>
  JSON.parse(JSON.stringify(TerraformStack.prototype.toTerraform.call(stack)));

describe("one resolution per stack", () => {
  afterEach(() => jest.restoreAllMocks());

  it("writes exactly what a fresh resolution gives, suppression metadata included, resolving once", () => {
    // An S3-backed environment (the shipped ones deliver through Terraform Cloud).
    const stack = testStack({
      env: "prod",
      policy: edgePolicyPack,
      environment: {
        backend: {
          type: "s3",
          bucket: "edge-blueprints-tfstate-333333333333",
          region: "us-east-1",
        },
      },
    });
    // Same type before and after the suppressed rule: the override list keeps construct order.
    openEgress(stack, "a").addOverride("description", "first");
    suppressRules(openEgress(stack, "host"), [{ id: "EDGE-SG-5", reason: REASON }]);
    suppressRules(openEgress(stack, "z"), [{ id: "EDGE-SG-5", reason: REASON }]);
    stack.backend.addOverride("encrypt", false);
    suppressRules(stack.backend, [
      { id: "EDGE-STATE-1", reason: "state bucket enforces SSE-KMS with a bucket policy" },
    ]);
    // Every resolution of the stack asks each element for its block once.
    const resolutions = jest.spyOn(stack.provider, "toTerraform");

    const json = written(stack);
    expect(resolutions).toHaveBeenCalledTimes(1);
    expect(json).toEqual(cdktfOwn(stack));
    expect(resolutions).toHaveBeenCalledTimes(2);

    expect(edgePolicyPack.outcomeOf(stack)?.summary).toMatchObject({ errors: 1, suppressed: 3 });
    expect(json["//"].metadata.overrides).toEqual({
      stack: ["terraform", "//"],
      backend: ["use_lockfile", "encrypt"],
      aws_vpc_security_group_egress_rule: ["description", "//", "//"],
    });
    expect(json.resource.aws_vpc_security_group_egress_rule["host-egress"]["//"]).toEqual({
      metadata: { path: "test-site-prod/host-egress", uniqueId: "host-egress" },
      edge_policy: {
        suppressions: [
          { rule: "EDGE-SG-5", reason: REASON, declared_at: "test-site-prod/host-egress" },
        ],
      },
    });
    expect(json["//"].edge_policy).toEqual({
      backend: {
        suppressions: [
          {
            rule: "EDGE-STATE-1",
            reason: "state bucket enforces SSE-KMS with a bucket policy",
            declared_at: "test-site-prod/backend",
          },
        ],
      },
    });
  });

  it("writes the same bytes on a second synth of the same stack", () => {
    const stack = testStack({ policy: edgePolicyPack });
    suppressRules(openEgress(stack, "host"), [{ id: "EDGE-SG-5", reason: REASON }]);
    expect(written(stack)).toEqual(written(stack));
  });

  it("resolves again when the tree grew after the check", () => {
    const stack = testStack({ policy: edgePolicyPack });
    suppressRules(openEgress(stack, "host"), [{ id: "EDGE-SG-5", reason: REASON }]);
    stack.runAllValidations();
    new SecurityGroup(stack, "late-sg", { description: "added after the check" });
    const json = stack.toTerraform() as Written;
    expect(Object.keys(json.resource.aws_security_group).sort()).toEqual(["host-sg", "late-sg"]);
  });
});
