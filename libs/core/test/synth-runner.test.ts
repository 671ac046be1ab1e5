import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Annotations } from "cdktf";
import {
  declareNeeds,
  defineSite,
  formatNotes,
  formatSummary,
  registerStackPolicy,
  synthesizeSites,
  unregisterStackPolicy,
  type StackPolicy,
  type StackPolicyOutcome,
} from "../src";
import { FIXTURE_CATALOG } from "../src/testing";
import { good, schema, site, treeHash } from "./support/synth-fixtures";

/** A site whose Outpost subnet has only a local gateway route, and hosts that call CloudWatch. */
const outpostSite = (withRegionRoute: boolean) =>
  defineSite({
    name: "gamma",
    schema,
    environments: { dev: { cidr: "10.0.0.0/24" } },
    build(stack) {
      const subnet = new Subnet(stack, "line", {
        vpcId: "vpc-1",
        cidrBlock: "10.0.0.0/24",
        availabilityZone: "us-east-1a",
        outpostArn: "arn:aws:outposts:us-east-1:111111111111:outpost/op-0123456789abcdef0",
      });
      const table = new RouteTable(stack, "line-table", { vpcId: "vpc-1" });
      new RouteTableAssociation(stack, "line-association", { subnetId: subnet.id, routeTableId: table.id });
      new Route(stack, "factory", { routeTableId: table.id, destinationCidrBlock: "192.168.0.0/16", localGatewayId: "lgw-0123456789abcdef0" });
      if (withRegionRoute) {
        new Route(stack, "region", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" });
      }
      declareNeeds(stack, { subnetIds: [subnet.id], clients: [{ onPremises: ["192.168.0.0/16"] }], calls: [{ service: "monitoring" }] });
    },
  });

describe("synthesizeSites", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-synth-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes one stack per site and environment and reports each", () => {
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace", requirePolicy: false });
    expect(result).toEqual({
      ok: true,
      notes: [],
      stacks: ["dev", "staging", "prod"].map((env) => ({
        stack: `alpha-${env}`,
        resources: 1,
        state: env === "dev" ? `state/alpha/dev.tfstate` : `app.terraform.io/edge-blueprints/edge-alpha-${env}`,
        output: `cdktf.out/stacks/alpha-${env}/cdk.tf.json`,
        paths: { workloads: 0, needs: 0, proven: 0, missing: 0, unneeded: 0 },
        notes: [],
        warnings: [],
      })),
    });
    expect(fs.readdirSync(path.join(root, "cdktf.out", "stacks")).sort()).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out"]); // no temp dir or lock left behind
  });

  it("writes paths.json beside cdk.tf.json with each need's route", () => {
    const result = synthesizeSites([outpostSite(true)], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], mode: "replace", requirePolicy: false });
    expect(result.ok && result.stacks[0].paths).toEqual({ workloads: 1, needs: 2, proven: 2, missing: 0, unneeded: 0 });
    const report = JSON.parse(fs.readFileSync(path.join(root, "cdktf.out", "stacks", "gamma-dev", "paths.json"), "utf8"));
    expect(report.paths.map((p: { need: string; carriedBy: string[] }) => [p.need, p.carriedBy])).toEqual([
      ["on-premises 192.168.0.0/16", ["aws_route.factory"]],
      ["monitoring", ["aws_route.region"]],
    ]);
  });

  it("fails, writing nothing, when a need has no path", () => {
    const result = synthesizeSites([outpostSite(false)], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], mode: "replace", requirePolicy: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^gamma-dev: error EDGE_PATH_OUTPOST_REGION at gamma-dev\n  call "monitoring" from aws_subnet\.line \(outpost\), route table aws_route_table\.line-table: /)]);
    expect(fs.existsSync(path.join(root, "cdktf.out"))).toBe(false);
  });

  it("leaves the previous cdktf.out byte-for-byte intact when any site has bad input, and reports every error", () => {
    expect(synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace", requirePolicy: false }).ok).toBe(true);
    const before = treeHash(path.join(root, "cdktf.out"));
    const bad = site("beta", { dev: "10.0.3.1/24", staging: "nonsense", prod: "10.0.5.0/24" });
    const result = synthesizeSites([good, bad], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace", requirePolicy: false });
    expect(result).toEqual({
      ok: false,
      errors: [
        [
          "beta-dev: error EDGE_CIDR_INVALID at environments.dev.cidr",
          "  file:  apps/beta/src/site.ts",
          "  host bits are set, so this is an address, not a network block",
          '  value: "10.0.3.1/24"',
          '  fix:   use "10.0.3.0/24"',
        ].join("\n"),
        [
          "beta-staging: error EDGE_CIDR_INVALID at environments.staging.cidr",
          "  file:  apps/beta/src/site.ts",
          "  not an IPv4 CIDR block",
          '  value: "nonsense"',
          '  fix:   write it as address/prefix, for example "10.10.0.0/16"',
        ].join("\n"),
      ],
    });
    expect(treeHash(path.join(root, "cdktf.out"))).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out"]);
  });

  it("in merge mode replaces only the stacks it synthesized", () => {
    synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace", requirePolicy: false });
    const other = site("gamma", { dev: "10.1.0.0/24" });
    const result = synthesizeSites([other], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], requirePolicy: false });
    expect(result.ok).toBe(true);
    expect(fs.readdirSync(path.join(root, "cdktf.out", "stacks")).sort()).toEqual([
      "alpha-dev",
      "alpha-prod",
      "alpha-staging",
      "gamma-dev",
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["alpha-dev", "alpha-prod", "alpha-staging", "gamma-dev"]);
  });

  it("reports warnings in the summary and keeps them and absolute paths out of manifest.json", () => {
    const warns = defineSite({
      ...good,
      build(stack, config, configPath) {
        good.build(stack, config, configPath);
        Annotations.of(stack).addWarning("opt-in state is only known in the account");
      },
    });
    const result = synthesizeSites([warns], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace", requirePolicy: false });
    expect(result.ok && result.stacks[0].warnings).toEqual([expect.stringContaining("opt-in state is only known in the account")]);
    // The cdktf CLI prints the manifest's annotations of every stack (printAnnotations in
    // @cdktf/cli-core synth.js): synth prints warnings itself, once, so the manifest holds none.
    const manifest = fs.readFileSync(path.join(root, "cdktf.out", "manifest.json"), "utf8");
    expect(manifest).not.toContain("opt-in state is only known in the account");
    expect(manifest).not.toContain(path.resolve(__dirname, "../../.."));
  });

  it("synthesizes an ad-hoc environment from dev's config into its own stack and state", () => {
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["feature-42"], requirePolicy: false });
    expect(result).toMatchObject({ ok: true, stacks: [{ stack: "alpha-feature-42", state: "state/alpha/feature-42.tfstate" }] });
  });
});

