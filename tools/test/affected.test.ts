/**
 * Affected-only CI on this repository's real graph: for a change in each lib,
 * `nx show projects --affected --files=<that lib's file>` must list exactly the apps that import
 * the lib, directly or through other libs. The expected apps are derived here independently of
 * Nx, by reading every `@edge/…` import in the projects' TypeScript sources.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const nx = path.join(root, "node_modules", ".bin", "nx");

interface Project {
  readonly name: string;
  readonly root: string;
  readonly kind: "app" | "lib";
}

function projectsUnder(dir: "apps" | "libs"): Project[] {
  const base = path.join(root, dir);
  return fs
    .readdirSync(base)
    .filter((d) => fs.existsSync(path.join(base, d, "project.json")))
    .map((d) => ({
      name: (JSON.parse(fs.readFileSync(path.join(base, d, "project.json"), "utf8")) as { name: string }).name,
      root: `${dir}/${d}`,
      kind: dir === "apps" ? "app" : "lib",
    }));
}

const apps = projectsUnder("apps");
const libs = projectsUnder("libs");
const projects = [...apps, ...libs];

/** Import alias -> project, from the compiler's own path mapping. */
const aliases: Record<string, string> = (() => {
  const paths = (JSON.parse(fs.readFileSync(path.join(root, "tsconfig.base.json"), "utf8")) as {
    compilerOptions: { paths: Record<string, string[]> };
  }).compilerOptions.paths;
  const out: Record<string, string> = {};
  for (const [alias, [target]] of Object.entries(paths)) {
    const file = path.normalize(target).replace(/\\/g, "/");
    const owner = projects.find((p) => file.startsWith(`${p.root}/`));
    if (owner) out[alias] = owner.name;
  }
  return out;
})();

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === "node_modules" || e.name.startsWith(".")) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : /\.(c|m)?tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Projects each project imports, from `import … from "@edge/x"`, `import("@edge/x")`, `require("@edge/x")`. */
const imports: Record<string, Set<string>> = Object.fromEntries(
  projects.map((p) => {
    const found = new Set<string>();
    for (const file of tsFiles(path.join(root, p.root))) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](@edge\/[^"']+)["']/gm)) {
        const target = aliases[m[1]];
        if (target && target !== p.name) found.add(target);
      }
    }
    return [p.name, found];
  }),
);

/** The apps that import `lib`, directly or through other libs. */
function appsImporting(lib: string): string[] {
  const reach = (from: string, seen = new Set<string>()): Set<string> => {
    for (const dep of imports[from] ?? []) {
      if (!seen.has(dep)) {
        seen.add(dep);
        reach(dep, seen);
      }
    }
    return seen;
  };
  return apps.filter((a) => reach(a.name).has(lib)).map((a) => a.name).sort();
}

const run = promisify(execFile);
const nxEnv = { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false" };

/** What CI runs: `nx show projects --affected --files=<file> --type app`. */
async function affectedApps(file: string): Promise<string[]> {
  const { stdout } = await run(nx, ["show", "projects", "--affected", `--files=${file}`, "--type", "app", "--json"], {
    cwd: root,
    env: nxEnv,
  });
  return (JSON.parse(stdout) as string[]).sort();
}

/**
 * The same selection for many files from one process (one project graph instead of one per
 * file): support/affected-apps.cjs runs the functions the command above calls, file by file.
 */
async function affectedAppsOfEach(files: readonly string[]): Promise<Record<string, string[]>> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, "support", "affected-apps.cjs"), ...files], {
    cwd: root,
    env: nxEnv,
  });
  return JSON.parse(stdout) as Record<string, string[]>;
}

/** A source file of the lib: its entry point, else its first source file. */
function fileOf(lib: Project): string {
  const index = `${lib.root}/src/index.ts`;
  return fs.existsSync(path.join(root, index)) ? index : path.relative(root, tsFiles(path.join(root, lib.root, "src"))[0]);
}

describe("affected-only selection on the real project graph", () => {
  const coreFile = "libs/core/src/index.ts";
  let perLib: Record<string, string[]>;
  let coreByCommand: string[];
  beforeAll(async () => {
    [perLib, coreByCommand] = await Promise.all([affectedAppsOfEach([coreFile, ...libs.map(fileOf)]), affectedApps(coreFile)]);
  }, 120_000);

  it("knows the workspace's apps and libs", () => {
    expect(apps.map((a) => a.name)).toContain("region-hub");
    expect(libs.map((l) => l.name)).toEqual(expect.arrayContaining(["core", "region", "tfc"]));
  });

  it("every app imports @edge/core, so a change in libs/core selects all of them", () => {
    const all = apps.map((a) => a.name).sort();
    expect(appsImporting("core")).toEqual(all);
    expect(coreByCommand).toEqual(all);
  });

  it("the one-process selection gives what the nx command gives", () => {
    expect(perLib[coreFile]).toEqual(coreByCommand);
    expect(Object.keys(perLib).sort()).toEqual([...new Set([coreFile, ...libs.map(fileOf)])].sort());
  });

  it("selection is narrower than everything for at least one lib", () => {
    expect(libs.some((l) => appsImporting(l.name).length < apps.length)).toBe(true);
  });

  // One selection per lib, each from that lib's file alone, as CI's `nx affected` computes it.
  it.each(libs.map((l) => [l.name, l] as const))("a change in libs/%s selects exactly the apps that import it", (_name, lib) => {
    expect(perLib[fileOf(lib)]).toEqual(appsImporting(lib.name));
  });
});

/** Every project `nx show projects --affected --files=<file>` selects, apps and libs. */
function affectedProjects(file: string): string[] {
  const out = execFileSync(nx, ["show", "projects", "--affected", `--files=${file}`, "--json"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false" },
  });
  return (JSON.parse(out) as string[]).sort();
}

// A site's outputs contract lives in its own library (libs/<site>-contract), not in core: editing
// it selects the producer, the sites that read it and the workspace tools (which load every
// site), never core, the other libs or unrelated sites.
describe("a site's outputs contract", () => {
  const tools = "workspace-tools";
  it.each([
    // global-dns reads wavelength-bos's carrier name and carrier client blocks.
    ["wavelength-bos", ["global-dns", "wavelength-bos"]],
    ["local-zone-bos", ["global-dns", "local-zone-bos"]],
    ["outpost-factory", ["outpost-factory"]],
  ])("editing %s's contract affects that site and its readers only", (site, sites) => {
    const contract = `${site}-contract`;
    expect(affectedProjects(`libs/${contract}/src/${site}-outputs.ts`)).toEqual(
      [contract, ...sites, tools].sort(),
    );
  });

  it("the contracts are not in core: editing one never selects core", () => {
    const affected = affectedProjects("libs/region-hub-contract/src/region-hub-outputs.ts");
    expect(affected).not.toContain("core");
    expect(affected).toContain("region-hub");
    expect(fs.existsSync(path.join(root, "libs/core/src/lib/contracts"))).toBe(false);
  });
});
