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

  it("says how to synthesize a site that has no stack", () => {
    expect(() => findStacks(outdir, "prod", ["local-zone-bos"])).toThrow(EdgeConfigError);
    expect(() => findStacks(outdir, "prod", ["local-zone-bos"])).toThrow(/no synthesized stack local-zone-bos-prod/);
    expect(() => findStacks(outdir, "feature-1", ["region-hub"])).toThrow(/EDGE_ENVS=feature-1 npx nx run region-hub:synth/);
    expect(() => findStacks(outdir, "staging")).toThrow(/no synthesized stacks of environment staging/);
  });
});
