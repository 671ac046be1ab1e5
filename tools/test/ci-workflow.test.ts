/**
 * .github/workflows: valid for GitHub (checked by GitHub's own workflow parser from npm,
 * offline) and shaped as the pipeline docs/deploy.md describes: affected checks and speculative
 * plans on pull requests; on main one synth, then staging, then prod behind reviewers, applying
 * the same artifact; previews of labelled pull requests applied and destroyed through the
 * publisher CLI. Third-party actions are pinned by commit SHA (GitHub's security hardening guide
 * for Actions: "Pin actions to a full length commit SHA").
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runTfcCli } from "@edge/tfc";
import { parse } from "yaml";

const root = path.resolve(__dirname, "../..");
const dir = path.join(root, ".github", "workflows");

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
interface Job {
  "runs-on"?: string;
  concurrency?: { group: string; "cancel-in-progress": unknown };
  needs?: string | string[];
  if?: string;
  environment?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[]; types?: string[] } | null>;
  permissions: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": unknown };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const load = (name: string) => parse(fs.readFileSync(path.join(dir, name), "utf8")) as Workflow;
const ci = load("ci.yml");
const deliver = load("deliver.yml");
const preview = load("preview.yml");
const index = (steps: Step[], pred: (s: Step) => boolean) => steps.findIndex(pred);

/** The SHAs of the release tags the workflows pin (read from each action's repository). */
const PINNED: Record<string, [string, string]> = {
  "actions/checkout": ["11d5960a326750d5838078e36cf38b85af677262", "v4.4.0"],
  "actions/setup-node": ["49933ea5288caeca8642d1e84afbd3f7d6820020", "v4.4.0"],
  "actions/cache": ["0057852bfaa89a56745cba8c7296529d2fc39830", "v4.3.0"],
  "actions/cache/restore": ["0057852bfaa89a56745cba8c7296529d2fc39830", "v4.3.0"],
  "actions/upload-artifact": ["ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"],
  "actions/download-artifact": ["d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"],
  "nrwl/nx-set-shas": ["3e9ad7370203c1e93d109be57f3b72eb0eb511b1", "v4.4.0"],
  "hashicorp/setup-terraform": ["b9cd54a3c349d3f38e8881555d616ced269862dd", "v3.1.2"],
};

describe("workflows", () => {
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

  it("are the ones the docs describe, at least", () => {
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "deliver.yml", "preview.yml"]));
  });

  it.each(files)("%s passes GitHub's workflow schema and expression checks", (name) => {
    const result = validate(`.github/workflows/${name}`);
    expect(result.stdout).toBe(`ok .github/workflows/${name}\n`);
    expect(result.status).toBe(0);
  });

  it("the validator rejects a broken workflow, so the check above means something", () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edge-wf-")), "broken.yml");
    fs.writeFileSync(
      broken,
      fs
        .readFileSync(path.join(dir, "ci.yml"), "utf8")
        .replace("    steps:\n", "    stepz:\n")
        .replace("${{ github.event_name == 'pull_request' }}", "${{ github.event_name == }}"),
    );
    const result = validate(broken);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("Unexpected value 'stepz'");
    expect(result.stdout).toMatch(/Unexpected end of expression/);
  });

  it("pins every third-party action by the full commit SHA of a release tag, named in a comment", () => {
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      const uses = [...text.matchAll(/uses: ([\w./-]+)@(\S+)(?: # (\S+))?/g)];
      expect(uses.length).toBeGreaterThan(3);
      for (const [, action, ref, tag] of uses) {
        expect([action, ref, tag]).toEqual([action, ...PINNED[action]]);
      }
    }
  });

  it("caches .nx/cache keyed by the lockfile and the branch", () => {
    const caches = [...Object.values(ci.jobs), ...Object.values(deliver.jobs)].flatMap((j) => j.steps).filter((s) => s.uses?.startsWith("actions/cache"));
    expect(caches.length).toBeGreaterThanOrEqual(3);
    for (const c of caches) {
      expect(c.with?.path).toBe(".nx/cache");
      expect(c.with?.key).toMatch(/^nx-\$\{\{ runner\.os \}\}-\$\{\{ hashFiles\('package-lock\.json'\) \}\}-\$\{\{ github\.(head_ref \|\| github\.)?ref_name \}\}-/);
    }
  });
});

