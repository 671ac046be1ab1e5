/**
 * How synth treats cdktf.out, checked against what the cdktf CLI (cdktf-cli 0.21,
 * `@cdktf/cli-core` `src/lib/synth-stack.js`, `SynthStack.synth`) does around the app it runs:
 *
 * 1. before running the app it lists the folders under `cdktf.out/stacks`;
 * 2. after it, `readSynthesizedStacks` reads `manifest.json` and the `synthesizedStackPath` file
 *    of every stack the manifest names (a missing one is ENOENT);
 * 3. then every folder of step 1 that the manifest does not name is removed with
 *    `fs.rmSync(dir, { recursive: true })`, without `force` (a folder that is gone is ENOENT).
 *
 * `terraform init` (run by `cdktf diff|deploy` in the stack folder) keeps `.terraform/` and
 * `.terraform.lock.hcl` there (https://developer.hashicorp.com/terraform/language/files/dependency-lock).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Annotations } from "cdktf";
import { defineSite } from "@edge/core";
import { isTerraformOwned, synthesizeSites } from "../src";
import { FIXTURE_CATALOG } from "@edge/core/testing";
import { good, passAll, treeHash } from "./support/fixtures";

/**
 * Step 2 as `SynthStack.readSynthesizedStacks` does it (the module is not loaded here: loading
 * `@cdktf/cli-core` looks for a terraform binary): the manifest, then each named stack's file.
 */
function readSynthesizedStacks(outdir: string): { name: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { name: string; synthesizedStackPath: string }>;
  };
  return Object.values(manifest.stacks).map((stack) => {
    JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8"));
    return stack;
  });
}

/** Runs `synth` the way the CLI wraps its app: steps 1 to 3 above. */
function underCli(outdir: string, synth: () => void): string[] {
  const stacksDir = path.join(outdir, "stacks");
  const before = fs.existsSync(stacksDir)
    ? fs.readdirSync(stacksDir).map((n) => path.join(stacksDir, n)).filter((d) => fs.lstatSync(d).isDirectory())
    : [];
  synth();
  const stacks = readSynthesizedStacks(outdir);
  const names = stacks.map((s) => s.name);
  for (const dir of before.filter((d) => !names.includes(path.basename(d)))) fs.rmSync(dir, { recursive: true });
  return names;
}

/** What `terraform init` and `terraform providers lock` leave in a stack folder. */
function terraformInit(stackDir: string): void {
  fs.mkdirSync(path.join(stackDir, ".terraform", "providers"), { recursive: true });
  fs.writeFileSync(path.join(stackDir, ".terraform", "providers", "marker"), "provider cache\n");
  fs.writeFileSync(path.join(stackDir, ".terraform.lock.hcl"), '# This file is maintained automatically by "terraform init".\n');
}

