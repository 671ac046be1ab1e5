/**
 * The one-time bootstrap of an S3 state backend: the bucket, its protections, a local state of its
 * own, and refusals for environments with nothing to bootstrap. Attribute names are those of the
 * Terraform AWS provider resources (aws_s3_bucket_versioning, _server_side_encryption_configuration,
 * _public_access_block, _ownership_controls, _policy).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defineEnvironment, resolveEnvironment } from "@edge/core";
import { environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { bootstrapMain } from "../src/bootstrap";

describe("npm run bootstrap", () => {
  let repo: string;
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "edge-bootstrap-"));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  // The shipped environments keep local state (dev) or use Terraform Cloud (staging, prod), so
  // the S3-backed one is a fixture: prod's settings with an S3 backend.
  const resolve = (name: string) =>
    name === "prod"
      ? defineEnvironment({ ...SHIPPED_ENVIRONMENTS.prod, backend: { type: "s3", bucket: "edge-blueprints-tfstate-333333333333", region: "us-east-1" } }, "prod")
      : resolveEnvironment(name, environmentCatalog);
  const bootstrap = (argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const calls: string[][] = [];
    const code = bootstrapMain(argv, {
      repoRoot: repo,
      policy: edgePolicyPack,
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      run: (_, args) => (calls.push([...args]), 0),
      resolve,
    });
    return { code, stdout, stderr, calls };
  };
  const stackJson = () =>
    JSON.parse(fs.readFileSync(path.join(repo, "cdktf.out", "bootstrap", "stacks", "state-bootstrap-prod", "cdk.tf.json"), "utf8"));

  it("synthesizes prod's state bucket with versioning, encryption, Block Public Access and TLS only, in a local state", () => {
    const { code, stdout, calls } = bootstrap(["--env=prod", "--dry-run"]);
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(stdout).toContain("dry run: would run cdktf deploy state-bootstrap-prod --skip-synth --output cdktf.out/bootstrap --app true\n");
    const json = stackJson();
    expect(json.terraform.backend).toEqual({ local: { path: "../../../../state/state-bootstrap/prod.tfstate" } });
    const r = json.resource;
    expect(r.aws_s3_bucket.state_bucket).toMatchObject({ bucket: "edge-blueprints-tfstate-333333333333", lifecycle: { prevent_destroy: true } });
    expect(r.aws_s3_bucket_versioning.state_versioning.versioning_configuration).toEqual({ status: "Enabled" });
    expect(r.aws_s3_bucket_server_side_encryption_configuration.state_encryption.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: false },
    ]);
    expect(r.aws_s3_bucket_public_access_block["state_public-access-block"]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(r.aws_s3_bucket_ownership_controls.state_ownership.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(JSON.parse(r.aws_s3_bucket_policy["state_tls-only"].policy).Statement[0]).toMatchObject({
      Effect: "Deny",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(fs.existsSync(path.join(repo, "cdktf.out", "bootstrap", "stacks", "state-bootstrap-prod", "policy.json"))).toBe(true);
  });

  it("runs cdktf deploy on the synthesized stack", () => {
    const { code, calls } = bootstrap(["--env=prod", "--auto-approve"]);
    expect(code).toBe(0);
    expect(calls).toEqual([["deploy", "state-bootstrap-prod", "--skip-synth", "--output", "cdktf.out/bootstrap", "--app", "true", "--auto-approve"]]);
  });

  it.each([
    [["--env=dev"], /^bootstrap: error EDGE_BOOTSTRAP_BACKEND at environments\.dev\.backend\n {2}dev keeps local state/],
    [["--env=staging"], /^bootstrap: error EDGE_BOOTSTRAP_BACKEND at environments\.staging\.backend\n {2}staging keeps state in Terraform Cloud/],
    [[], /^bootstrap: error EDGE_BOOTSTRAP_ARGS at --env\n {2}no environment given/],
    [["--env=prod", "--force"], /^bootstrap: error EDGE_BOOTSTRAP_ARGS at arguments\n {2}unknown option '--force'/],
  ])("refuses %j with a coded error and writes nothing", (argv, message) => {
    const { code, stderr, calls } = bootstrap(argv);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(calls).toEqual([]);
    expect(fs.existsSync(path.join(repo, "cdktf.out", "bootstrap", "stacks"))).toBe(false);
  });
});