describe("ci.yml: pull requests and main", () => {
  const steps = ci.jobs.affected.steps;

  it("runs on pull requests and on pushes to main", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(ci.on.push?.branches).toEqual(["main"]);
  });

  it("checks out full history, sets the affected base with nx-set-shas, restores the cache, installs with npm ci, then runs one affected call", () => {
    const checkout = index(steps, (s) => /^actions\/checkout@/.test(s.uses ?? ""));
    const shas = index(steps, (s) => /^nrwl\/nx-set-shas@/.test(s.uses ?? ""));
    const cache = index(steps, (s) => /^actions\/cache@/.test(s.uses ?? ""));
    const install = index(steps, (s) => s.run?.trim() === "npm ci");
    const affectedSteps = steps.filter((s) => /\bnx affected\b/.test(s.run ?? ""));
    expect(steps[checkout].with?.["fetch-depth"]).toBe(0);
    expect(affectedSteps).toHaveLength(1);
    expect(affectedSteps[0].run).toMatch(/^npx nx affected -t lint typecheck test synth\b/);
    const affected = steps.indexOf(affectedSteps[0]);
    expect([checkout, shas, cache, install, affected].every((i, k, all) => i >= 0 && (k === 0 || i > all[k - 1]))).toBe(true);
    expect(ci.permissions).toMatchObject({ contents: "read", actions: "read" });
  });

  it("plans the affected sites in staging and prod on pull requests, through the publisher CLI, with the summary in the job summary", () => {
    const plan = ci.jobs.plan;
    expect(plan.needs).toBe("affected");
    expect(plan.if).toContain("github.event_name == 'pull_request'");
    expect(plan.strategy?.matrix.env).toEqual(["staging", "prod"]);
    const planStep = plan.steps.find((s) => s.run?.includes("libs/tfc/src/cli.ts plan"));
    expect(planStep?.run).toContain('--site="$SITES" --create');
    expect(planStep?.run).toContain('--json="plan-${{ matrix.env }}.json"');
    const summary = plan.steps.find((s) => s.run?.includes("libs/tfc/src/cli.ts summary"));
    expect(summary?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(summary?.if).toMatch(/^always\(\)/);
    expect(ci.jobs.affected.outputs?.sites).toBe("${{ steps.sites.outputs.sites }}");
  });

  it("runs terraform validate and checkov through the tested tool, not shell logic", () => {
    const checks = ci.jobs["terraform-checks"];
    expect(checks.steps.map((s) => s.run ?? "").filter((r) => r.includes("tools/terraform-checks.ts")).map((r) => r.match(/terraform-checks\.ts (\w+)/)?.[1])).toEqual(["validate", "checkov"]);
  });

  it("hands the Terraform Cloud token to the plan job only", () => {
    const withToken = Object.entries(ci.jobs).filter(([, j]) => JSON.stringify(j).includes("secrets."));
    expect(withToken.map(([name]) => name)).toEqual(["plan"]);
    expect(ci.jobs.plan.env?.TF_TOKEN_app_terraform_io).toBe("${{ secrets.TF_API_TOKEN }}");
    expect(JSON.stringify(ci.env ?? {})).not.toContain("secrets.");
  });
});

describe("deliver.yml: main to production", () => {
  it("runs on pushes to main, one delivery at a time, never cancelled halfway", () => {
    expect(Object.keys(deliver.on)).toEqual(["push"]);
    expect(deliver.on.push?.branches).toEqual(["main"]);
    expect(deliver.concurrency).toEqual({ group: "deliver", "cancel-in-progress": false });
  });

  it("synthesizes once and uploads cdktf.out; staging and prod download that artifact and never synthesize", () => {
    expect(Object.keys(deliver.jobs)).toEqual(["synth", "staging", "prod"]);
    const synth = deliver.jobs.synth.steps;
    expect(synth.find((s) => s.run === "npm run synth")?.env).toEqual({ EDGE_ENVS: "staging,prod" });
    expect(synth.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with).toMatchObject({ name: "cdktf-out", path: "cdktf.out" });
    for (const job of ["staging", "prod"]) {
      const steps = deliver.jobs[job].steps;
      expect(steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))?.with).toEqual({ name: "cdktf-out", path: "cdktf.out" });
      expect(steps.some((s) => /synth/.test(s.run ?? ""))).toBe(false);
    }
  });

  it("applies staging, then prod behind the production environment, each waiting for its runs through tfc apply", () => {
    expect(deliver.jobs.staging).toMatchObject({ needs: "synth", environment: "staging" });
    expect(deliver.jobs.prod).toMatchObject({ needs: "staging", environment: "production" });
    for (const [job, env] of [["staging", "staging"], ["prod", "prod"]]) {
      const apply = deliver.jobs[job].steps.find((s) => s.run?.includes("libs/tfc/src/cli.ts apply"));
      // Runs queued by run triggers on the previous configuration are superseded, not waited for.
      expect(apply?.run).toContain(`apply --env=${env} --create --discard-pending --stacks-dir=cdktf.out`);
      expect(apply?.run).toContain(`--json=apply-${env}.json`);
      expect(deliver.jobs[job].env?.TF_TOKEN_app_terraform_io).toBe("${{ secrets.TF_API_TOKEN }}");
    }
    expect(JSON.stringify(deliver.jobs.synth)).not.toContain("secrets.");
  });
});

