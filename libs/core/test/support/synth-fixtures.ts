import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { z } from "zod";
import { defineSite, parseCidr, type SiteDefinition } from "../../src";

/** Config of the fixture sites: one subnet CIDR. */
export const schema = z.strictObject({ cidr: z.string() });

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

/** A good site in dev, staging and prod. */
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
