import { defineEnvironment, homesOf, resolveEnvironment, type EnvironmentCatalog } from "@edge/core";
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
