/**
 * The floor the synth benchmark compares against: a cdktf App with N stacks that hold only the
 * AWS provider and an S3 backend, bundled and run with plain node like the real synth. Nothing
 * less can synthesize N stacks with cdktf.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, S3Backend, TerraformStack } from "cdktf";

const count = Number(process.env.EDGE_BENCH_STACKS ?? "1");
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-floor-"));
try {
  const app = new App({ outdir });
  for (let i = 0; i < count; i++) {
    const stack = new TerraformStack(app, `empty-${i}`);
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new S3Backend(stack, {
      bucket: "bench-state",
      key: `empty-${i}/terraform.tfstate`,
      region: "us-east-1",
    });
  }
  app.synth();
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
