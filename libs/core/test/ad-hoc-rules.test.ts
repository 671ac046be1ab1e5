import { checkEnvironment, deliveryOf, resolveEnvironment, stateLocation, type AdHocRule, type EnvironmentCatalog } from "../src";
import { configError, FIXTURE_CATALOG, synthJson, testStack } from "../src/testing";

/** The fixture catalog with pull request previews delivered by Terraform Cloud. */
const PREVIEW: AdHocRule = {
  pattern: "^pr-[1-9][0-9]*$",
  kind: "a preview environment of a pull request",
  from: "dev",
  backend: { type: "tfc", organization: "acme", workspacePrefix: "edge", project: "edge-preview" },
};
const withRules = (...rules: AdHocRule[]): EnvironmentCatalog => ({ ...FIXTURE_CATALOG, adHoc: { ...FIXTURE_CATALOG.adHoc!, rules } });
const catalog = withRules(PREVIEW);

describe("ad-hoc rules", () => {
  it("derive a name the pattern takes from the rule's environment, with the rule's backend", () => {
    const env = resolveEnvironment("pr-7", catalog);
    const dev = resolveEnvironment("dev", catalog);
    expect(env).toMatchObject({ name: "pr-7", account: dev.account, region: dev.region, profile: dev.profile, derivedFrom: "dev" });
    expect(env.backend).toEqual({ type: "tfc", organization: "acme", workspacePrefix: "edge", hostname: "app.terraform.io", project: "edge-preview" });
    expect(deliveryOf(env)).toBe("terraform-cloud");
    expect(stateLocation("region-hub", env)).toBe("app.terraform.io/acme/edge-region-hub-pr-7");
    // Its own address slot, as every ad-hoc environment: the same as without the rule.
    expect(env.network).toEqual(resolveEnvironment("pr-7", FIXTURE_CATALOG).network);
    expect(env.network.vpcCidr).not.toBe(dev.network.vpcCidr);
    expect(env.derivation?.[0]).toBe(
      "pr-7 is a preview environment of a pull request, derived from dev (adHoc.rules[0]): its account 111111111111, Region us-east-1, profile development, with a state, names and tags of its own; delivered by Terraform Cloud instead of dev's local backend: organization acme, project edge-preview, workspaces edge-<site>-pr-7",
    );
  });

  it("leave every other ad-hoc name as it was: dev's local backend and the same note", () => {
    for (const name of ["feature-42", "pr-0", "pr-7x", "apr-7"]) {
      expect(resolveEnvironment(name, catalog)).toEqual(resolveEnvironment(name, FIXTURE_CATALOG));
      expect(resolveEnvironment(name, catalog).backend).toEqual({ type: "local" });
    }
  });

  it("give a stack of the derived environment the rule's cloud block", () => {
    const stack = testStack({ site: "local-zone-bos", env: "pr-7", catalog });
    const json = synthJson(stack);
    // Terraform docs, cloud block: `terraform { cloud { organization, hostname, workspaces { name, project } } }`.
    expect(json.terraform.cloud).toEqual({
      organization: "acme",
      hostname: "app.terraform.io",
      workspaces: { name: "edge-local-zone-bos-pr-7", project: "edge-preview" },
    });
    expect(json.terraform.backend).toBeUndefined();
  });

  it("give the catalog input of the derived environment to synth's checks", () => {
    const checked = checkEnvironment("pr-7", catalog);
    expect(checked.errors).toEqual([]);
    expect(checked.input).toMatchObject({ name: "pr-7", account: "111111111111", backend: PREVIEW.backend });
  });

  it("take the first rule that matches", () => {
    const sandbox: AdHocRule = { pattern: "^pr-.*$", kind: "a sandbox", from: "staging" };
    expect(resolveEnvironment("pr-7", withRules(PREVIEW, sandbox)).backend).toMatchObject({ project: "edge-preview" });
    const env = resolveEnvironment("pr-7", withRules(sandbox, PREVIEW));
    expect(env).toMatchObject({ derivedFrom: "staging", account: "222222222222", backend: { project: "edge-staging" } });
  });

  it("refuse a pattern that is not anchored, or not a regular expression", () => {
    expect(configError(() => resolveEnvironment("pr-7", withRules({ ...PREVIEW, pattern: "pr-[0-9]+" }))).message).toBe(
      'EDGE_ENV_ADHOC_RULE at adHoc.rules[0].pattern: the pattern is not anchored at both ends, so it would take names that only contain a match (got "pr-[0-9]+"); fix: write an anchored regular expression such as ^pr-[1-9][0-9]*$',
    );
    expect(configError(() => resolveEnvironment("pr-7", withRules({ ...PREVIEW, pattern: "^pr-[0-9+$" }))).message).toBe(
      'EDGE_ENV_ADHOC_RULE at adHoc.rules[0].pattern: not a valid regular expression (got "^pr-[0-9+$"); fix: write an anchored regular expression such as ^pr-[1-9][0-9]*$',
    );
  });

  it("refuse a rule deriving from an environment that is not shipped", () => {
    expect(configError(() => resolveEnvironment("pr-7", withRules({ ...PREVIEW, from: "qa" }))).message).toBe(
      'EDGE_ENV_ADHOC_RULE at adHoc.rules[0].from: ad-hoc environments derive from a shipped environment, and "qa" is not one (got "qa"); fix: use one of dev, staging, prod',
    );
  });

  it("report a bad backend of a rule at the rule", () => {
    const bad = { ...PREVIEW, backend: { type: "tfc", organization: "acme org", workspacePrefix: "edge" } } as AdHocRule;
    expect(configError(() => resolveEnvironment("pr-7", withRules(bad))).message).toBe(
      'EDGE_CONFIG_INVALID at adHoc.rules[0].backend.organization: invalid string: must match pattern /^[\\w-]+$/ (got "acme org"); fix: use letters, digits, _ and -, such as "edge-platform"',
    );
  });
});
