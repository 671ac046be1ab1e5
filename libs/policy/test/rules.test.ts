import { RULES } from "../src";
import { ec2Cases } from "./cases/ec2";
import { ecsCases } from "./cases/ecs";
import { elbCases } from "./cases/elb";
import { iamCases } from "./cases/iam";
import { logsCases } from "./cases/logs";
import { securityGroupCases } from "./cases/security-group";
import { serviceCases } from "./cases/services";
import { vpcCases } from "./cases/vpc";
import { evaluateRule, type RuleCase } from "./helpers";

const cases: RuleCase[] = [
  ...ec2Cases,
  ...ecsCases,
  ...vpcCases,
  ...securityGroupCases,
  ...logsCases,
  ...iamCases,
  ...serviceCases,
  ...elbCases,
];

describe.each(RULES.map((r) => [r.id, r] as const))("%s", (id) => {
  const mine = cases.filter((c) => c.rule === id);

  it("has at least one compliant and one non-compliant example", () => {
    expect(mine.filter((c) => c.expect === "compliant").length).toBeGreaterThan(0);
    expect(mine.filter((c) => c.expect === "non-compliant").length).toBeGreaterThan(0);
  });

  it.each(mine.map((c) => [c.expect, c.name, c] as const))("%s: %s", (_expect, _name, c) => {
    const results = evaluateRule(c.rule, c.build, c.context).filter(
      (e) => !c.address || e.address === c.address,
    );
    if (c.expect === "none") {
      expect(results).toEqual([]);
      return;
    }
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect({ address: r.address, status: r.outcome.status }).toEqual({
        address: r.address,
        status: c.expect,
      });
      if (c.reason) expect(r.outcome.status !== "compliant" && r.outcome.reason).toMatch(c.reason);
      if (r.outcome.status !== "compliant") expect(r.outcome.reason).toMatch(/^[^A-Z].*[^.]$/s); // lowercase start, no final period
    }
  });
});

describe("every example names a rule of the pack", () => {
  it.each(cases.map((c) => [c.rule, c.name] as const))("%s: %s", (rule) => {
    expect(RULES.map((r) => r.id)).toContain(rule);
  });
});
