/**
 * Two synths of the same commit must produce byte-identical cdktf.out trees (Nx caching and
 * Terraform Cloud diffs depend on it), and every shipped site must pass the policy pack with zero
 * unsuppressed errors. A third synth runs with cdktf's own stack resolution (the stock
 * `TerraformStack.prepareStack` and `toTerraform`, which resolve every stack two and three times)
 * in place of EdgeStack's single pass, and must write the same bytes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EdgeStack, homesOf, resolveEnvironment } from "@edge/core";
import { TerraformStack } from "cdktf";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { synthesizeSites, type SynthResult } from "@edge/synth";
import { loadSites } from "../src/sites";

const root = path.resolve(__dirname, "../..");

/** Every file under `dir`, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const errorsOf = (r: SynthResult) => (r.ok ? [] : r.errors);

describe("synthesizing every shipped site twice", () => {
  const sites = loadSites(root);
  const dirs: string[] = [];
  const results: SynthResult[] = [];
  /** Every shipped site and environment, as `npm run synth` does, with `dir` as the repository root. */
  const synthInto = (dir: string): SynthResult =>
    synthesizeSites(sites, {
      repoRoot: dir,
      outdir: path.join(dir, "cdktf.out"),
      mode: "full",
      catalog: environmentCatalog,
      policy: edgePolicyPack,
    });

  beforeAll(() => {
    for (let i = 0; i < 2; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `edge-determinism-${i}-`));
      dirs.push(dir);
      results.push(synthInto(dir));
    }
  }, 300_000);
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** A synth like the two above, with cdktf's stock resolution in place of EdgeStack's. */
  function synthWithStockResolution(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-determinism-stock-"));
    dirs.push(dir);
    const prepare = jest
      .spyOn(EdgeStack.prototype, "prepareStack")
      .mockImplementation(function (this: EdgeStack) {
        TerraformStack.prototype.prepareStack.call(this);
      });
    const resolve = jest
      .spyOn(EdgeStack.prototype, "toTerraform")
      .mockImplementation(function (this: EdgeStack) {
        return TerraformStack.prototype.toTerraform.call(this);
      });
    try {
      expect(errorsOf(synthInto(dir))).toEqual([]);
      expect(prepare).toHaveBeenCalled();
      expect(resolve).toHaveBeenCalled();
    } finally {
      prepare.mockRestore();
      resolve.mockRestore();
    }
    return dir;
  }

  it("succeeds, which needs every stack to pass the policy pack", () => {
    expect(errorsOf(results[0])).toEqual([]);
    expect(errorsOf(results[1])).toEqual([]);
  });

  it("gives byte-identical trees, policy reports included", () => {
    const [a, b] = dirs.map((d) => tree(path.join(d, "cdktf.out")));
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].filter((f) => f.endsWith("policy.json")).length).toBe(results[0].ok ? results[0].stacks.length : -1);
    for (const [file, bytes] of a) expect([file, bytes.equals(b.get(file)!)]).toEqual([file, true]);
  });

  it("writes the bytes cdktf's own resolution writes, though each stack is resolved once", () => {
    const ours = tree(path.join(dirs[0], "cdktf.out"));
    const stock = tree(path.join(synthWithStockResolution(), "cdktf.out"));
    expect([...stock.keys()]).toEqual([...ours.keys()]);
    for (const [file, bytes] of ours) expect([file, bytes.equals(stock.get(file)!)]).toEqual([file, true]);
  }, 120_000);

  it("writes no absolute path, home or temporary directory, and no timestamp", () => {
    const forbidden = [root, dirs[0], dirs[1], os.tmpdir(), os.homedir()].filter(
      (p) => p.length > 1,
    );
    for (const [file, bytes] of tree(path.join(dirs[0], "cdktf.out"))) {
      const text = bytes.toString("utf8");
      for (const p of forbidden) expect([file, p, text.includes(p)]).toEqual([file, p, false]);
      expect([file, /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)]).toEqual([file, false]);
    }
  });

  it("passes every stack of every shipped site with zero unsuppressed policy errors", () => {
    const stacks = results[0].ok ? results[0].stacks : [];
    expect(stacks.map((s) => s.stack).sort()).toEqual(
      // Every shipped environment, and a stack per home Region (region-hub in us-east-1 and us-west-2).
      sites
        .flatMap((s) => defaultEnvironments().flatMap((e) => homesOf(s.name, resolveEnvironment(e, environmentCatalog)).map((h) => `${h.name}-${e}`)))
        .sort(),
    );
    for (const s of stacks) {
      expect([s.stack, s.policy?.errors]).toEqual([s.stack, 0]);
      const report = JSON.parse(
        fs.readFileSync(path.join(dirs[0], "cdktf.out", "stacks", s.stack, "policy.json"), "utf8"),
      );
      expect([
        s.stack,
        report.summary.errors,
        report.results.filter(
          (r: { status: string; level: string }) =>
            r.status === "non-compliant" && r.level === "error",
        ),
      ]).toEqual([s.stack, 0, []]);
    }
  });
});