describe("preview.yml: a pull request's own environment", () => {
  const { apply, destroy, fork } = preview.jobs;
  const step = (job: Job, pred: (s: Step) => boolean) => {
    const found = job.steps.filter(pred);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const tfcStep = (job: Job, command: string) => step(job, (s) => (s.run ?? "").includes(`libs/tfc/src/cli.ts ${command}`));
  const FROM_HERE = "github.event.pull_request.head.repo.full_name == github.repository";

  it("runs on label changes, pushes, reopening and closing of pull requests, one apply or destroy per pull request at a time", () => {
    expect(preview.on).toEqual({ pull_request: { types: ["labeled", "unlabeled", "synchronize", "reopened", "closed"] } });
    // On the jobs: a run whose jobs are all skipped (another label) must not replace a waiting destroy.
    expect(preview.concurrency).toBeUndefined();
    for (const job of [apply, destroy]) {
      expect(job.concurrency).toEqual({ group: "preview-${{ github.event.pull_request.number }}", "cancel-in-progress": false });
    }
    expect(fork.concurrency).toBeUndefined();
    expect(preview.env?.PREVIEW_ENV).toBe("pr-${{ github.event.pull_request.number }}");
    expect(Object.keys(preview.jobs)).toEqual(["apply", "destroy", "fork"]);
  });

  it("reads the repository and nothing else; the token is a secret of the preview environment, on the publisher steps only", () => {
    expect(preview.permissions).toEqual({ contents: "read" });
    expect([apply.environment, destroy.environment, fork.environment]).toEqual(["preview", "preview", undefined]);
    for (const job of [apply, destroy]) {
      const withSecrets = job.steps.filter((s) => JSON.stringify(s).includes("secrets."));
      expect(withSecrets.map((s) => s.env)).toEqual([{ TF_TOKEN_app_terraform_io: "${{ secrets.TF_API_TOKEN }}" }]);
      expect(withSecrets[0].run).toMatch(/libs\/tfc\/src\/cli\.ts (apply|destroy) /);
      expect(JSON.stringify(job.env ?? {})).not.toContain("secrets.");
      for (const checkout of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect(checkout.with?.["persist-credentials"]).toBe(false);
      }
    }
    expect(JSON.stringify(fork)).not.toContain("secrets.");
    expect(JSON.stringify(preview.env)).not.toContain("secrets.");
  });

  it("applies a labelled, open pull request from this repository: synth pr-<n>, tfc apply --create, the summary", () => {
    expect(apply.if).toBe(
      [
        "github.event.pull_request.state == 'open' && github.event.action != 'unlabeled'",
        "&& contains(github.event.pull_request.labels.*.name, 'preview')",
        "&& (github.event.action != 'labeled' || github.event.label.name == 'preview')",
        `&& ${FROM_HERE}`,
      ].join(" "),
    );
    const synth = step(apply, (s) => s.run === "npm run synth");
    expect(synth.env).toEqual({ EDGE_ENVS: "${{ env.PREVIEW_ENV }}" });
    const run = tfcStep(apply, "apply");
    expect(run.run).toBe(
      'node --import tsx libs/tfc/src/cli.ts apply --env="$PREVIEW_ENV" --create --discard-pending --stacks-dir=cdktf.out ' +
        '--message="pull request ${{ github.event.pull_request.number }} at ${{ github.event.pull_request.head.sha }}" --json=apply-preview.json',
    );
    const summary = tfcStep(apply, "summary");
    expect(summary).toMatchObject({
      if: "always() && hashFiles('apply-preview.json') != ''",
      run: 'node --import tsx libs/tfc/src/cli.ts summary apply-preview.json >> "$GITHUB_STEP_SUMMARY"',
    });
    const order = [(s: Step) => s.run === "npm ci", (s: Step) => s === synth, (s: Step) => s === run, (s: Step) => s === summary].map((p) => index(apply.steps, p));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
  });

  it("destroys on closing a labelled pull request or removing the label: every workspace of pr-<n>, deleted, from the base branch's code", () => {
    expect(destroy.if).toBe(
      [
        "((github.event.action == 'closed' && contains(github.event.pull_request.labels.*.name, 'preview'))",
        "|| (github.event.action == 'unlabeled' && github.event.label.name == 'preview'))",
        `&& ${FROM_HERE}`,
      ].join(" "),
    );
    expect(step(destroy, (s) => !!s.uses?.startsWith("actions/checkout@")).with).toEqual({
      ref: "${{ github.event.pull_request.base.ref }}",
      "persist-credentials": false,
    });
    expect(destroy.steps.some((s) => /synth/.test(s.run ?? ""))).toBe(false);
    expect(tfcStep(destroy, "destroy").run).toBe(
      'node --import tsx libs/tfc/src/cli.ts destroy --env="$PREVIEW_ENV" --all-workspaces --delete-workspaces --discard-pending ' +
        '--message="pull request ${{ github.event.pull_request.number }} ${{ github.event.action }}" --json=destroy-preview.json',
    );
    expect(tfcStep(destroy, "summary")).toMatchObject({
      if: "always() && hashFiles('destroy-preview.json') != ''",
      run: 'node --import tsx libs/tfc/src/cli.ts summary destroy-preview.json >> "$GITHUB_STEP_SUMMARY"',
    });
  });

  it("tells a labelled pull request from a fork that it gets no preview, and runs nothing else for it", () => {
    expect(fork.if).toBe("contains(github.event.pull_request.labels.*.name, 'preview') && github.event.pull_request.head.repo.full_name != github.repository");
    expect(fork.steps).toHaveLength(1);
    expect(fork.steps[0].env?.MESSAGE).toBe(
      "pull requests from forks get no secrets, so pr-${{ github.event.pull_request.number }} is neither applied nor destroyed; push the branch to this repository to preview it",
    );
    expect(fork.steps[0].run).toBe('echo "::notice title=No preview environment::$MESSAGE"\necho "$MESSAGE" >> "$GITHUB_STEP_SUMMARY"\n');
  });

  describe("its publisher commands are ones the CLI takes", () => {
    /** The step's command for pull request 7, as the runner's shell would split it. */
    const argv = (run: string) => {
      const line = run
        .replace(/\$\{\{ github\.event\.pull_request\.number \}\}/g, "7")
        .replace(/\$\{\{ github\.event\.pull_request\.head\.sha \}\}/g, "0123abc")
        .replace(/\$\{\{ github\.event\.action \}\}/g, "closed")
        .replace(/\$PREVIEW_ENV/g, "pr-7");
      expect(line).not.toMatch(/\$\{\{|\$[A-Z]/);
      const words = [...line.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ""));
      expect(words.slice(0, 4)).toEqual(["node", "--import", "tsx", "libs/tfc/src/cli.ts"]);
      return words.slice(4);
    };
    const run = async (args: string[]) => {
      let stdout = "";
      let stderr = "";
      const code = await runTfcCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd: root });
      return { code, stdout, stderr };
    };

    it("destroy: lists pr-7's workspaces in the preview project (dry run)", async () => {
      const { code, stdout, stderr } = await run([...argv(tfcStep(destroy, "destroy").run!), "--dry-run"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain(
        "dry run of tfc destroy --all-workspaces: nothing is sent (the workspaces of pr-7 in app.terraform.io/edge-blueprints, project edge-preview, auto-apply: false)",
      );
      expect(stdout).toContain("then, per workspace, readers first: a destroy run on its current configuration, confirmed and applied, then a safe delete");
    });

    it("apply: takes pr-7 as an environment Terraform Cloud delivers, and asks for its synthesized stacks", async () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-preview-wf-"));
      try {
        const args = argv(tfcStep(apply, "apply").run!).map((a) => (a === "--stacks-dir=cdktf.out" ? `--stacks-dir=${outdir}` : a));
        const { code, stderr } = await run([...args, "--dry-run"]);
        expect(code).toBe(1);
        expect(stderr).toBe(
          [`tfc: error EDGE_TFC_STACK at ${path.join(outdir, "stacks")}`, "  no synthesized stacks of environment pr-7", '  value: "pr-7"', "  fix:   run EDGE_ENVS=pr-7 npm run synth first", ""].join("\n"),
        );
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
});
