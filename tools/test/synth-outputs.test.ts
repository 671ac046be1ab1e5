/**
 * Nx restores a cached target's outputs over what is on disk. A site's synth target therefore
 * declares the files synth generates in its stack folders (`*.json`, `assets/`), never the folders
 * themselves: a cache hit must not bring back, or remove, what terraform keeps there
 * (`.terraform/`, `.terraform.lock.hcl`).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

describe("the synth target's outputs", () => {
  let nodes: Record<string, { data: { targets?: Record<string, { outputs?: string[] }> } }>;
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-outputs-"));
    const res = spawnSync(path.join(root, "node_modules", ".bin", "nx"), ["graph", `--file=${path.join(dir, "graph.json")}`], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" },
    });
    if (res.status !== 0) throw new Error(res.stderr);
    nodes = JSON.parse(fs.readFileSync(path.join(dir, "graph.json"), "utf8")).graph.nodes;
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const sites = fs.readdirSync(path.join(root, "apps")).filter((a) => fs.existsSync(path.join(root, "apps", a, "src", "main.ts")));
  it.each(sites)("%s: generated files only, inside its own stack folders", (site) => {
    const outputs = nodes[site].data.targets?.synth?.outputs ?? [];
    expect([...outputs].sort()).toEqual([
      `{workspaceRoot}/cdktf.out/stacks/${site}-*/*.json`,
      `{workspaceRoot}/cdktf.out/stacks/${site}-*/assets/**/*`,
    ]);
  });
});
