import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { defineSite, parseCidr, type SiteDefinition, type StackPolicy, type StackPolicyOutcome } from "@edge/core";
import { z } from "zod";

const schema = z.strictObject({ cidr: z.string() });

/** A site with one subnet per environment, its CIDR checked. */
export function site(name: string, cidrs: Record<string, string>): SiteDefinition {
  return defineSite({
    name,
    schema,
    environments: Object.fromEntries(Object.entries(cidrs).map(([env, cidr]) => [env, { cidr }])),
    build(stack, config, configPath) {
      parseCidr(config.cidr, `${configPath}.cidr`);
      new Subnet(stack, "subnet", { vpcId: "vpc-1", cidrBlock: config.cidr });
    },
  });
}

export const good = site("alpha", { dev: "10.0.0.0/24", staging: "10.0.1.0/24", prod: "10.0.2.0/24" });

/** Every file under `dir` with a hash of its bytes. */
export function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** A stand-in for @edge/policy: records the stacks it was attached to and answers per stack. */
export function stubPack(judge: (stack: string) => StackPolicyOutcome | undefined): StackPolicy & { attached: string[] } {
  const attached: string[] = [];
  return {
    name: "stub-pack",
    reportFile: "policy.json",
    attached,
    attach: (stack) => void attached.push(stack.node.id),
    outcomeOf: (stack) => judge(stack.node.id),
  };
}

/** A clean outcome: one warning, two suppressions, no error. */
export const clean = (stack: string): StackPolicyOutcome => ({
  summary: { errors: 0, warnings: 1, suppressed: 2 },
  failures: [],
  findings: ["warning EDGE-X-9 aws_subnet.subnet: probe subnet"],
  report: { stack, results: [] },
});

/** A pack that passes every stack. */
export const passAll = (): StackPolicy => stubPack(clean);
