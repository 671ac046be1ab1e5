/**
 * The workspace plugin (tools/nx-plugin) gives every project its targets. Checked on the real
 * project graph (`nx graph --file`, the data `nx show project <name>` prints) and on a scratch
 * workspace for the defaults of a project without project.json.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const nx = path.join(root, "node_modules", ".bin", "nx");

interface TargetConfig {
  executor?: string;
  command?: string;
  options?: { command?: string };
  dependsOn?: string[];
  cache?: boolean;
  outputs?: string[];
}
interface Node {
  type: "app" | "lib";
  data: { root: string; tags: string[]; targets: Record<string, TargetConfig> };
}

const nodes = (() => {
  const file = path.join(os.tmpdir(), `edge-plugin-graph-${process.pid}.json`);
  execFileSync(nx, ["graph", `--file=${file}`], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" },
  });
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")).graph.nodes as Record<string, Node>;
  fs.rmSync(file, { force: true });
  return parsed;
})();

const foldersWith = (dir: string, entry: string) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((d) => fs.existsSync(path.join(root, dir, d, "src", entry)))
    .sort();
const sites = foldersWith("apps", "main.ts");
const libs = foldersWith("libs", "index.ts");
const executors = Object.keys(
  (
    JSON.parse(
      fs.readFileSync(path.join(root, "tools", "executors", "executors.json"), "utf8"),
    ) as { executors: Record<string, unknown> }
  ).executors,
);

describe("targets inferred by tools/nx-plugin", () => {
  it.each(sites)(
    "site %s has every target, one per site executor, and synth runs its bundle",
    (site) => {
      const { targets } = nodes[site].data;
      expect(Object.keys(targets).sort()).toEqual(
        ["build", "diagram", "lint", "synth", "test", "typecheck", ...executors].sort(),
      );
      expect(targets.synth).toMatchObject({
        dependsOn: ["build"],
        cache: true,
        // Nx restores cached outputs over what is on disk: the generated files only, never the
        // stack folders, so a cache hit leaves .terraform/ and .terraform.lock.hcl alone.
        outputs: [`{workspaceRoot}/cdktf.out/stacks/${site}-*/*.json`, `{workspaceRoot}/cdktf.out/stacks/${site}-*/assets/**/*`],
      });
      expect(targets.synth.options?.command).toBe(`node dist/apps/${site}/main.js`);
      expect(targets.build.outputs).toEqual(["{workspaceRoot}/dist/{projectRoot}"]);
      // The deploy path (docs/deploy.md): executors of tools/executors, never cached; publish
      // after synth, deploy, diff and destroy synthesize their one environment themselves.
      expect(executors.sort()).toEqual(["deploy", "destroy", "diff", "publish"]);
      for (const name of executors) {
        expect(targets[name]).toMatchObject({ executor: `./tools/executors:${name}`, cache: false });
        expect(targets[name].dependsOn ?? []).toEqual(name === "publish" ? ["synth"] : []);
      }
    },
  );

  it.each(libs)("lib %s has lint, typecheck (tsc -b, after its references) and test", (lib) => {
    const { targets } = nodes[lib].data;
    expect(Object.keys(targets).sort()).toEqual(["lint", "test", "typecheck"]);
    expect(targets.typecheck).toMatchObject({
      dependsOn: ["^typecheck"],
      outputs: ["{workspaceRoot}/dist/out-tsc/{projectRoot}"],
    });
    expect(targets.typecheck.options?.command).toBe(`tsc -b libs/${lib}/tsconfig.json`);
    expect(targets.test.options?.command).toBe(`jest -c jest.preset.js --rootDir libs/${lib} --runInBand`);
  });

  it("runs the workspace tests, the longest task, with two Jest workers and after the root build", () => {
    const { targets } = nodes["workspace-tools"].data;
    expect(targets.test.options?.command).toBe("jest -c jest.preset.js --rootDir tools --maxWorkers=2");
    expect(targets.test.dependsOn).toEqual(["build"]);
  });

  it("tags every project with its type and one scope (depConstraints in eslint.config.mjs)", () => {
    for (const [name, node] of Object.entries(nodes)) {
      expect([name, node.data.tags.filter((t) => t.startsWith("scope:")).length]).toEqual([
        name,
        1,
      ]);
      expect([name, node.data.tags.filter((t) => t.startsWith("type:")).length]).toEqual([name, 1]);
    }
    expect(nodes.core.data.tags).toContain("scope:core");
    for (const site of sites) expect(nodes[site].data.tags).toContain("scope:site");
  });

  it("gives a project without project.json its folder name and the default tags of its kind", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugin = require(path.join(root, "tools", "nx-plugin")) as {
      createNodesV2: [
        string,
        (
          files: string[],
          options: unknown,
          context: { workspaceRoot: string },
        ) => Promise<
          [
            string,
            {
              projects: Record<
                string,
                { name: string; tags: string[]; targets: Record<string, unknown> }
              >;
            },
          ][]
        >,
      ];
    };
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "edge-plugin-"));
    try {
      fs.mkdirSync(path.join(scratch, "tools", "executors"), { recursive: true });
      fs.writeFileSync(
        path.join(scratch, "tools", "executors", "executors.json"),
        JSON.stringify({ executors: { publish: {}, diff: {} } }),
      );
      const [[, lib], [, app]] = await plugin.createNodesV2[1](
        ["libs/fresh/src/index.ts", "apps/new-site/src/main.ts"],
        {},
        { workspaceRoot: scratch },
      );
      expect(lib.projects["libs/fresh"]).toMatchObject({
        name: "fresh",
        tags: ["type:lib", "scope:edge"],
      });
      expect(app.projects["apps/new-site"]).toMatchObject({
        name: "new-site",
        tags: ["type:app", "scope:site"],
      });
      expect(Object.keys(app.projects["apps/new-site"].targets)).toEqual(
        expect.arrayContaining(["synth", "publish", "diff"]),
      );
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("the compiled synth's freshness check (tools/bin/synth.js)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fingerprint, isCurrent } = require(
    path.join(root, "tools", "nx-plugin", "fingerprint.js"),
  ) as {
    fingerprint: (workspaceRoot: string, files: string[]) => { files: Record<string, string> };
    isCurrent: (workspaceRoot: string, recorded: unknown) => boolean;
  };

  it("holds while the sources are unchanged and fails on an edited source or a new site", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "edge-fingerprint-"));
    try {
      fs.mkdirSync(path.join(scratch, "apps", "a", "src"), { recursive: true });
      fs.writeFileSync(path.join(scratch, "apps", "a", "src", "main.ts"), "export const a = 1;\n");
      const recorded = fingerprint(scratch, ["apps/a/src/main.ts"]);
      expect(isCurrent(scratch, recorded)).toBe(true);
      fs.writeFileSync(path.join(scratch, "apps", "a", "src", "main.ts"), "export const a = 2;\n");
      expect(isCurrent(scratch, recorded)).toBe(false);
      fs.writeFileSync(path.join(scratch, "apps", "a", "src", "main.ts"), "export const a = 1;\n");
      fs.mkdirSync(path.join(scratch, "apps", "b", "src"), { recursive: true });
      fs.writeFileSync(path.join(scratch, "apps", "b", "src", "main.ts"), "export const b = 1;\n");
      expect(isCurrent(scratch, recorded)).toBe(false);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
