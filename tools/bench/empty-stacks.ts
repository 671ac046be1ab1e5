/**
 * The floor the synth benchmark compares against: a cdktf App with N empty stacks, loaded the
 * same way as the real entry (node + tsx), so the ratio isolates what this repository adds.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";

const count = Number(process.env.EDGE_BENCH_STACKS ?? "1");
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-floor-"));
try {
  const app = new App({ outdir });
  for (let i = 0; i < count; i++) new TerraformStack(app, `empty-${i}`);
  app.synth();
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
