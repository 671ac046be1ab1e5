/**
 * The `publish` and `deploy` targets of the sites use the executors in tools/executors (not
 * nx:run-commands, which owns an `env` option and so rejects `--env=dev`). Their options must
 * map onto flags the entry points accept.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TFC_USAGE } from "@edge/tfc";

const root = path.resolve(__dirname, "../..");
const executors = path.join(root, "tools", "executors");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { toFlags } = require(path.join(executors, "site-command.js")) as { toFlags: (o: Record<string, unknown>) => string[] };
const schema = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(executors, `${name}.schema.json`), "utf8")) as {
    properties: Record<string, unknown>;
    required: string[];
    additionalProperties: boolean;
  };

describe("site executors", () => {
  it("turn options into flags", () => {
    expect(toFlags({ env: "dev", dryRun: true, create: false, workspacePrefix: "edge", concurrency: 2, message: "" })).toEqual([
      "--env=dev",
      "--dry-run",
      "--workspace-prefix=edge",
      "--concurrency=2",
    ]);
  });

  it("accept exactly the publish CLI's options, and require --env", () => {
    const s = schema("publish");
    expect(s.required).toEqual(["env"]);
    expect(s.additionalProperties).toBe(false);
    for (const option of Object.keys(s.properties)) {
      const [flag] = toFlags({ [option]: "x" })[0].split("=");
      expect(TFC_USAGE).toContain(`  ${flag} `);
    }
  });

  it("accept the deploy, destroy and diff scripts' options", () => {
    const s = schema("deploy");
    expect(s.required).toEqual(["env"]);
    expect(Object.keys(s.properties).map((o) => toFlags({ [o]: true })[0]).sort()).toEqual(["--auto-approve", "--dry-run", "--env", "--region"]);
    const d = schema("diff");
    expect(d.required).toEqual(["env"]);
    expect(Object.keys(d.properties).map((o) => toFlags({ [o]: true })[0]).sort()).toEqual(["--dry-run", "--env", "--region"]);
  });

  it("are declared where Nx resolves ./tools/executors", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(executors, "package.json"), "utf8"));
    const declared = JSON.parse(fs.readFileSync(path.join(executors, pkg.executors), "utf8")).executors;
    expect(Object.keys(declared).sort()).toEqual(["deploy", "destroy", "diff", "publish"]);
    for (const e of Object.values(declared) as { implementation: string; schema: string }[]) {
      expect(fs.existsSync(path.join(executors, e.implementation.split("#")[0]))).toBe(true);
      expect(fs.existsSync(path.join(executors, e.schema))).toBe(true);
    }
  });
  // Every site gets one target per executor: tools/test/nx-plugin.test.ts.
});
