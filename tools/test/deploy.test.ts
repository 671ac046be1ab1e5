import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { atLeast, deployMain, type DeployIo, type SiteAction } from "../src/deploy";

const root = path.resolve(__dirname, "../..");

/** A throwaway repository with two sites and, optionally, a synthesized stack that reads the hub. */
function fakeRepo(opts: { hubState?: boolean } = {}): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "edge-deploy-"));
  for (const site of ["region-hub", "local-zone-bos"]) {
    fs.mkdirSync(path.join(repo, "apps", site, "src"), { recursive: true });
    fs.writeFileSync(path.join(repo, "apps", site, "src", "main.ts"), "");
  }
  const stack = path.join(repo, "cdktf.out", "stacks", "local-zone-bos-dev");
  fs.mkdirSync(stack, { recursive: true });
  fs.writeFileSync(
    path.join(stack, "cdk.tf.json"),
    JSON.stringify({
      provider: { aws: [{ default_tags: [{ tags: { site: "local-zone-bos", environment: "dev" } }] }] },
      data: { terraform_remote_state: { "region-hub-outputs": { backend: "local", config: { path: "../../../state/region-hub/dev.tfstate" } } } },
    }),
  );
  if (opts.hubState) {
    fs.mkdirSync(path.join(repo, "state", "region-hub"), { recursive: true });
    fs.writeFileSync(path.join(repo, "state", "region-hub", "dev.tfstate"), "{}");
  }
  return repo;
}

function deploy(argv: string[], io: Partial<DeployIo> = {}, action: SiteAction = "deploy") {
  let stdout = "";
  let stderr = "";
  const calls: { command: string; args: readonly string[]; env: Record<string, string>; cwd: string }[] = [];
  const code = deployMain(argv, {
    repoRoot: root,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    terraformVersion: () => "1.10.5",
    run: (command, args, env, cwd) => {
      calls.push({ command, args, env, cwd });
      return 0;
    },
    ...io,
  }, action);
  return { code, stdout, stderr, calls };
}

