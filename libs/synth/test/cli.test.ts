import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

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
        `import { defineSite, parseCidr } from ${JSON.stringify(path.join(repoRoot, "libs/core/src"))};`,
        `import { FIXTURE_CATALOG } from ${JSON.stringify(path.join(repoRoot, "libs/core/src/testing"))};`,
        `import { runSynthCli } from ${JSON.stringify(path.join(repoRoot, "libs/synth/src"))};`,
        `const policy = { name: "stub", reportFile: "policy.json", attach() {},`,
        `  outcomeOf: () => ({ summary: { errors: 0, warnings: 1, suppressed: 0 }, failures: [], findings: ["warning EDGE-X-1 aws_subnet.s: probe"], report: {} }) };`,
        `const cidr = process.env.TEST_CIDR ?? "10.0.0.0/24";`,
        `runSynthCli([defineSite({ name: "cli", schema: z.strictObject({ cidr: z.string() }), environments: { dev: { cidr } },`,
        `  build(stack, config, p) { parseCidr(config.cidr, p + ".cidr"); stack.note(stack.node.id + ": a note"); } })], { policy, catalog: FIXTURE_CATALOG, full: true });`,
      ].join("\n"),
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (args: string[] = [], cidr = "10.0.0.0/24") =>
    spawnSync(process.execPath, ["--import", require.resolve("tsx"), "main.ts", ...args], {
      cwd: root,
      env: {
        ...process.env,
        TEST_CIDR: cidr,
        EDGE_ENVS: "dev",
        NODE_PATH: path.join(repoRoot, "node_modules"),
        TSX_TSCONFIG_PATH: path.join(repoRoot, "tsconfig.base.json"),
        NO_COLOR: "1",
      },
      encoding: "utf8",
    });

  it("prints the error without a stack trace, writes nothing and exits 1", () => {
    const result = run([], "10.0.0.300/24");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^cli-dev: error EDGE_CIDR_INVALID at environments\.dev\.cidr\n/);
    expect(result.stderr).toMatch(/\n\nsynth failed with 1 error\(s\); cdktf.out was left as it was\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(root, "cdktf.out"))).toBe(false);
  });

  it("prints the table, the notes and the wall time since start-up, and exits 0", () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^stack +resources +errors +warnings +suppressed +state +output\n/);
    expect(result.stdout).toMatch(/^cli-dev +0 +0 +1 +0 +state\/cli\/dev\.tfstate +cdktf\.out\/stacks\/cli-dev\/cdk\.tf\.json$/m);
    expect(result.stdout).toContain("notes:\n  cli (dev): a note\n");
    expect(result.stdout).not.toContain("EDGE-X-1");
    // Start-up (loading cdktf and the provider bindings) is part of the time a person waits.
    const seconds = Number(/synthesized 1 stack in ([\d.]+) s/.exec(result.stdout)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(0.1);
    expect(fs.readdirSync(path.join(root, "cdktf.out", "stacks", "cli-dev")).sort()).toEqual(["cdk.tf.json", "paths.json", "policy.json"]);
  });

  it("--quiet prints only the last line; --verbose lists the policy findings", () => {
    expect(run(["--quiet"]).stdout).toMatch(/^synthesized 1 stack in [\d.]+ s\n$/);
    expect(run(["--verbose"]).stdout).toContain("policy findings (warnings and accepted suppressions):\n  cli (dev): warning EDGE-X-1 aws_subnet.s: probe\n");
  });

  it("--help prints the help and synthesizes nothing", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run synth -- \[--quiet \| --verbose\] \[--help\]\n/);
    expect(fs.existsSync(path.join(root, "cdktf.out"))).toBe(false);
  });

  it("rejects an unknown option with a coded error", () => {
    const result = run(["--verbsoe"]);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("synth: error EDGE_SYNTH_ARGS at arguments");
    expect(fs.existsSync(path.join(root, "cdktf.out"))).toBe(false);
  });
});
