import { defineEnvironment, deliveryOf, homesOf, resolveEnvironment, stateLocation, workspaceName, type Environment, type EnvironmentCatalog } from "@edge/core";
import { configError } from "@edge/core/testing";
import { defaultEnvironments, environmentCatalog, SHIPPED_ENVIRONMENTS } from "../src";

describe("the shipped environments", () => {
  it("are the default list, in promotion order", () => {
    expect(defaultEnvironments()).toEqual(Object.keys(SHIPPED_ENVIRONMENTS));
    expect(defaultEnvironments()).toEqual(["dev", "staging", "prod"]);
  });

  it("are all valid, each in its own account", () => {
    const accounts = defaultEnvironments().map((name) => defineEnvironment(SHIPPED_ENVIRONMENTS[name], name).account);
    expect(new Set(accounts).size).toBe(accounts.length);
  });

  it("home region-hub in us-east-1 and us-west-2, and local-zone-lax in us-west-2 only", () => {
    for (const name of defaultEnvironments()) {
      const env = resolveEnvironment(name, environmentCatalog);
      expect(homesOf("region-hub", env).map((h) => [h.name, h.region])).toEqual([
        ["region-hub", "us-east-1"],
        ["region-hub-us-west-2", "us-west-2"],
      ]);
      expect(homesOf("local-zone-lax", env).map((h) => [h.name, h.region])).toEqual([["local-zone-lax", "us-west-2"]]);
    }
  });

  it("share no address block between environments (their hubs can be peered or routed together)", () => {
    // One environment's blocks never overlap (the schema checks it); across environments, each
    // keeps to its own second octets.
    const seconds = defaultEnvironments().map((name) => {
      const n = SHIPPED_ENVIRONMENTS[name].network;
      const all = [n.vpcCidr, ...Object.values(n.sites), ...Object.values(n.regions ?? {}).flatMap((r) => [r.vpcCidr, ...Object.values(r.sites)])];
      return new Set(all.map((c) => c.split(".")[1]));
    });
    for (let i = 0; i < seconds.length; i++) {
      for (let j = i + 1; j < seconds.length; j++) {
        expect([...seconds[i]].filter((s) => seconds[j].has(s))).toEqual([]);
      }
    }
  });

  it("derive ad-hoc environments from dev, outside every shipped plan", () => {
    const env = resolveEnvironment("feature-42", environmentCatalog);
    expect(env.derivedFrom).toBe("dev");
    expect(Number(env.network.vpcCidr.split(".")[1])).toBeGreaterThanOrEqual(128);
    expect(Number(env.network.regions["us-west-2"].vpcCidr.split(".")[1])).toBeGreaterThanOrEqual(128);
  });

  it("answer prd with a did-you-mean for prod", () => {
    expect(configError(() => resolveEnvironment("prd", environmentCatalog)).code).toBe("EDGE_ENV_NEAR_MISS");
  });

  it("take a new environment with no other change to the default list", () => {
    const qa = { ...SHIPPED_ENVIRONMENTS.staging, name: "qa", account: "444444444444", assumeRoleArn: undefined, permissionsBoundaryArn: undefined };
    const catalog: EnvironmentCatalog = { ...environmentCatalog, environments: { ...SHIPPED_ENVIRONMENTS, qa } };
    expect(Object.keys(catalog.environments)).toEqual(["dev", "staging", "prod", "qa"]);
    expect(resolveEnvironment("qa", catalog).account).toBe("444444444444");
  });
});

describe("pull request previews (pr-<n>)", () => {
  const pr7 = resolveEnvironment("pr-7", environmentCatalog);
  const dev = resolveEnvironment("dev", environmentCatalog);

  it("derive from dev: its account, Region, profile and tags, with an address slot of their own", () => {
    expect(pr7).toMatchObject({ name: "pr-7", derivedFrom: "dev", account: dev.account, region: dev.region, profile: dev.profile, tags: dev.tags });
    expect(pr7.network.vpcCidr).toBe("10.218.0.0/16");
    expect(pr7.network.regions["us-west-2"].vpcCidr).toBe("10.220.0.0/16");
  });

  it("are delivered by Terraform Cloud, in the organization of staging and prod and a project of their own", () => {
    expect(pr7.backend).toEqual({
      type: "tfc",
      organization: "edge-blueprints",
      workspacePrefix: "edge",
      hostname: "app.terraform.io",
      project: "edge-preview",
    });
    expect(deliveryOf(pr7)).toBe("terraform-cloud");
    // Workspaces are named like staging's and prod's: <prefix>-<site>-<env>.
    const tfc = pr7.backend as Extract<Environment["backend"], { type: "tfc" }>;
    expect(["region-hub", "region-hub-us-west-2", "local-zone-bos"].map((site) => workspaceName(tfc, site, "pr-7"))).toEqual([
      "edge-region-hub-pr-7",
      "edge-region-hub-us-west-2-pr-7",
      "edge-local-zone-bos-pr-7",
    ]);
    expect(stateLocation("local-zone-bos", pr7)).toBe("app.terraform.io/edge-blueprints/edge-local-zone-bos-pr-7");
  });

  it("say so in the run note", () => {
    expect(pr7.derivation).toEqual([
      "pr-7 is a preview environment of a pull request, derived from dev (adHoc.rules[0]): its account 111111111111, Region us-east-1, profile development, with a state, names and tags of its own; delivered by Terraform Cloud instead of dev's local backend: organization edge-blueprints, project edge-preview, workspaces edge-<site>-pr-7",
      "pr-7's address plan is dev's moved from 10.8.0.0/13 to 10.216.0.0/13 (slot 11 of the ad-hoc pool 10.128.0.0/9, chosen from the name; two ad-hoc environments can share a slot)",
    ]);
  });

  it("take pr- and a positive number only; other ad-hoc names keep dev's local state", () => {
    expect(resolveEnvironment("pr-1234", environmentCatalog).backend.type).toBe("tfc");
    for (const name of ["pr-0", "pr-07", "pr-7a", "xpr-7", "feature-42"]) {
      const env = resolveEnvironment(name, environmentCatalog);
      expect([env.backend, deliveryOf(env)]).toEqual([{ type: "local" }, "cdktf-deploy"]);
      expect(env.derivation?.[0]).toMatch(new RegExp(`^${name} is an ad-hoc environment derived from dev: .* and local backend, with a state, names and tags of its own$`));
    }
  });
});