/** A stand-in for @edge/policy: records the stacks it was attached to and answers per stack. */
function stubPack(judge: (stack: string) => StackPolicyOutcome | undefined): StackPolicy & { attached: string[] } {
  const attached: string[] = [];
  return {
    name: "stub-pack",
    reportFile: "policy.json",
    attached,
    attach: (stack) => void attached.push(stack.node.id),
    outcomeOf: (stack) => judge(stack.node.id),
  };
}

const clean = (stack: string): StackPolicyOutcome => ({
  summary: { errors: 0, warnings: 1, suppressed: 2 },
  failures: [],
  report: { stack, results: [] },
});

describe("synthesizeSites and the policy pack", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-policy-"));
  });
  afterEach(() => {
    unregisterStackPolicy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("fails closed when no pack is registered, and writes nothing", () => {
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace" });
    expect(result).toEqual({
      ok: false,
      errors: [
        [
          "synth: error EDGE_POLICY_MISSING at the synth entry point",
          "  no policy pack is registered, so no stack would be checked",
          '  fix:   add `import "@edge/policy";` to the entry point (tools/synth.ts or apps/<site>/src/main.ts)',
        ].join("\n"),
      ],
    });
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it("attaches the pack to every EdgeStack, writes each report beside cdk.tf.json and returns the counts", () => {
    const pack = stubPack(clean);
    registerStackPolicy(pack);
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace" });
    expect(pack.attached).toEqual(["alpha-dev", "alpha-staging", "alpha-prod"]);
    expect(result.ok && result.stacks.map((s) => [s.stack, s.policy])).toEqual(
      ["dev", "staging", "prod"].map((env) => [`alpha-${env}`, { errors: 0, warnings: 1, suppressed: 2 }]),
    );
    const report = fs.readFileSync(path.join(root, "cdktf.out", "stacks", "alpha-dev", "policy.json"), "utf8");
    expect(report).toBe('{\n  "stack": "alpha-dev",\n  "results": []\n}\n');
  });

  it("fails on any unsuppressed error, prints every one with its stack, and leaves cdktf.out as it was", () => {
    registerStackPolicy(stubPack(clean));
    expect(synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace" }).ok).toBe(true);
    const before = treeHash(path.join(root, "cdktf.out"));
    registerStackPolicy(
      stubPack((stack) =>
        stack === "alpha-staging"
          ? { summary: { errors: 2, warnings: 0, suppressed: 0 }, failures: ["error EDGE-X-1 at a.b", "error EDGE-X-2 at c.d"], report: {} }
          : clean(stack),
      ),
    );
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace" });
    expect(result).toEqual({ ok: false, errors: ["alpha-staging: error EDGE-X-1 at a.b", "alpha-staging: error EDGE-X-2 at c.d"] });
    expect(treeHash(path.join(root, "cdktf.out"))).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out"]);
  });

  it("treats a stack the pack did not check as an error", () => {
    registerStackPolicy(stubPack((stack) => (stack === "alpha-dev" ? undefined : clean(stack))));
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "replace" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      [
        "alpha-dev: error EDGE_POLICY_NOT_RUN at alpha-dev",
        "  stub-pack did not check this stack",
        "  fix:   import stub-pack before the stacks are created, and do not skip validations",
      ].join("\n"),
    ]);
  });
});

describe("notes and warnings", () => {
  const noted = defineSite({
    name: "noted",
    schema,
    environments: { dev: { cidr: "10.2.0.0/24" } },
    build(stack, config) {
      const subnet = new Subnet(stack, "subnet", { vpcId: "vpc-1", cidrBlock: config.cidr });
      stack.note(`${stack.node.id}: plan line one\nplan line two`);
      Annotations.of(subnet).addWarning("opt-in is checked at plan time");
    },
  });

  it("carries the site's notes and its constructs' warnings into the summary, and prints them after the table", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-notes-"));
    try {
      const result = synthesizeSites([noted], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], requirePolicy: false });
      if (!result.ok) throw new Error(result.errors.join("\n"));
      expect(result.stacks[0].notes).toEqual(["noted-dev: plan line one\nplan line two"]);
      expect(result.stacks[0].warnings).toEqual(["noted-dev/subnet: opt-in is checked at plan time"]);
      expect(formatNotes(result.stacks)).toBe(
        [
          "notes:",
          "  noted-dev: plan line one",
          "  plan line two",
          "",
          "warnings (they depend on live account data or trade-offs; synth went on):",
          "  warning noted-dev/subnet: opt-in is checked at plan time",
        ].join("\n"),
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("prints nothing extra when there is nothing to say", () => {
    expect(formatNotes([{ stack: "a-dev", resources: 0, state: "s", output: "o", notes: [], warnings: [] }])).toBe("");
  });
});

describe("formatSummary", () => {
  it("renders an aligned table with a total line", () => {
    expect(
      formatSummary(
        [{ stack: "alpha-dev", resources: 12, state: "state/alpha/dev.tfstate", output: "cdktf.out/stacks/alpha-dev/cdk.tf.json", notes: [], warnings: [] }],
        1.234,
      ),
    ).toBe(
      [
        "stack      resources  errors  warnings  suppressed  state                    output",
        "---------  ---------  ------  --------  ----------  -----------------------  --------------------------------------",
        "alpha-dev         12       -         -           -  state/alpha/dev.tfstate  cdktf.out/stacks/alpha-dev/cdk.tf.json",
        "",
        "synthesized 1 stack in 1.2 s",
      ].join("\n"),
    );
  });

  it("shows the policy counts of every stack and their totals", () => {
    const row = (env: string, errors: number, warnings: number, suppressed: number) => ({
      stack: `alpha-${env}`,
      resources: 3,
      state: `state/alpha/${env}.tfstate`,
      output: `cdktf.out/stacks/alpha-${env}/cdk.tf.json`,
      policy: { errors, warnings, suppressed },
      notes: [],
      warnings: [],
    });
    expect(formatSummary([row("dev", 0, 2, 0), row("prod", 0, 1, 12)], 0.5)).toBe(
      [
        "stack       resources  errors  warnings  suppressed  state                     output",
        "----------  ---------  ------  --------  ----------  ------------------------  ---------------------------------------",
        "alpha-dev           3       0         2           0  state/alpha/dev.tfstate   cdktf.out/stacks/alpha-dev/cdk.tf.json",
        "alpha-prod          3       0         1          12  state/alpha/prod.tfstate  cdktf.out/stacks/alpha-prod/cdk.tf.json",
        "",
        "policy: 0 errors, 3 warnings, 12 suppressed (every finding: policy.json beside each cdk.tf.json)",
        "synthesized 2 stacks in 0.5 s",
      ].join("\n"),
    );
  });

  it("summarizes the paths of every stack under the table", () => {
    const row = {
      stack: "alpha-prod",
      resources: 3,
      state: "state/alpha/prod.tfstate",
      output: "cdktf.out/stacks/alpha-prod/cdk.tf.json",
      paths: { workloads: 2, needs: 5, proven: 5, missing: 0, unneeded: 1 },
      notes: [],
      warnings: [],
    };
    expect(formatSummary([row], 0.5).split("\n").slice(-3)).toEqual([
      "paths (every need and route: paths.json beside each cdk.tf.json):",
      "  alpha-prod: 5/5 paths proven (one per need and subnet) for 2 workloads, 1 route nothing needs",
      "synthesized 1 stack in 0.5 s",
    ]);
  });
});

describe("the synth command", () => {
  const repoRoot = path.resolve(__dirname, "../../..");
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-cli-"));
    fs.writeFileSync(path.join(root, "nx.json"), "{}");
    fs.writeFileSync(
      path.join(root, "main.ts"),
      [
        `import { z } from "zod";`,
        `import { defineSite, parseCidr, registerStackPolicy, runSynthCli } from ${JSON.stringify(path.join(repoRoot, "libs/core/src"))};`,
        `import { FIXTURE_CATALOG } from ${JSON.stringify(path.join(repoRoot, "libs/core/src/testing"))};`,
        `if (!process.env.NO_POLICY) registerStackPolicy({ name: "stub", reportFile: "policy.json", attach() {},`,
        `  outcomeOf: () => ({ summary: { errors: 0, warnings: 1, suppressed: 0 }, failures: [], report: {} }) });`,
        `const cidr = process.env.TEST_CIDR ?? "10.0.0.0/24";`,
        `runSynthCli([defineSite({ name: "cli", schema: z.strictObject({ cidr: z.string() }), environments: { dev: { cidr } },`,
        `  build(stack, config, p) { parseCidr(config.cidr, p + ".cidr"); } })], { catalog: FIXTURE_CATALOG, full: true });`,
      ].join("\n"),
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (cidr: string, extraEnv: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["--import", require.resolve("tsx"), "main.ts"], {
      cwd: root,
      env: { ...process.env, TEST_CIDR: cidr, EDGE_ENVS: "dev", NODE_PATH: path.join(repoRoot, "node_modules"), ...extraEnv },
      encoding: "utf8",
    });

  it("prints the error without a stack trace and exits 1", () => {
    const result = run("10.0.0.300/24");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "cli-dev: error EDGE_CIDR_INVALID at environments.dev.cidr",
        "  file:  apps/cli/src/site.ts",
        "  not an IPv4 CIDR block",
        '  value: "10.0.0.300/24"',
        '  fix:   write it as address/prefix, for example "10.10.0.0/16"',
        "",
        "synth failed with 1 error(s); cdktf.out was left as it was",
        "",
      ].join("\n"),
    );
  });

  it("prints the table and exits 0 on success", () => {
    const result = run("10.0.0.0/24");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^stack +resources +errors +warnings +suppressed +state +output\n/);
    expect(result.stdout).toMatch(/^cli-dev +0 +0 +1 +0 +state\/cli\/dev\.tfstate +cdktf\.out\/stacks\/cli-dev\/cdk\.tf\.json$/m);
    expect(execFileSync("ls", [path.join(root, "cdktf.out", "stacks")], { encoding: "utf8" })).toBe("cli-dev\n");
    expect(execFileSync("ls", [path.join(root, "cdktf.out", "stacks", "cli-dev")], { encoding: "utf8" })).toBe("cdk.tf.json\npaths.json\npolicy.json\n");
  });

  it("refuses to synthesize without a policy pack, without a stack trace", () => {
    const result = run("10.0.0.0/24", { NO_POLICY: "1" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("synth: error EDGE_POLICY_MISSING at the synth entry point");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(root, "cdktf.out"))).toBe(false);
  });
});
