/**
 * .github/workflows/ci.yml: valid for GitHub (checked by GitHub's own workflow parser from npm,
 * offline) and shaped as the affected-only pipeline the docs describe.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

const root = path.resolve(__dirname, "../..");
const file = path.join(root, ".github", "workflows", "ci.yml");

function validate(target: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "tools/validate-workflows.mts", target], { cwd: root, encoding: "utf8" });
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe("ci workflow", () => {
  const workflow = parse(fs.readFileSync(file, "utf8")) as {
    on: Record<string, { branches?: string[] } | null>;
    permissions: Record<string, string>;
    env?: Record<string, string>;
    jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
  };
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((j) => j.steps);
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);

  it("passes GitHub's workflow schema and expression checks", () => {
    const result = validate(".github/workflows/ci.yml");
    expect(result.stdout).toBe("ok .github/workflows/ci.yml\n");
    expect(result.status).toBe(0);
  });

  it("the validator rejects a broken workflow, so the check above means something", () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edge-wf-")), "broken.yml");
    fs.writeFileSync(
      broken,
      fs
        .readFileSync(file, "utf8")
        .replace("    steps:\n", "    stepz:\n")
        .replace("${{ github.event_name == 'pull_request' }}", "${{ github.event_name == }}"),
    );
    const result = validate(broken);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("Unexpected value 'stepz'");
    expect(result.stdout).toMatch(/Unexpected end of expression/);
  });

  it("runs on pull requests and on pushes to main", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(workflow.on.push?.branches).toEqual(["main"]);
  });

  it("checks out full history, sets the affected base with nx-set-shas, installs with npm ci, then runs one affected call", () => {
    const checkout = index((s) => /^actions\/checkout@v\d+$/.test(s.uses ?? ""));
    const shas = index((s) => /^nrwl\/nx-set-shas@v\d+$/.test(s.uses ?? ""));
    const install = index((s) => s.run?.trim() === "npm ci");
    const affectedSteps = steps.filter((s) => /\bnx affected\b/.test(s.run ?? ""));
    expect(steps[checkout].with?.["fetch-depth"]).toBe(0);
    expect(affectedSteps).toHaveLength(1);
    expect(affectedSteps[0].run).toMatch(/^npx nx affected -t lint typecheck test synth\b/);
    const affected = steps.indexOf(affectedSteps[0]);
    expect([checkout, shas, install, affected].every((i, k, all) => i >= 0 && (k === 0 || i > all[k - 1]))).toBe(true);
    expect(workflow.permissions).toMatchObject({ contents: "read", actions: "read" });
  });

  it("publishes the affected sites after that: speculative plans on pull requests, normal runs on main", () => {
    const publish = steps.find((s) => s.run?.includes("libs/tfc/src/cli.ts publish"));
    expect(publish).toBeDefined();
    expect(steps.indexOf(publish!)).toBeGreaterThan(index((s) => /\bnx affected\b/.test(s.run ?? "")));
    expect(publish!.run).toContain("nx show projects --affected --with-target publish");
    expect(publish!.run).toContain('--run="$RUN_MODE"');
    expect(publish!.env?.RUN_MODE).toBe("${{ github.event_name == 'pull_request' && 'plan-only' || 'normal' }}");
  });

  it("hands the Terraform Cloud token to the publish step only", () => {
    const withToken = steps.filter((s) => JSON.stringify(s).includes("secrets."));
    expect(withToken).toHaveLength(1);
    expect(withToken[0].env?.TF_TOKEN_app_terraform_io).toBe("${{ secrets.TF_API_TOKEN }}");
    expect(JSON.stringify(workflow.env ?? {})).not.toContain("secrets.");
    for (const job of jobs) expect(JSON.stringify(job.env ?? {})).not.toContain("secrets.");
  });
});
