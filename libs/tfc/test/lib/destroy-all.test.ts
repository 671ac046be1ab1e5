/**
 * `tfc destroy --env=pr-<n> --all-workspaces --delete-workspaces`: what the preview workflow runs
 * when a pull request closes. No synthesized stacks: the workspaces come from Terraform Cloud.
 *
 * Contract (HCP Terraform API reference and go-tfe):
 * - workspaces#list-workspaces: `GET /organizations/:org/workspaces`, `page[number]`, `page[size]`
 *   (at most 100), `meta.pagination.next-page`; go-tfe workspace.go WorkspaceListOptions:
 *   `search[wildcard-name]` (a leading or trailing `*`) and `filter[project][id]`.
 * - run-triggers#list-run-triggers: `filter[run-trigger][type]=inbound` lists the workspaces whose
 *   applied runs queue this one's: the producers `--create` linked it to.
 * - workspaces#safe-delete-a-workspace: `POST /workspaces/:id/actions/safe-delete`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CliIo } from "../../src/lib/cli";
import { runCli } from "../support/run-cli";
import { FakeTfc } from "../support/fake-tfc";
import { makeOutdir, remoteRead } from "../support/stacks";

const TOKEN = "destroy-all-token.atlasv1.c0ffee";
const ORG = "edge-blueprints";
const described = (site: string, env = "pr-7") => ({ description: `edge-blueprints site ${site}, environment ${env}` });

const cli = (argv: string[], io: Partial<CliIo> = {}) => runCli(argv, TOKEN, io);

describe("tfc destroy --all-workspaces", () => {
  let fake: FakeTfc;
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    const workspaces = [
      "edge-region-hub-pr-7",
      "edge-local-zone-bos-pr-7",
      "edge-global-dns-pr-7",
      // Not pr-7's: another pull request, another project, made by hand, another environment.
      "edge-region-hub-pr-17",
      "edge-other-pr-7",
      "edge-manual-pr-7",
      "edge-region-hub-qa-pr-7",
    ];
    fake = new FakeTfc({
      token: TOKEN,
      organization: ORG,
      workspaces,
      workspaceAttributes: {
        "edge-region-hub-pr-7": described("region-hub"),
        "edge-local-zone-bos-pr-7": described("local-zone-bos"),
        "edge-global-dns-pr-7": described("global-dns"),
        "edge-region-hub-pr-17": described("region-hub", "pr-17"),
        "edge-other-pr-7": described("other"),
        "edge-region-hub-qa-pr-7": described("region-hub", "qa-pr-7"),
      },
      workspaceProjects: Object.fromEntries(workspaces.map((w) => [w, w === "edge-other-pr-7" ? "prj-other" : "prj-preview"])),
      projects: { "edge-preview": "prj-preview", "edge-other": "prj-other" },
      runStatuses: ["planning", "planned"],
      listPageSize: 2,
    });
    await fake.start();
    for (const [name, ws] of fake.workspaces) ids[name] = ws.id;
    // What --create linked: the Local Zone reads the hub, global DNS reads both.
    fake.runTriggers.push(
      { workspaceId: ids["edge-local-zone-bos-pr-7"], sourceId: ids["edge-region-hub-pr-7"] },
      { workspaceId: ids["edge-global-dns-pr-7"], sourceId: ids["edge-region-hub-pr-7"] },
      { workspaceId: ids["edge-global-dns-pr-7"], sourceId: ids["edge-local-zone-bos-pr-7"] },
    );
  });
  afterEach(() => fake.stop());
  const args = () => ["destroy", "--env=pr-7", "--all-workspaces", "--delete-workspaces", `--address=${fake.address}`];

  it("destroys every workspace the publisher created for pr-7 in the preview project, readers first, then deletes them", async () => {
    const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edge-destroy-all-")), "destroy.json");
    const { code, stdout, stderr } = await cli([...args(), `--json=${record}`]);
    expect(stderr).not.toContain("FAILED");
    expect(code).toBe(0);
    // Every page of the listing, 2 a page here (meta.pagination.next-page).
    expect(fake.calls("GET", /\/organizations\/edge-blueprints\/workspaces\?/).map((r) => r.path)).toEqual(
      [1, 2, 3].map(
        (n) =>
          `/api/v2/organizations/edge-blueprints/workspaces?search%5Bwildcard-name%5D=*-pr-7&filter%5Bproject%5D%5Bid%5D=prj-preview&page%5Bnumber%5D=${n}&page%5Bsize%5D=100`,
      ),
    );
    const runs = fake.calls("POST", /^\/api\/v2\/runs$/);
    expect(runs.map((r) => [r.json.data.attributes.message, r.json.data.attributes["is-destroy"], r.json.data.relationships["configuration-version"]])).toEqual([
      ["edge-blueprints destroy of global-dns-pr-7", true, undefined],
      ["edge-blueprints destroy of local-zone-bos-pr-7", true, undefined],
      ["edge-blueprints destroy of region-hub-pr-7", true, undefined],
    ]);
    expect(fake.deleted).toEqual(["edge-global-dns-pr-7", "edge-local-zone-bos-pr-7", "edge-region-hub-pr-7"]);
    expect([...fake.workspaces.keys()].sort()).toEqual(["edge-manual-pr-7", "edge-other-pr-7", "edge-region-hub-pr-17", "edge-region-hub-qa-pr-7"]);
    expect(stderr).toContain(
      'note: left alone: workspace edge-manual-pr-7, whose description "" is not "edge-blueprints site manual, environment pr-7" (the publisher did not create it for pr-7)',
    );
    expect(stderr).toContain(
      'note: left alone: workspace edge-region-hub-qa-pr-7, whose description "edge-blueprints site region-hub, environment qa-pr-7" is not "edge-blueprints site region-hub-qa, environment pr-7" (the publisher did not create it for pr-7)',
    );
    expect(stderr).toContain("tfc destroy: 3 workspaces of pr-7 in app.terraform.io/edge-blueprints, project edge-preview (token from TF_TOKEN_app_terraform_io)");
    expect(stdout).toMatch(/global-dns-pr-7 +edge-global-dns-pr-7 +- +run-\d+ +\+1 ~0 -0 +applied, workspace deleted/);
    expect(stdout).toContain("published 3 stacks");
    expect(stdout).not.toContain(TOKEN);
    const summary = await cli(["summary", record]);
    expect(summary.stdout.split("\n").slice(0, 1)).toEqual(["### Terraform Cloud destroy: pr-7 (edge-blueprints)"]);
  });

  it("finds nothing to destroy the second time, and succeeds", async () => {
    expect((await cli(args())).code).toBe(0);
    const again = await cli(args());
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("no workspace of pr-7 in app.terraform.io/edge-blueprints, project edge-preview: nothing to destroy\n");
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)).toHaveLength(3);
  });

  it("fails when a destroy fails, and leaves the producers of the failed reader", async () => {
    await fake.stop();
    fake = new FakeTfc({
      token: TOKEN,
      organization: ORG,
      workspaces: ["edge-region-hub-pr-7", "edge-local-zone-bos-pr-7"],
      workspaceAttributes: { "edge-region-hub-pr-7": described("region-hub"), "edge-local-zone-bos-pr-7": described("local-zone-bos") },
      workspaceProjects: { "edge-region-hub-pr-7": "prj-preview", "edge-local-zone-bos-pr-7": "prj-preview" },
      projects: { "edge-preview": "prj-preview" },
      runStatuses: ["planning", "errored"],
    });
    await fake.start();
    const hub = fake.workspaces.get("edge-region-hub-pr-7")!.id;
    fake.runTriggers.push({ workspaceId: fake.workspaces.get("edge-local-zone-bos-pr-7")!.id, sourceId: hub });
    const { code, stdout } = await cli(args());
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n {2}local-zone-bos-pr-7: EDGE_TFC_RUN_FAILED: run run-\d+ in workspace edge-local-zone-bos-pr-7 ended errored: /);
    expect(stdout).toContain("\n  region-hub-pr-7: EDGE_TFC_SKIPPED: not destroyed: local-zone-bos failed; fix: fix local-zone-bos-pr-7 first, then run again\n");
    expect(fake.deleted).toEqual([]);
  });

  it("says what it would send on --dry-run, and sends nothing", async () => {
    const { code, stdout } = await cli([...args(), "--dry-run"]);
    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(stdout.split("\n")).toEqual([
      "dry run of tfc destroy --all-workspaces: nothing is sent (the workspaces of pr-7 in app.terraform.io/edge-blueprints, project edge-preview, auto-apply: false)",
      "token: found in TF_TOKEN_app_terraform_io",
      `  GET  ${fake.address}/api/v2/organizations/edge-blueprints/projects?filter[names]=edge-preview`,
      `  GET  ${fake.address}/api/v2/organizations/edge-blueprints/workspaces?search[wildcard-name]=*-pr-7&filter[project][id]=<project id>&page[number]=1&page[size]=100   (and each next page)`,
      '       keeps edge-<site>-pr-7 whose description is "edge-blueprints site <site>, environment pr-7" (the workspaces the publisher created)',
      `  GET  ${fake.address}/api/v2/workspaces/<workspace id>/run-triggers?filter[run-trigger][type]=inbound   (each kept workspace: the sites it reads, which are destroyed after it)`,
      "then, per workspace, readers first: a destroy run on its current configuration, confirmed and applied, then a safe delete",
      "",
    ]);
  });

  it("lists in the organization asked for when it is not the backend's", async () => {
    const { code, stdout, stderr } = await cli([...args(), "--organization=acme", "--workspace-prefix=sites", "--dry-run"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`  GET  ${fake.address}/api/v2/organizations/acme/workspaces?search[wildcard-name]=*-pr-7&filter[project][id]=<project id>&page[number]=1&page[size]=100   (and each next page)`);
    expect(stdout).toContain('       keeps sites-<site>-pr-7 whose description is "edge-blueprints site <site>, environment pr-7"');
  });

  it.each([
    [["apply", "--env=pr-7", "--all-workspaces"], "tfc: error EDGE_TFC_ARGS at --all-workspaces\n  only destroy takes the workspaces Terraform Cloud lists\n  value: true\n  fix:   use tfc destroy --all-workspaces\n"],
    [
      ["destroy", "--env=pr-7", "--all-workspaces", "--site=region-hub"],
      'tfc: error EDGE_TFC_ARGS at --site\n  --all-workspaces destroys every workspace of the environment\n  value: "region-hub"\n  fix:   drop --site, or drop --all-workspaces to destroy the synthesized stacks of those sites\n',
    ],
  ])("refuses %j", async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(1);
    expect(stderr).toBe(message);
  });
});

describe("a pull request preview, from apply --create to destroy --all-workspaces", () => {
  it("creates pr-7's workspaces in the preview project, linked readers to producers, and removes every one of them", async () => {
    const outdir = makeOutdir([
      { site: "region-hub", env: "pr-7" },
      { site: "local-zone-bos", env: "pr-7", reads: [remoteRead("region-hub", "pr-7")] },
    ]);
    const fake = new FakeTfc({ token: TOKEN, organization: ORG, projects: { "edge-preview": "prj-preview" }, runStatuses: ["planning", "planned"] });
    await fake.start();
    try {
      const apply = await cli(["apply", "--env=pr-7", "--create", "--discard-pending", `--stacks-dir=${outdir}`, `--address=${fake.address}`]);
      expect(apply.code).toBe(0);
      const created = fake.calls("POST", /\/organizations\/edge-blueprints\/workspaces$/).map((r) => r.json.data);
      expect(created.map((d) => [d.attributes.name, d.attributes.description, d.relationships.project.data.id])).toEqual([
        ["edge-region-hub-pr-7", "edge-blueprints site region-hub, environment pr-7", "prj-preview"],
        ["edge-local-zone-bos-pr-7", "edge-blueprints site local-zone-bos, environment pr-7", "prj-preview"],
      ]);
      const hub = fake.workspaces.get("edge-region-hub-pr-7")!.id;
      const zone = fake.workspaces.get("edge-local-zone-bos-pr-7")!.id;
      expect(fake.runTriggers).toEqual([{ workspaceId: zone, sourceId: hub }]);

      const destroy = await cli(["destroy", "--env=pr-7", "--all-workspaces", "--delete-workspaces", `--address=${fake.address}`]);
      expect(destroy.code).toBe(0);
      expect(fake.deleted).toEqual(["edge-local-zone-bos-pr-7", "edge-region-hub-pr-7"]);
      expect(fake.workspaces.size).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});

describe("tfc destroy --all-workspaces --discard-pending", () => {
  it("discards a run that waits for confirmation in a workspace (a plan a run trigger queued), then destroys", async () => {
    const fake = new FakeTfc({
      token: TOKEN,
      organization: ORG,
      workspaces: ["edge-region-hub-pr-7"],
      workspaceAttributes: { "edge-region-hub-pr-7": described("region-hub") },
      workspaceProjects: { "edge-region-hub-pr-7": "prj-preview" },
      projects: { "edge-preview": "prj-preview" },
      existingRuns: [{ workspace: "edge-region-hub-pr-7", status: "planned", message: "Queued by a run trigger" }],
      runStatuses: ["planning", "planned"],
    });
    await fake.start();
    try {
      const argv = ["destroy", "--env=pr-7", "--all-workspaces", "--delete-workspaces", `--address=${fake.address}`];
      const { code, stdout } = await cli([...argv, "--discard-pending"]);
      expect(code).toBe(0);
      const queued = [...fake.runs.values()].find((r) => r.message === "Queued by a run trigger")!;
      expect(fake.calls("POST", /\/actions\/discard$/).map((r) => r.path)).toEqual([`/api/v2/runs/${queued.id}/actions/discard`]);
      expect(fake.deleted).toEqual(["edge-region-hub-pr-7"]);
      expect(stdout).toMatch(/region-hub-pr-7 +edge-region-hub-pr-7 +- +run-\d+ +\+1 ~0 -0 +applied, workspace deleted/);
    } finally {
      await fake.stop();
    }
  });
});
