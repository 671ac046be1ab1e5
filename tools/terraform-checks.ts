/**
 * CI's real-Terraform checks (they need terraform, checkov and the network):
 *
 *   node --import tsx tools/terraform-checks.ts validate [--stacks-dir=cdktf.out] [--sites=a,b]
 *   node --import tsx tools/terraform-checks.ts checkov  [--stacks-dir=cdktf.out] [--sites=a,b]
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { checkovStacks, spawnRunner, stackDirs, validateStacks } from "./src/terraform-checks";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { "stacks-dir": { type: "string" }, sites: { type: "string" } } });
const dirs = stackDirs(path.resolve(values["stacks-dir"] ?? "cdktf.out"), (values.sites ?? "").split(",").map((s) => s.trim()).filter(Boolean));
if (command !== "validate" && command !== "checkov") {
  process.stderr.write("usage: terraform-checks.ts validate|checkov [--stacks-dir=cdktf.out] [--sites=a,b]\n");
  process.exitCode = 1;
} else if (dirs.length === 0) {
  process.stderr.write("no synthesized stacks to check\n");
  process.exitCode = 1;
} else {
  const result = (command === "validate" ? validateStacks : checkovStacks)(dirs, spawnRunner);
  process.stdout.write(`${result.lines.join("\n")}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
