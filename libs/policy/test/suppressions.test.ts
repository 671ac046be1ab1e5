import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import type { EdgeStack } from "@edge/core";
import { configError, configErrors, synthJson, testStack } from "@edge/core/testing";
import { Construct } from "constructs";
import {
  checkStack,
  edgePolicyPack,
  policyReportOf,
  suppressRules,
  type PolicyResult,
} from "../src";

/** A security group with allow-all egress: one EDGE-SG-5 error on the egress rule. */
function openEgress(scope: Construct, id = "host") {
  const sg = new SecurityGroup(scope, `${id}-sg`, { description: "hosts" });
  const rule = new VpcSecurityGroupEgressRule(scope, `${id}-egress`, {
    securityGroupId: sg.id,
    ipProtocol: "-1",
    cidrIpv4: "0.0.0.0/0",
    description: "all outbound",
  });
  return { sg, rule };
}

/** Synthesizes (aspects, then validations, which run the pack) and returns the report. */
function report(stack: EdgeStack) {
  synthJson(stack);
  const r = policyReportOf(stack);
  if (!r) throw new Error("the pack did not run");
  return r;
}

const resultFor = (stack: EdgeStack, rule: string, address: string): PolicyResult | undefined =>
  report(stack).results.find((r) => r.rule === rule && r.address === address);

/** The `//` block of one resource in the JSON cdktf writes (Testing.synth strips it). */
function metadataOf(stack: EdgeStack, type: string, name: string) {
  return (
    stack.toTerraform() as {
      resource: Record<string, Record<string, { "//": Record<string, unknown> }>>;
    }
  ).resource[type][name]["//"];
}

const REASON = "OSv hosts pull packages from mirrors that have no fixed address ranges";

describe("an unsuppressed error", () => {
  it("is reported as non-compliant and becomes a synth failure with a clear message", () => {
    const stack = testStack({ policy: edgePolicyPack });
    openEgress(stack);
    expect(resultFor(stack, "EDGE-SG-5", "aws_vpc_security_group_egress_rule.host-egress")).toEqual(
      {
        rule: "EDGE-SG-5",
        level: "error",
        checkov: ["CKV_AWS_382"],
        address: "aws_vpc_security_group_egress_rule.host-egress",
        path: "test-site-dev/host-egress",
        status: "non-compliant",
        message: "egress (all traffic) opens every port to the internet",
        suppression: null,
      },
    );
    expect(edgePolicyPack.outcomeOf(stack)?.failures).toEqual([
      [
        "error EDGE-SG-5 at aws_vpc_security_group_egress_rule.host-egress (test-site-dev/host-egress)",
        "  egress (all traffic) opens every port to the internet",
        "  rule:  no egress to 0.0.0.0/0 or ::/0 on all ports or all protocols (checkov CKV_AWS_382)",
        '  fix:   allow only the destination ports and networks the workload needs; or accept the finding with suppressRules(construct, [{ id: "EDGE-SG-5", reason }])',
      ].join("\n"),
    ]);
    expect(edgePolicyPack.outcomeOf(stack)?.summary).toEqual({
      errors: 1,
      warnings: 0,
      suppressed: 0,
    });
  });
});

