import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { defineSite } from "@edge/core";
import { formatSummary, synthesizeSites } from "@edge/synth";
import { FIXTURE_CATALOG } from "@edge/core/testing";
import { z } from "zod";
import { edgePolicyPack, suppressRules } from "../src";

const REASON = "the probe hosts reach package mirrors with no fixed ranges";

/** A site with one EDGE-SG-5 error (suppressed unless told otherwise) and one EDGE-LOGS-2 warning. */
const probe = (suppress: boolean) =>
  defineSite({
    name: "probe",
    schema: z.strictObject({ retention: z.number() }),
    environments: { dev: { retention: 30 } },
    build(stack, config) {
      const sg = new SecurityGroup(stack, "hosts", { description: "probe hosts" });
      const egress = new VpcSecurityGroupEgressRule(stack, "hosts-egress", {
        securityGroupId: sg.id,
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
        description: "all outbound",
      });
      if (suppress) suppressRules(egress, [{ id: "EDGE-SG-5", reason: REASON }]);
      new CloudwatchLogGroup(stack, "logs", {
        name: "/edge/probe",
        retentionInDays: config.retention,
      });
    },
  });

function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else
        out[path.relative(dir, p)] = crypto
          .createHash("sha256")
          .update(fs.readFileSync(p))
          .digest("hex");
    }
  };
  walk(dir);
  return out;
}

describe("policy.json and the synth table", () => {
  let root: string;
  let out: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-policy-report-"));
    out = path.join(root, "cdktf.out");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes every result of every rule, in address then rule order, beside cdk.tf.json", () => {
    const result = synthesizeSites([probe(true)], {
      repoRoot: root,
      catalog: FIXTURE_CATALOG,
      environments: ["dev"],
      mode: "full",
      policy: edgePolicyPack,
    });
    expect(result.ok && result.stacks.map((s) => s.policy)).toEqual([
      { errors: 0, warnings: 1, suppressed: 1 },
    ]);
    // What `npm run synth -- --verbose` lists: the warning and the accepted suppression.
    expect(result.ok && result.stacks[0].findings).toEqual([
      expect.stringMatching(/^warning EDGE-LOGS-2 aws_cloudwatch_log_group\.logs: /),
      `suppressed EDGE-SG-5 aws_vpc_security_group_egress_rule.hosts-egress: ${REASON}`,
    ]);
    const text = fs.readFileSync(path.join(out, "stacks", "probe-dev", "policy.json"), "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    const report = JSON.parse(text);
    expect(Object.keys(report)).toEqual([
      "version",
      "pack",
      "stack",
      "summary",
      "results",
      "unused_suppressions",
    ]);
    expect(report).toMatchObject({
      version: 1,
      pack: "@edge/policy",
      stack: "probe-dev",
      summary: { errors: 0, warnings: 1, suppressed: 1 },
      unused_suppressions: [],
    });
    const row = (r: Record<string, unknown>) => [r.rule, r.address, r.status];
    expect(report.results.map(row)).toEqual([
      ["EDGE-LOGS-1", "aws_cloudwatch_log_group.logs", "compliant"],
      ["EDGE-LOGS-2", "aws_cloudwatch_log_group.logs", "non-compliant"],
      ["EDGE-SG-1", "aws_security_group.hosts", "compliant"],
      ["EDGE-SG-2", "aws_security_group.hosts", "compliant"],
      ["EDGE-SG-3", "aws_security_group.hosts", "compliant"],
      ["EDGE-SG-4", "aws_security_group.hosts", "compliant"],
      ["EDGE-SG-5", "aws_security_group.hosts", "compliant"],
      ["EDGE-SG-1", "aws_vpc_security_group_egress_rule.hosts-egress", "compliant"],
      ["EDGE-SG-2", "aws_vpc_security_group_egress_rule.hosts-egress", "compliant"],
      ["EDGE-SG-3", "aws_vpc_security_group_egress_rule.hosts-egress", "compliant"],
      ["EDGE-SG-4", "aws_vpc_security_group_egress_rule.hosts-egress", "compliant"],
      ["EDGE-SG-5", "aws_vpc_security_group_egress_rule.hosts-egress", "suppressed"],
    ]);
    for (const r of report.results)
      expect(Object.keys(r)).toEqual([
        "rule",
        "level",
        "checkov",
        "address",
        "path",
        "status",
        "message",
        "suppression",
      ]);
    expect(report.results[1]).toEqual({
      rule: "EDGE-LOGS-2",
      level: "warning",
      checkov: ["CKV_AWS_158"],
      address: "aws_cloudwatch_log_group.logs",
      path: "probe-dev/logs",
      status: "non-compliant",
      message: "kms_key_id is not set, so only the service-owned key protects the logs",
      suppression: null,
    });
    expect(report.results[11].suppression).toEqual({
      reason: REASON,
      declared_at: "probe-dev/hosts-egress",
    });

    const tf = JSON.parse(
      fs.readFileSync(path.join(out, "stacks", "probe-dev", "cdk.tf.json"), "utf8"),
    );
    expect(
      tf.resource.aws_vpc_security_group_egress_rule["hosts-egress"]["//"].edge_policy,
    ).toEqual({
      suppressions: [{ rule: "EDGE-SG-5", reason: REASON, declared_at: "probe-dev/hosts-egress" }],
    });

    const table = formatSummary(result.ok ? result.stacks : [], 1);
    expect(table).toMatch(/^stack +resources +errors +warnings +suppressed +state +output$/m);
    expect(table).toMatch(
      /^probe-dev +3 +0 +1 +1 +state\/probe\/dev\.tfstate +cdktf\.out\/stacks\/probe-dev\/cdk\.tf\.json$/m,
    );
  });

  it("fails on an unsuppressed error and leaves the previous cdktf.out byte-for-byte as it was", () => {
    expect(
      synthesizeSites([probe(true)], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], mode: "full", policy: edgePolicyPack }).ok,
    ).toBe(true);
    const before = treeHash(out);
    const result = synthesizeSites([probe(false)], {
      repoRoot: root,
      catalog: FIXTURE_CATALOG,
      environments: ["dev"],
      mode: "full",
      policy: edgePolicyPack,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        [
          "probe-dev: error EDGE-SG-5 at aws_vpc_security_group_egress_rule.hosts-egress (probe-dev/hosts-egress)",
          "  egress (all traffic) opens every port to the internet",
          "  rule:  no egress to 0.0.0.0/0 or ::/0 on all ports or all protocols (checkov CKV_AWS_382)",
          '  fix:   allow only the destination ports and networks the workload needs; or accept the finding with suppressRules(construct, [{ id: "EDGE-SG-5", reason }])',
        ].join("\n"),
      ],
    });
    expect(treeHash(out)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(["cdktf.out"]);
  });

  it("turns a bad suppression into a config error of the site, with nothing written", () => {
    const bad = defineSite({
      ...probe(false),
      build(stack) {
        const sg = new SecurityGroup(stack, "hosts", { description: "probe hosts" });
        suppressRules(sg, [{ id: "EDGE-SG-9", reason: "short" }]);
      },
    });
    const result = synthesizeSites([bad], {
      repoRoot: root,
      catalog: FIXTURE_CATALOG,
      environments: ["dev"],
      mode: "full",
      policy: edgePolicyPack,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.split("\n")[0])).toEqual([
      'probe-dev: error EDGE_POLICY_UNKNOWN_RULE at suppressions["probe-dev/hosts"][0].id',
      'probe-dev: error EDGE_POLICY_SUPPRESSION_REASON at suppressions["probe-dev/hosts"][0].reason',
    ]);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