describe("deploy (nx run <site>:deploy --env=<env>)", () => {
  const synthCall = (env: string) => ({
    command: process.execPath,
    args: [path.join(root, "tools", "bin", "synth.js")],
    env: { EDGE_SITES: "region-hub", EDGE_ENVS: env },
    cwd: root,
  });

  it("synthesizes only that site and environment, then runs cdktf deploy <site>-<env> --skip-synth from the root", () => {
    const { code, calls, stderr } = deploy(["--site=region-hub", "--env=dev", "--auto-approve"]);
    expect(code).toBe(0);
    expect(calls).toEqual([
      synthCall("dev"),
      {
        command: path.join(root, "node_modules", ".bin", "cdktf"),
        args: ["deploy", "region-hub-dev", "--skip-synth", "--auto-approve"],
        env: { EDGE_SITES: "region-hub", EDGE_ENVS: "dev" },
        cwd: root,
      },
    ]);
    expect(stderr).toContain("EDGE_SITES=region-hub EDGE_ENVS=dev node tools/bin/synth.js\n");
    expect(stderr).toContain("EDGE_SITES=region-hub EDGE_ENVS=dev cdktf deploy region-hub-dev --skip-synth --auto-approve\n");
  });

  it("synthesizes an ad-hoc environment it deploys, and stops when that synth fails", () => {
    const ok = deploy(["--site=region-hub", "--env=feature-42"]);
    expect(ok.calls[0]).toEqual(synthCall("feature-42"));
    const ran: string[] = [];
    const failed = deploy(["--site=region-hub", "--env=feature-42"], { run: (command) => (ran.push(command), 1) });
    expect(failed.code).toBe(1);
    expect(ran).toEqual([process.execPath]); // cdktf never ran
  });

  it("plans with diff and destroys with destroy, each on the freshly synthesized stack", () => {
    const diff = deploy(["--site=region-hub", "--env=dev"], {}, "diff");
    expect(diff.calls.map((c) => c.args)).toEqual([synthCall("dev").args, ["diff", "region-hub-dev", "--skip-synth"]]);
    expect(deploy(["--site=region-hub", "--env=dev", "--auto-approve"], {}, "diff").stderr).toMatch(
      /error EDGE_DEPLOY_ARGS at arguments\n {2}unknown option '--auto-approve'/,
    );
    const destroy = deploy(["--site=region-hub", "--env=dev", "--auto-approve"], {}, "destroy");
    expect(destroy.calls.map((c) => c.args)).toEqual([synthCall("dev").args, ["destroy", "region-hub-dev", "--skip-synth", "--auto-approve"]]);
  });

  // region-hub is homed in the environment's Region and in us-west-2 (the shipped catalog's
  // network.regions): one stack per home, `region-hub-<env>` and `region-hub-us-west-2-<env>`.
  it("acts on a site's stack in another home Region with --region, and says which stacks a site has", () => {
    const west = deploy(["--site=region-hub", "--env=dev", "--region=us-west-2"], {}, "diff");
    expect(west.code).toBe(0);
    expect(west.calls.map((c) => c.args)).toEqual([synthCall("dev").args, ["diff", "region-hub-us-west-2-dev", "--skip-synth"]]);
    expect(deploy(["--site=region-hub", "--env=dev", "--dry-run"]).stdout).toContain(
      "note: region-hub has 2 stacks in dev; this runs region-hub-dev (us-east-1); the others: region-hub-us-west-2-dev (--region=us-west-2)",
    );
    const nowhere = deploy(["--site=region-hub", "--env=dev", "--region=eu-west-1"]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain(
      [
        "deploy: error EDGE_DEPLOY_REGION at --region",
        "  region-hub has no home in eu-west-1 in environment dev",
        '  value: "eu-west-1"',
        "  fix:   use --region=us-east-1 or --region=us-west-2, or add region-hub to that Region's plan in the environment catalog",
      ].join("\n"),
    );
    expect(nowhere.calls).toEqual([]);
  });

  it("names the --region of a producer homed in another Region in the deploy-order fix", () => {
    const repo = fakeRepo();
    fs.mkdirSync(path.join(repo, "apps", "local-zone-lax", "src"), { recursive: true });
    fs.writeFileSync(path.join(repo, "apps", "local-zone-lax", "src", "main.ts"), "");
    const stack = path.join(repo, "cdktf.out", "stacks", "local-zone-lax-dev");
    fs.mkdirSync(stack, { recursive: true });
    fs.writeFileSync(
      path.join(stack, "cdk.tf.json"),
      JSON.stringify({
        provider: { aws: [{ default_tags: [{ tags: { site: "local-zone-lax", environment: "dev" } }] }] },
        data: { terraform_remote_state: { "region-hub-outputs": { backend: "local", config: { path: "../../../state/region-hub-us-west-2/dev.tfstate" } } } },
      }),
    );
    const refused = deploy(["--site=local-zone-lax", "--env=dev"], { repoRoot: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("fix:   deploy region-hub-us-west-2 first (npx nx run region-hub:deploy --env=dev --region=us-west-2)");
  });

  it("prints the command and runs nothing on --dry-run", () => {
    const { code, calls, stdout } = deploy(["--site=region-hub", "--env=feature-42", "--dry-run"]);
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(stdout).toContain("dry run: would run EDGE_SITES=region-hub EDGE_ENVS=feature-42 node tools/bin/synth.js\n");
    expect(stdout).toContain("         then EDGE_SITES=region-hub EDGE_ENVS=feature-42 cdktf deploy region-hub-feature-42 --skip-synth\n");
    expect(stdout).toContain("terraform: 1.10.5");
    expect(stdout).toContain("feature-42 is an ad-hoc environment");
  });

  it.each([
    [["--site=region-hub"], /error EDGE_DEPLOY_ARGS at --env\n {2}no environment given/],
    [["--site=region-hub", "--env=Prod"], /error EDGE_ENV_NAME at EDGE_ENVS\n {2}not a valid environment name/],
    [["--site=region-hubb", "--env=dev"], /error EDGE_DEPLOY_SITE at --site\n {2}no site named region-hubb\n.*\n {2}fix: {3}use one of .*region-hub/],
    [["--site=region-hub", "--env=dev", "--force"], /error EDGE_DEPLOY_ARGS at arguments\n {2}unknown option '--force'/],
  ])("rejects %j without a stack trace", (argv, message) => {
    const { code, stderr, calls } = deploy(argv);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(calls).toEqual([]);
  });

  it("needs terraform 1.10 or newer", () => {
    expect(deploy(["--site=region-hub", "--env=dev"], { terraformVersion: () => "1.9.8" }).stderr).toMatch(
      /error EDGE_DEPLOY_TERRAFORM at terraform\n {2}terraform 1.9.8 is too old/,
    );
    expect(deploy(["--site=region-hub", "--env=dev"], { terraformVersion: () => undefined }).stderr).toMatch(/terraform is not installed or not on PATH/);
    expect(atLeast("1.10.0", [1, 10])).toBe(true);
    expect(atLeast("v1.11.0-beta1", [1, 10])).toBe(true);
    expect(atLeast("2.0.0", [1, 10])).toBe(true);
    expect(atLeast("1.9.9", [1, 10])).toBe(false);
  });

  it("deploys the hub first: an edge site whose producer has no local state yet is refused", () => {
    const repo = fakeRepo();
    const refused = deploy(["--site=local-zone-bos", "--env=dev"], { repoRoot: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error EDGE_DEPLOY_ORDER at local-zone-bos-dev\n {2}local-zone-bos-dev reads the outputs of region-hub, which has no state in dev yet/);
    expect(refused.stderr).toContain("fix:   deploy region-hub first (npx nx run region-hub:deploy --env=dev)");
    expect(refused.calls.map((c) => c.command)).toEqual([process.execPath]); // the synth, not cdktf

    const readyRepo = fakeRepo({ hubState: true });
    const ready = deploy(["--site=local-zone-bos", "--env=dev"], { repoRoot: readyRepo });
    expect(ready.code).toBe(0);
    expect(ready.calls.map((c) => c.args[0])).toEqual([path.join(readyRepo, "tools", "bin", "synth.js"), "deploy"]);
  });

  it("destroys the readers first: the hub is refused while an edge site that reads it has local state", () => {
    const repo = fakeRepo({ hubState: true });
    const hub = path.join(repo, "cdktf.out", "stacks", "region-hub-dev");
    fs.mkdirSync(hub, { recursive: true });
    fs.writeFileSync(path.join(hub, "cdk.tf.json"), JSON.stringify({ provider: { aws: [{ default_tags: [{ tags: { site: "region-hub", environment: "dev" } }] }] } }));
    fs.mkdirSync(path.join(repo, "state", "local-zone-bos"), { recursive: true });
    fs.writeFileSync(path.join(repo, "state", "local-zone-bos", "dev.tfstate"), "{}");
    const refused = deploy(["--site=region-hub", "--env=dev"], { repoRoot: repo }, "destroy");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error EDGE_DESTROY_ORDER at region-hub-dev\n {2}local-zone-bos still reads the outputs of region-hub-dev/);
    expect(refused.stderr).toContain("fix:   destroy local-zone-bos first (npx nx run local-zone-bos:destroy --env=dev)");
    fs.rmSync(path.join(repo, "state", "local-zone-bos", "dev.tfstate"));
    expect(deploy(["--site=region-hub", "--env=dev"], { repoRoot: repo }, "destroy").code).toBe(0);
  });

  // The target synthesizes the stack itself and then deploys it (docs/deploy.md: "synthesize that
  // one site and environment ... then run from the repository root"), and "both `deploy` and
  // `tfc publish` refuse such a stack": the placeholders that count are those of that fresh synth,
  // not of whatever an earlier synth left in cdktf.out (none on a fresh checkout).
  it("refuses the placeholders of the stack it just synthesized, not those of an earlier synth", () => {
    const list = (repo: string) => path.join(repo, "cdktf.out", "stacks", "local-zone-bos-dev", "placeholders.json");
    const report = JSON.stringify({
      stack: "local-zone-bos-dev",
      site: "local-zone-bos",
      placeholders: [{ path: "environments.dev.dns.hostedZoneId", what: "hosted zone id" }],
    });
    // A fresh checkout: no earlier synth; this synth writes the placeholder list.
    const fresh = fakeRepo({ hubState: true });
    fs.rmSync(path.join(fresh, "cdktf.out"), { recursive: true });
    const synthWrites = (repo: string, content: string | undefined) => (command: string) => {
      if (command === process.execPath) {
        fs.mkdirSync(path.dirname(list(repo)), { recursive: true });
        fs.writeFileSync(path.join(path.dirname(list(repo)), "cdk.tf.json"), JSON.stringify({ provider: { aws: [{ default_tags: [{ tags: { site: "local-zone-bos", environment: "dev" } }] }] } }));
        if (content) fs.writeFileSync(list(repo), content);
        else fs.rmSync(list(repo), { force: true });
      }
      return 0;
    };
    const ranFresh: string[] = [];
    const refused = deploy(["--site=local-zone-bos", "--env=dev"], { repoRoot: fresh, run: (c) => (ranFresh.push(c), synthWrites(fresh, report)(c)) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("deploy: error EDGE_PLACEHOLDER at environments.dev.dns.hostedZoneId\n");
    expect(ranFresh).toEqual([process.execPath]); // the synth ran, cdktf did not
    // The value was set since the last synth: this synth lists no placeholder, so deploy goes on.
    const fixed = fakeRepo({ hubState: true });
    fs.writeFileSync(list(fixed), report);
    const ranFixed: string[] = [];
    const deployed = deploy(["--site=local-zone-bos", "--env=dev"], { repoRoot: fixed, run: (c) => (ranFixed.push(c), synthWrites(fixed, undefined)(c)) });
    expect(deployed.stderr).not.toContain("EDGE_PLACEHOLDER");
    expect(deployed.code).toBe(0);
    expect(ranFixed).toEqual([process.execPath, path.join(fixed, "node_modules", ".bin", "cdktf")]);
  });

  // A placeholder (a hosted zone id never filled in) would reach AWS as a value that matches
  // nothing; synth lists them in placeholders.json and deploy refuses the stack.
  it("refuses a stack that still holds a placeholder, naming the config path to fill", () => {
    const repo = fakeRepo({ hubState: true });
    fs.writeFileSync(
      path.join(repo, "cdktf.out", "stacks", "local-zone-bos-dev", "placeholders.json"),
      JSON.stringify({
        stack: "local-zone-bos-dev",
        site: "local-zone-bos",
        placeholders: [{ path: "environments.dev.dns.hostedZoneId", what: "hosted zone id" }],
      }),
    );
    for (const argv of [["--site=local-zone-bos", "--env=dev"], ["--site=local-zone-bos", "--env=dev", "--dry-run"]]) {
      const { code, stderr, calls } = deploy(argv, { repoRoot: repo });
      expect(code).toBe(1);
      // The run synthesizes first (here a synth that leaves the list as it was); --dry-run runs nothing.
      expect(calls.map((c) => c.command)).toEqual(argv.includes("--dry-run") ? [] : [process.execPath]);
      expect(stderr).toBe(
        [
          ...(argv.includes("--dry-run") ? [] : ["EDGE_SITES=local-zone-bos EDGE_ENVS=dev node tools/bin/synth.js"]),
          "deploy: error EDGE_PLACEHOLDER at environments.dev.dns.hostedZoneId",
          "  local-zone-bos-dev still holds a placeholder for the hosted zone id, so deploy would send a value that matches nothing real",
          '  value: "PLACEHOLDER(hosted zone id)"',
          "  fix:   set environments.dev.dns.hostedZoneId of site local-zone-bos (apps/local-zone-bos/src/site.ts) to the real hosted zone id, then synth again",
          "",
        ].join("\n"),
      );
    }
  });
});