describe("suppressRules", () => {
  it("accepts a finding on the resource, counts it and records it in the resource's metadata", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const { rule } = openEgress(stack);
    suppressRules(rule, [{ id: "EDGE-SG-5", reason: REASON }]);
    expect(
      resultFor(stack, "EDGE-SG-5", "aws_vpc_security_group_egress_rule.host-egress"),
    ).toMatchObject({
      status: "suppressed",
      message: "egress (all traffic) opens every port to the internet",
      suppression: { reason: REASON, declared_at: "test-site-dev/host-egress" },
    });
    expect(edgePolicyPack.outcomeOf(stack)).toMatchObject({
      failures: [],
      summary: { errors: 0, suppressed: 1 },
    });
    expect(metadataOf(stack, "aws_vpc_security_group_egress_rule", "host-egress")).toEqual({
      metadata: { path: "test-site-dev/host-egress", uniqueId: "host-egress" },
      edge_policy: {
        suppressions: [
          { rule: "EDGE-SG-5", reason: REASON, declared_at: "test-site-dev/host-egress" },
        ],
      },
    });
  });

  it("is inherited by every resource below a construct with applyToChildren, and only there", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const osv = new Construct(stack, "osv");
    openEgress(osv, "a");
    openEgress(osv, "b");
    openEgress(stack, "outside");
    suppressRules(osv, [{ id: "EDGE-SG-5", reason: REASON }], { applyToChildren: true });
    const r = report(stack);
    const sg5 = r.results.filter(
      (x) => x.rule === "EDGE-SG-5" && x.address.startsWith("aws_vpc_security_group_egress_rule."),
    );
    expect(sg5.map((x) => [x.address, x.status, x.suppression?.declared_at ?? null])).toEqual([
      ["aws_vpc_security_group_egress_rule.osv_a-egress", "suppressed", "test-site-dev/osv"],
      ["aws_vpc_security_group_egress_rule.osv_b-egress", "suppressed", "test-site-dev/osv"],
      ["aws_vpc_security_group_egress_rule.outside-egress", "non-compliant", null],
    ]);
    expect(
      metadataOf(stack, "aws_vpc_security_group_egress_rule", "osv_a-egress").edge_policy,
    ).toEqual({
      suppressions: [{ rule: "EDGE-SG-5", reason: REASON, declared_at: "test-site-dev/osv" }],
    });
    expect(
      metadataOf(stack, "aws_vpc_security_group_egress_rule", "outside-egress").edge_policy,
    ).toBeUndefined();
  });

  it("on one resource does not reach its siblings", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const { sg } = openEgress(stack);
    suppressRules(sg, [{ id: "EDGE-SG-5", reason: REASON }]);
    expect(
      resultFor(stack, "EDGE-SG-5", "aws_vpc_security_group_egress_rule.host-egress")?.status,
    ).toBe("non-compliant");
    expect(report(stack).unused_suppressions).toEqual([
      { rule: "EDGE-SG-5", reason: REASON, declared_at: "test-site-dev/host-sg" },
    ]);
  });

  it("prefers the nearest declaration when a rule is suppressed at two levels", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const osv = new Construct(stack, "osv");
    const { rule } = openEgress(osv);
    suppressRules(osv, [{ id: "EDGE-SG-5", reason: "the group-wide reason for open egress" }], {
      applyToChildren: true,
    });
    suppressRules(rule, [{ id: "EDGE-SG-5", reason: REASON }]);
    expect(
      resultFor(stack, "EDGE-SG-5", "aws_vpc_security_group_egress_rule.osv_host-egress")
        ?.suppression,
    ).toEqual({ reason: REASON, declared_at: "test-site-dev/osv/host-egress" });
  });

  it("rejects a reason shorter than 10 characters, naming where it was declared", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const { rule } = openEgress(stack);
    const err = configError(() => suppressRules(rule, [{ id: "EDGE-SG-5", reason: "  needed  " }]));
    expect(err.code).toBe("EDGE_POLICY_SUPPRESSION_REASON");
    expect(err.path).toBe('suppressions["test-site-dev/host-egress"][0].reason');
    expect(err.message).toBe(
      'EDGE_POLICY_SUPPRESSION_REASON at suppressions["test-site-dev/host-egress"][0].reason: a suppression needs a reason of at least 10 characters (got "  needed  "); fix: say why the finding is accepted, for the auditor who reads cdk.tf.json',
    );
  });

  it("rejects an unknown rule id and lists the rules of that service", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const { rule } = openEgress(stack);
    const err = configError(() => suppressRules(rule, [{ id: "EDGE-SG-50", reason: REASON }]));
    expect(err.code).toBe("EDGE_POLICY_UNKNOWN_RULE");
    expect(err.path).toBe('suppressions["test-site-dev/host-egress"][0].id');
    expect(err.fix).toBe(
      "use the id of a rule listed in libs/policy/README.md (rules of that service: EDGE-SG-1, EDGE-SG-2, EDGE-SG-3, EDGE-SG-4, EDGE-SG-5)",
    );
  });

  it("reports every problem of a call at once and records nothing", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const { rule } = openEgress(stack);
    const errors = configErrors(() =>
      suppressRules(rule, [
        { id: "CKV_AWS_382", reason: REASON },
        { id: "EDGE-SG-5", reason: "" },
      ]),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["EDGE_POLICY_UNKNOWN_RULE", 'suppressions["test-site-dev/host-egress"][0].id'],
      ["EDGE_POLICY_SUPPRESSION_REASON", 'suppressions["test-site-dev/host-egress"][1].reason'],
    ]);
    expect(
      resultFor(stack, "EDGE-SG-5", "aws_vpc_security_group_egress_rule.host-egress")?.status,
    ).toBe("non-compliant");
  });

  it("refuses a grouping construct without applyToChildren, since it would suppress nothing", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const group = new Construct(stack, "group");
    const err = configError(() => suppressRules(group, [{ id: "EDGE-SG-5", reason: REASON }]));
    expect(err.code).toBe("EDGE_POLICY_SUPPRESSION_SCOPE");
    expect(err.path).toBe('suppressions["test-site-dev/group"]');
  });

  it("accepts a backend finding on the backend and records it in the stack's metadata", () => {
    // An S3-backed environment (the shipped ones deliver through Terraform Cloud).
    const stack = testStack({
      env: "prod",
      environment: { backend: { type: "s3", bucket: "edge-blueprints-tfstate-333333333333", region: "us-east-1" } },
      policy: edgePolicyPack,
    });
    stack.backend.addOverride("encrypt", false);
    expect(resultFor(stack, "EDGE-STATE-1", "terraform.backend.s3")).toMatchObject({
      status: "non-compliant",
      path: "test-site-prod/backend",
    });
    suppressRules(stack.backend, [
      { id: "EDGE-STATE-1", reason: "state bucket enforces SSE-KMS with a bucket policy" },
    ]);
    expect(resultFor(stack, "EDGE-STATE-1", "terraform.backend.s3")?.status).toBe("suppressed");
    expect((stack.toTerraform() as { "//": Record<string, unknown> })["//"].edge_policy).toEqual({
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
});

describe("the pack on an EdgeStack", () => {
  const role = (stack: EdgeStack) =>
    new IamRole(stack, "role", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });

  it("runs after the aspects: the boundary the aspect adds satisfies EDGE-IAM-4", () => {
    const stack = testStack({ env: "staging", policy: edgePolicyPack });
    role(stack);
    expect(resultFor(stack, "EDGE-IAM-4", "aws_iam_role.role")?.status).toBe("compliant");
    expect(resultFor(stack, "EDGE-IAM-5", "aws_iam_role.role")?.status).toBe("compliant");
  });

  it("warns about roles in an environment without a boundary (dev) and does not fail", () => {
    const stack = testStack({ env: "dev", policy: edgePolicyPack });
    role(stack);
    expect(resultFor(stack, "EDGE-IAM-4", "aws_iam_role.role")?.status).toBe("not-applicable");
    expect(resultFor(stack, "EDGE-IAM-5", "aws_iam_role.role")).toMatchObject({
      level: "warning",
      status: "non-compliant",
    });
    expect(edgePolicyPack.outcomeOf(stack)).toMatchObject({
      failures: [],
      summary: { errors: 0, warnings: 1 },
    });
  });

  it("gives the same report and metadata however often it runs", () => {
    const stack = testStack({ policy: edgePolicyPack });
    const { rule } = openEgress(stack);
    suppressRules(rule, [{ id: "EDGE-SG-5", reason: REASON }]);
    const first = JSON.stringify(checkStack(stack).report);
    const json = JSON.stringify(stack.toTerraform());
    expect(JSON.stringify(checkStack(stack).report)).toBe(first);
    expect(JSON.stringify(stack.toTerraform())).toBe(json);
  });
});