describe("synth output and the cdktf CLI", () => {
  let root: string;
  let out: string;
  const stackDir = (name: string) => path.join(out, "stacks", name);
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-publish-"));
    out = path.join(root, "cdktf.out");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const full = () => expect(synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() }).ok).toBe(true);
  const only = (env: string) =>
    expect(synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: [env], policy: passAll() }).ok).toBe(true);

  it("keeps .terraform/ and .terraform.lock.hcl of every stack across full and narrowed synths", () => {
    full();
    terraformInit(stackDir("alpha-dev"));
    fs.writeFileSync(path.join(stackDir("alpha-dev"), "stale-generated.json"), "{}\n");
    full();
    only("dev");
    expect(fs.readdirSync(stackDir("alpha-dev")).sort()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf.json", "paths.json", "policy.json"]);
    expect(fs.readFileSync(path.join(stackDir("alpha-dev"), ".terraform", "providers", "marker"), "utf8")).toBe("provider cache\n");
  });

  it("lets `cdktf synth` run after an ad-hoc synth: no ENOENT, and terraform's files stay until the CLI prunes the folder", () => {
    full();
    only("feature-42");
    terraformInit(stackDir("alpha-feature-42"));
    terraformInit(stackDir("alpha-dev"));
    // npx cdktf synth: a full synth under the CLI.
    const names = underCli(out, () => full());
    expect(names).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
    expect(fs.existsSync(stackDir("alpha-feature-42"))).toBe(false); // pruned by the CLI, not by synth
    expect(fs.existsSync(path.join(stackDir("alpha-dev"), ".terraform.lock.hcl"))).toBe(true);
    // npx cdktf diff alpha-dev: synthesizes again under the CLI.
    expect(underCli(out, () => full())).toEqual(names);
  });

  it("lets a narrowed synth run under the CLI after a full one, keeping every stack in the manifest", () => {
    full();
    const names = underCli(out, () => only("dev"));
    expect(names).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
    expect(fs.readdirSync(path.join(out, "stacks")).sort()).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
  });

  it("in a full synth drops other stacks from the manifest and removes their generated files, never their folders", () => {
    only("feature-42");
    terraformInit(stackDir("alpha-feature-42"));
    full();
    expect(fs.readdirSync(stackDir("alpha-feature-42")).sort()).toEqual([".terraform", ".terraform.lock.hcl"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
  });

  it("never names a stack in the manifest whose cdk.tf.json is gone", () => {
    full();
    fs.rmSync(stackDir("alpha-prod"), { recursive: true });
    expect(underCli(out, () => only("dev"))).toEqual(["alpha-dev", "alpha-staging"]);
  });

  // `nx run <site>:synth` caches and restores only the generated files of the site's stack folders
  // (tools/nx-plugin/targets.js, synth outputs `cdktf.out/stacks/<site>-*/*.json`), never the
  // shared manifest.json; cdktf's Manifest.forStack (node_modules/cdktf/lib/manifest.js) derives a
  // stack's entry from its folder alone (workingDirectory `stacks/<id>`, synthesizedStackPath
  // `stacks/<id>/cdk.tf.json`), and `cdktf diff|deploy <stack> --skip-synth` finds a stack only
  // through the manifest (SynthStack.readSynthesizedStacks).
  it("names in the manifest the stacks an Nx cache hit restored without it", () => {
    full();
    const restored = fs.mkdtempSync(path.join(root, "nx-cache-"));
    fs.cpSync(path.join(out, "stacks"), restored, { recursive: true });
    fs.rmSync(out, { recursive: true });
    // The cache hit: the stack files come back, the manifest does not.
    fs.cpSync(restored, path.join(out, "stacks"), { recursive: true });
    expect(fs.existsSync(path.join(out, "manifest.json"))).toBe(false);
    expect(underCli(out, () => only("dev"))).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.stacks["alpha-prod"]).toEqual({
      name: "alpha-prod",
      constructPath: "alpha-prod",
      workingDirectory: "stacks/alpha-prod",
      synthesizedStackPath: "stacks/alpha-prod/cdk.tf.json",
      stackMetadataPath: "stacks/alpha-prod/metadata.json",
      annotations: [],
      dependencies: [],
    });
    // The same fields as the entry cdktf itself wrote for the stack just synthesized.
    expect(Object.keys(manifest.stacks["alpha-prod"]).sort()).toEqual(Object.keys(manifest.stacks["alpha-dev"]).sort());
  });

  it("does not name a folder that holds only terraform's files", () => {
    only("feature-42");
    terraformInit(stackDir("alpha-feature-42"));
    full();
    expect(underCli(out, () => only("dev"))).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
  });

  it("keeps warnings out of the manifest, so the CLI does not print them again or for other stacks", () => {
    const warns = defineSite({
      ...good,
      build(stack, config, configPath) {
        good.build(stack, config, configPath);
        Annotations.of(stack).addWarning("opt-in state is only known in the account");
      },
    });
    expect(synthesizeSites([warns], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() }).ok).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(Object.values(manifest.stacks).map((s) => (s as { annotations: unknown[] }).annotations)).toEqual([[], [], []]);
    expect(JSON.stringify(manifest)).not.toContain(path.resolve(__dirname, "../../.."));
  });

  it("undoes every move when one fails, leaving cdktf.out as it was", () => {
    full();
    terraformInit(stackDir("alpha-dev"));
    // A file where the alpha-staging folder should be makes the commit fail after alpha-dev moved.
    fs.rmSync(stackDir("alpha-staging"), { recursive: true });
    fs.writeFileSync(stackDir("alpha-staging"), "not a folder\n");
    const before = treeHash(out);
    expect(() => synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() })).toThrow(/ENOTDIR/);
    expect(treeHash(out)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(["cdktf.out"]);
  });

  it("knows terraform's entries of a stack folder", () => {
    expect([".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", ".terraform.tfstate.lock.info"].every(isTerraformOwned)).toBe(true);
    expect(["cdk.tf.json", "policy.json", "assets", "paths.json"].some(isTerraformOwned)).toBe(false);
  });
});
