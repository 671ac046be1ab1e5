import * as fs from "node:fs";
import * as path from "node:path";
import { EdgeConfigError } from "@edge/core";
import { findStacks, listStacks } from "../../src/lib/stacks";
import { localRead, makeOutdir } from "../support/stacks";

describe("findStacks", () => {
  const outdir = makeOutdir([
    { site: "region-hub" },
    { site: "region-hub", env: "prod" },
    { site: "region-hub-us-west-2", env: "prod" },
    { site: "local-zone-lax", env: "prod", reads: [localRead("region-hub-us-west-2", "prod")] },
    { site: "local-zone-bos", reads: [localRead("region-hub")] },
    { site: "outpost-factory", reads: [{ backend: "s3", config: { bucket: "b", key: "tfstate/region-hub/dev/terraform.tfstate" } }] },
    { site: "wavelength-bos", reads: [{ backend: "remote", config: { organization: "acme", workspaces: { name: "edge-region-hub-dev" } } }] },
  ]);

  it("lists the stacks of one environment with the sites they read, whatever the backend", () => {
    const stacks = listStacks(outdir, "dev", { workspacePrefix: "edge" });
    expect(stacks.map((s) => [s.stack, s.site, s.env, s.reads])).toEqual([
      ["local-zone-bos-dev", "local-zone-bos", "dev", ["region-hub"]],
      ["outpost-factory-dev", "outpost-factory", "dev", ["region-hub"]],
      ["region-hub-dev", "region-hub", "dev", []],
      ["wavelength-bos-dev", "wavelength-bos", "dev", ["region-hub"]],
    ]);
  });

  it("selects named sites, a site homed in several Regions with its stack in each", () => {
    // region-hub's stack in its second home Region is region-hub-us-west-2-<env> (homesOf, @edge/core).
    expect(findStacks(outdir, "prod", ["region-hub"]).map((s) => s.stack)).toEqual(["region-hub-prod", "region-hub-us-west-2-prod"]);
    expect(findStacks(outdir, "prod", ["local-zone-lax"]).map((s) => [s.stack, s.reads])).toEqual([["local-zone-lax-prod", ["region-hub-us-west-2"]]]);
  });

  // `nx run <site>:synth` (which `publish` depends on) restores from the Nx cache only the files
  // of the site's stack folders, never cdktf.out/manifest.json (tools/nx-plugin/targets.js); a
  // stack is its folder's cdk.tf.json (cdktf Manifest.forStack: synthesizedStackPath
  // `stacks/<id>/cdk.tf.json`, node_modules/cdktf/lib/manifest.js).
  it("finds the stacks an Nx cache hit restored into an output directory without a manifest", () => {
    const restored = makeOutdir([{ site: "region-hub", env: "prod" }, { site: "local-zone-bos", env: "prod", reads: [localRead("region-hub", "prod")] }]);
    fs.rmSync(path.join(restored, "manifest.json"));
    expect(findStacks(restored, "prod", ["local-zone-bos"]).map((s) => [s.stack, s.reads])).toEqual([["local-zone-bos-prod", ["region-hub"]]]);
    expect(listStacks(restored, "prod").map((s) => s.stack)).toEqual(["local-zone-bos-prod", "region-hub-prod"]);
    // A folder holding only terraform's files (a full synth set its generated files aside) is no stack.
    fs.rmSync(path.join(restored, "stacks", "region-hub-prod", "cdk.tf.json"));
    fs.mkdirSync(path.join(restored, "stacks", "region-hub-prod", ".terraform"));
    expect(listStacks(restored, "prod").map((s) => s.stack)).toEqual(["local-zone-bos-prod"]);
  });

  it("says how to synthesize a site that has no stack", () => {
    expect(() => findStacks(outdir, "prod", ["local-zone-bos"])).toThrow(EdgeConfigError);
    expect(() => findStacks(outdir, "prod", ["local-zone-bos"])).toThrow(/no synthesized stack local-zone-bos-prod/);
    expect(() => findStacks(outdir, "feature-1", ["region-hub"])).toThrow(/EDGE_ENVS=feature-1 npx nx run region-hub:synth/);
    expect(() => findStacks(outdir, "staging")).toThrow(/no synthesized stacks of environment staging/);
  });
});
