/**
 * The CI real-Terraform checks, with terraform and checkov replaced by a recording runner.
 * checkov's JSON report: `results.passed_checks[]` / `failed_checks[]` with `check_id` and
 * `resource` (`<type>.<name>`), as checkov `-o json` writes it for the terraform_json framework.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkovStacks, compareWithCheckov, stackDirs, validateStacks, type Runner } from "../src/terraform-checks";

function outdir(stacks: Record<string, object | undefined>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-tf-checks-"));
  for (const [name, policy] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(root, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(root, "stacks", name, "cdk.tf.json"), "{}");
    if (policy) fs.writeFileSync(path.join(root, "stacks", name, "policy.json"), JSON.stringify(policy));
  }
  return root;
}

const policy = {
  results: [
    { rule: "EDGE-SG-2", checkov: ["CKV_AWS_24"], address: "aws_security_group.ssh", status: "compliant" },
    { rule: "EDGE-EC2-1", checkov: ["CKV_AWS_79"], address: "aws_instance.app", status: "suppressed" },
    { rule: "EDGE-EBS-1", checkov: ["CKV_AWS_3"], address: "aws_ebs_volume.data", status: "non-compliant" },
    { rule: "EDGE-X", checkov: [], address: "aws_vpc.hub", status: "non-compliant" },
  ],
};

describe("terraform checks", () => {
  it("picks the stacks of the named sites only", () => {
    const root = outdir({ "region-hub-staging": undefined, "region-hub-prod": undefined, "local-zone-bos-staging": undefined });
    expect(stackDirs(root, ["region-hub"]).map((d) => path.basename(d))).toEqual(["region-hub-prod", "region-hub-staging"]);
    expect(stackDirs(root, [])).toHaveLength(3);
  });

  // A site homed in several Regions has a stack per home: `<site>-<env>` and, in its other
  // Regions, `<site>-<region>-<env>` (homesOf in @edge/core; region-hub-us-west-2-staging). CI
  // names sites (`nx show projects --with-target publish`), so each site's stacks in every home
  // must be validated; an ad-hoc environment's name may hold a hyphen (pr-7), read from the
  // stack's own `environment` default tag.
  it("picks every stack of a named site: each home Region and ad-hoc environments with a hyphen", () => {
    const root = outdir({
      "region-hub-staging": undefined,
      "region-hub-us-west-2-staging": undefined,
      "region-hub-pr-7": undefined,
      "local-zone-lax-staging": undefined,
      "local-zone-bos2-staging": undefined,
    });
    const tags = { site: "region-hub", environment: "pr-7", "managed-by": "edge-blueprints" };
    fs.writeFileSync(path.join(root, "stacks", "region-hub-pr-7", "cdk.tf.json"), JSON.stringify({ provider: { aws: [{ default_tags: [{ tags }] }] } }));
    expect(stackDirs(root, ["region-hub"]).map((d) => path.basename(d))).toEqual(["region-hub-pr-7", "region-hub-staging", "region-hub-us-west-2-staging"]);
    expect(stackDirs(root, ["local-zone-lax", "local-zone-bos"]).map((d) => path.basename(d))).toEqual(["local-zone-lax-staging"]);
  });

  it("runs terraform init -backend=false then validate in each stack directory, and reports failures", () => {
    const root = outdir({ "a-staging": undefined, "b-staging": undefined });
    const calls: string[] = [];
    const run: Runner = (cmd, args, cwd) => {
      calls.push(`${path.basename(cwd)}: ${cmd} ${args.join(" ")}`);
      return path.basename(cwd) === "b-staging" && args[0] === "validate" ? { status: 1, stdout: "", stderr: "Error: Unsupported argument" } : { status: 0, stdout: "", stderr: "" };
    };
    const result = validateStacks(stackDirs(root, []), run);
    expect(calls).toEqual([
      "a-staging: terraform init -backend=false -input=false -no-color",
      "a-staging: terraform validate -no-color",
      "b-staging: terraform init -backend=false -input=false -no-color",
      "b-staging: terraform validate -no-color",
    ]);
    expect(result).toEqual({ ok: false, lines: ["ok   a-staging", "FAIL b-staging: terraform validate exited 1", "    Error: Unsupported argument"] });
  });

  it("reports each rule x resource where checkov and the policy pack disagree", () => {
    const checkov = {
      check_type: "terraform_json",
      results: {
        passed_checks: [{ check_id: "CKV_AWS_79", resource: "aws_instance.app" }],
        failed_checks: [
          { check_id: "CKV_AWS_24", resource: "aws_security_group.ssh" },
          { check_id: "CKV_AWS_3", resource: "aws_ebs_volume.data" },
        ],
      },
    };
    expect(compareWithCheckov("s", policy, checkov)).toEqual([
      { stack: "s", rule: "EDGE-SG-2", checkov: "CKV_AWS_24", address: "aws_security_group.ssh", pack: "passes", checkovSays: "fails" },
      { stack: "s", rule: "EDGE-EC2-1", checkov: "CKV_AWS_79", address: "aws_instance.app", pack: "fails", checkovSays: "passes" },
    ]);
    expect(compareWithCheckov("s", policy, [checkov, { results: {} }])).toHaveLength(2);
  });

  it("runs checkov per stack and prints the disagreements as a Markdown table", () => {
    const root = outdir({ "a-staging": policy });
    const run: Runner = (cmd, args) => {
      expect([cmd, ...args]).toEqual(["checkov", "-f", "cdk.tf.json", "--framework", "terraform_json", "-o", "json", "--quiet", "--soft-fail"]);
      return { status: 0, stdout: JSON.stringify({ results: { failed_checks: [{ check_id: "CKV_AWS_24", resource: "aws_security_group.ssh" }] } }), stderr: "" };
    };
    const { ok, lines } = checkovStacks(stackDirs(root, []), run);
    expect(ok).toBe(true);
    expect(lines).toContain("| a-staging | EDGE-SG-2 | CKV_AWS_24 | aws_security_group.ssh | passes | fails |");
    expect(lines).toContain("1 disagreement: check the rule or its checkov mapping.");
  });
});
