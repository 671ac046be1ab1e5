import { coloursFor, formatNotes, formatSummary, groupBySite, type StackSummary } from "../src";

const row = (env: string, over: Partial<StackSummary> = {}): StackSummary => ({
  stack: `alpha-${env}`,
  site: "alpha",
  environment: env,
  resources: 3,
  state: `state/alpha/${env}.tfstate`,
  output: `cdktf.out/stacks/alpha-${env}/cdk.tf.json`,
  policy: { errors: 0, warnings: 1, suppressed: 2 },
  findings: [],
  paths: { workloads: 1, needs: 2, proven: 2, missing: 0, unneeded: 0 },
  notes: [],
  warnings: [],
  ...over,
});

describe("formatSummary", () => {
  it("renders an aligned table, the policy totals and the wall time", () => {
    expect(formatSummary([row("dev", { policy: { errors: 0, warnings: 2, suppressed: 0 } }), row("prod", { policy: { errors: 0, warnings: 1, suppressed: 12 } })], 5.46)).toBe(
      [
        "stack       resources  errors  warnings  suppressed  state                     output",
        "----------  ---------  ------  --------  ----------  ------------------------  ---------------------------------------",
        "alpha-dev           3       0         2           0  state/alpha/dev.tfstate   cdktf.out/stacks/alpha-dev/cdk.tf.json",
        "alpha-prod          3       0         1          12  state/alpha/prod.tfstate  cdktf.out/stacks/alpha-prod/cdk.tf.json",
        "",
        "policy: 0 errors, 3 warnings, 12 suppressed (listed with --verbose; every result: policy.json beside each cdk.tf.json)",
        "paths (every need and route: paths.json beside each cdk.tf.json):",
        "  alpha-dev: 2/2 paths proven (one per need and subnet) for 1 workload, 0 routes nothing needs",
        "  alpha-prod: 2/2 paths proven (one per need and subnet) for 1 workload, 0 routes nothing needs",
        "synthesized 2 stacks in 5.5 s",
      ].join("\n"),
    );
  });
});

describe("formatNotes", () => {
  const stacks = ["dev", "staging", "prod"].map((env) =>
    row(env, {
      notes: [`alpha-${env}: uplink plan for 2 racks\n  ports 8`, ...(env === "prod" ? ["alpha-prod: prod only"] : [])],
      warnings: [`alpha-${env}/subnet: opt-in is checked at plan time`],
      findings: ["suppressed EDGE-SG-5 aws_security_group.hosts: mirrors have no fixed ranges"],
    }),
  );

  it("prints a note every environment of a site repeats once, naming the environments", () => {
    expect(formatNotes(stacks)).toBe(
      [
        "notes:",
        "  alpha (dev, staging, prod): uplink plan for 2 racks",
        "    ports 8",
        "  alpha (prod): prod only",
        "",
        "warnings (they depend on live account data or trade-offs; synth went on):",
        "  warning alpha (dev, staging, prod): alpha-<env>/subnet: opt-in is checked at plan time",
      ].join("\n"),
    );
  });

  it("lists the policy findings with --verbose only", () => {
    expect(formatNotes(stacks, { verbose: true })).toContain(
      [
        "policy findings (warnings and accepted suppressions):",
        "  alpha (dev, staging, prod): suppressed EDGE-SG-5 aws_security_group.hosts: mirrors have no fixed ranges",
      ].join("\n"),
    );
    expect(formatNotes(stacks)).not.toContain("EDGE-SG-5");
  });

  it("keeps a line that differs per environment apart, with its own stack name", () => {
    expect(groupBySite([row("dev", { notes: ["alpha-dev: weight 1"] }), row("prod", { notes: ["alpha-prod: weight 2"] })], (s) => s.notes)).toEqual([
      "alpha (dev): weight 1",
      "alpha (prod): weight 2",
    ]);
  });

  it("lists the placeholders first, once per site, each environment's config path as environments.<env>", () => {
    const held = ["dev", "prod"].map((env) =>
      row(env, {
        placeholders: [
          { path: `environments.${env}.hostedZoneId`, what: "hosted zone id" },
          ...(env === "prod" ? [{ path: "environments.prod.network.poolId", what: "pool id" }] : []),
        ],
      }),
    );
    expect(formatNotes(held)).toBe(
      [
        "placeholders (deploy and publish refuse these stacks until they are set; list: placeholders.json beside each cdk.tf.json):",
        "  alpha (dev, prod): environments.<env>.hostedZoneId: hosted zone id",
        "  alpha (prod): environments.prod.network.poolId: pool id",
      ].join("\n"),
    );
  });

  it("prints nothing when there is nothing to say", () => {
    expect(formatNotes([row("dev")])).toBe("");
  });
});

describe("coloursFor", () => {
  it("colours a terminal only, and never with NO_COLOR", () => {
    expect(coloursFor({ isTTY: true }, {}).yellow("w")).toBe("\u001b[33mw\u001b[39m");
    expect(coloursFor({ isTTY: false }, {}).yellow("w")).toBe("w");
    expect(coloursFor({}, {}).bold("w")).toBe("w");
    expect(coloursFor({ isTTY: true }, { NO_COLOR: "1" }).yellow("w")).toBe("w");
    expect(coloursFor({ isTTY: false }, { FORCE_COLOR: "1" }).bold("w")).toBe("w");
  });
});
