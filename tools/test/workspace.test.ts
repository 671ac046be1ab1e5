import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { homesOf, resolveEnvironment, resolveSiteConfig, stateLocation, type Environment } from "@edge/core";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { loadSites, siteNames } from "../src/sites";

const root = path.resolve(__dirname, "../..");
const nx = path.join(root, "node_modules", ".bin", "nx");
const run = (args: string[]) =>
  execFileSync(nx, args, { cwd: root, encoding: "utf8", env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" } });

describe("affected selection", () => {
  const graph = (() => {
    const file = path.join(os.tmpdir(), `edge-graph-${process.pid}.json`);
    run(["graph", `--file=${file}`]);
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")).graph as {
      nodes: Record<string, unknown>;
      dependencies: Record<string, { target: string }[]>;
    };
    fs.rmSync(file, { force: true });
    return parsed;
  })();

  /** `project` and every project that depends on it, directly or not. */
  function dependents(project: string): string[] {
    const found = new Set([project]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [source, deps] of Object.entries(graph.dependencies)) {
        if (!found.has(source) && deps.some((d) => found.has(d.target))) {
          found.add(source);
          grew = true;
        }
      }
    }
    return [...found].sort();
  }

  it("a change in libs/region affects region-hub and nothing unrelated", () => {
    const listed = run(["show", "projects", "--affected", "--files=libs/region/src/index.ts"]).trim().split("\n").sort();
    expect(listed).toContain("region");
    expect(listed).toContain("region-hub");
    expect(listed).not.toContain("core");
    expect(listed).toEqual(dependents("region"));
  });

  it("the graph knows that region-hub imports @edge/region and @edge/core", () => {
    expect(graph.dependencies["region-hub"].map((d) => d.target).sort()).toEqual(expect.arrayContaining(["core", "region"]));
  });
});

describe("shipped sites", () => {
  const sites = loadSites(root);

  it("are discovered from apps/ and named after their folder", () => {
    expect(sites.map((s) => s.name)).toEqual(fs.readdirSync(path.join(root, "apps")).filter((d) => fs.existsSync(path.join(root, "apps", d, "src", "main.ts"))).sort());
    expect(sites.map((s) => s.name)).toContain("region-hub");
    expect(siteNames(root)).toEqual(sites.map((s) => s.name));
  });

  it("load only the named ones for a narrowed synth (EDGE_SITES), in folder order", () => {
    expect(loadSites(root, ["wavelength-bos", "region-hub"]).map((s) => s.name)).toEqual(["region-hub", "wavelength-bos"]);
    expect(loadSites(root, [])).toEqual([]);
  });

  it("each have config for every shipped environment, in each Region they are homed in", () => {
    // A shipped environment without a site's config is an error (EDGE_SITE_ENV_MISSING), never
    // dev's config. Address blocks are checked where they are used: stack.addressBlock fails
    // synth with EDGE_SITE_BLOCK when a site that builds subnets has none.
    const missing: string[] = [];
    for (const site of sites) {
      for (const name of defaultEnvironments()) {
        for (const home of homesOf(site.name, resolveEnvironment(name, environmentCatalog))) {
          try {
            resolveSiteConfig(site, home.environment);
          } catch (err) {
            missing.push(`${home.name}-${name}: ${(err as Error).message}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("never share a state file, S3 key or Terraform Cloud workspace", () => {
    const variants: ((env: Environment) => Environment)[] = [
      (env) => ({ ...env, backend: { type: "local" } }),
      (env) => ({ ...env, backend: { type: "s3", bucket: "one-bucket-for-all" } }),
      (env) => ({ ...env, backend: { type: "tfc", organization: "acme", workspacePrefix: "edge", hostname: "app.terraform.io" } }),
    ];
    const envs = [...defaultEnvironments(), "feature-42"].map((n) => resolveEnvironment(n, environmentCatalog));
    const stacks = sites.flatMap((site) => envs.flatMap((env) => homesOf(site.name, env).map((home) => ({ site: home.name, env }))));
    expect(stacks.length).toBeGreaterThan(sites.length * envs.length);
    for (const variant of variants) {
      const locations = stacks.map(({ site, env }) => stateLocation(site, variant(env)));
      expect(new Set(locations).size).toBe(stacks.length);
    }
  });
});

describe("root entry (cdktf.json app and npm run synth)", () => {
  // The compiled synth, built (through Nx) when a source changed; the test target depends on
  // workspace-tools:build, so the bundle is current here.
  const entry = ["tools/bin/synth.js"];

  it("is what cdktf.json runs, with plain node", () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"))).toMatchObject({
      app: "node tools/bin/synth.js",
      output: "cdktf.out",
    });
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.synth).toBe("node tools/bin/synth.js");
  });

  it("synthesizes every site for the environments asked, into the output directory it is given", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-root-"));
    try {
      const result = spawnSync(process.execPath, entry, {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, EDGE_ENVS: "dev", CDKTF_OUTDIR: path.join(out, "cdktf.out") },
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const dev = resolveEnvironment("dev", environmentCatalog);
      expect(fs.readdirSync(path.join(out, "cdktf.out", "stacks")).sort()).toEqual(
        loadSites(root).flatMap((s) => homesOf(s.name, dev).map((h) => `${h.name}-dev`)).sort(),
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  const synthWith = (env: Record<string, string>, out: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "tools/synth.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ...env, CDKTF_OUTDIR: path.join(out, "cdktf.out") },
    });

  it("answers a name one edit from a shipped environment with a did-you-mean, writing nothing", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-root-"));
    try {
      const result = synthWith({ EDGE_ENVS: "prd" }, out);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        [
          "environment: error EDGE_ENV_NEAR_MISS at EDGE_ENVS",
          "  file:  command line",
          '  no shipped environment "prd", and it is one edit from "prod": did you mean "prod"?',
          '  value: "prd"',
          "  fix:   use prod, or give the ad-hoc environment a name further from dev, staging, prod (such as feature-42)",
          "",
          "synth failed with 1 error(s); cdktf.out was left as it was",
          "",
        ].join("\n"),
      );
      expect(fs.existsSync(path.join(out, "cdktf.out"))).toBe(false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("isolates an ad-hoc environment and says what it derived from where", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-root-"));
    try {
      const result = synthWith({ EDGE_ENVS: "feature-42" }, out);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const env = resolveEnvironment("feature-42", environmentCatalog);
      for (const line of env.derivation ?? []) expect(result.stdout).toContain(`note: ${line}\n`);
      expect(result.stdout).toContain("note: outpost-factory is not synthesized for ad-hoc feature-42: its Outpost is one physical rack");
      const stacks = fs.readdirSync(path.join(out, "cdktf.out", "stacks"));
      expect(stacks).not.toContain("outpost-factory-feature-42");
      const json = (stack: string) => JSON.parse(fs.readFileSync(path.join(out, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
      // Its own record name (so its own set identifiers) in dev's zone, and its own address plan.
      const records = Object.values(json("global-dns-feature-42").resource.aws_route53_record) as { name: string }[];
      // Every name global-dns writes is the ad-hoc environment's own.
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(r.name).toMatch(/^feature-42\./);
      const vpc = Object.values(json("region-hub-feature-42").resource.aws_vpc)[0] as { cidr_block: string };
      expect(vpc.cidr_block).toBe(env.network.vpcCidr);
      expect(vpc.cidr_block).not.toBe(resolveEnvironment("dev", environmentCatalog).network.vpcCidr);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("rejects an unknown site in EDGE_SITES without a stack trace", () => {
    const result = spawnSync(process.execPath, entry, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, EDGE_SITES: "region-hubb", CDKTF_OUTDIR: path.join(os.tmpdir(), "edge-never-written") },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error EDGE_SITE_UNKNOWN at EDGE_SITES");
    expect(result.stderr).toContain('value: "region-hubb"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("repository conventions", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const deps: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };

  it("pins every nx package to one exact 22.7.x and stays on the cdktf 0.21 family", () => {
    const nxVersions = Object.entries(deps).filter(([name]) => name === "nx" || name.startsWith("@nx/")).map(([, v]) => v);
    expect(new Set(nxVersions)).toEqual(new Set(["22.7.12"]));
    expect(deps).toMatchObject({ cdktf: "0.21.0", "cdktf-cli": "0.21.0", "@cdktf/provider-aws": "21.22.1" });
    expect(deps.typescript).toMatch(/^~5\.9\./);
    expect(Object.keys(deps).filter((d) => d.startsWith("cdktn") || d.startsWith("@cdktn/"))).toEqual([]);
  });

  it("README shows the two set-up commands and .ci/run runs exactly the README's test command", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toContain("npm ci && npm test");
    const ci = fs.readFileSync(path.join(root, ".ci", "run"), "utf8");
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("locks every platform build of every optional dependency, as npm ci requires", () => {
    // npm drops optional packages the registry cannot serve when it writes the lock, and npm ci
    // then refuses the lock ("Missing: … from lock file"). Pins in package.json (and overrides)
    // keep such packages at versions whose every platform build exists.
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")).packages as Record<
      string,
      { optionalDependencies?: Record<string, string> }
    >;
    const missing = Object.entries(lock).flatMap(([where, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((dep) => {
          // npm resolves a dependency in the nearest node_modules up the path.
          const candidates: string[] = [];
          for (let dir = where; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
            candidates.push(`${dir ? `${dir}/` : ""}node_modules/${dep}`);
            if (!dir.includes("/node_modules/")) {
              candidates.push(`node_modules/${dep}`);
              break;
            }
          }
          return !candidates.some((c) => c in lock);
        })
        .map((dep) => `${where || "(root)"} -> ${dep}`),
    );
    expect(missing).toEqual([]);
  });

  it("never imports the root of @cdktf/provider-aws", () => {
    const result = spawnSync(
      "git",
      ["grep", "--untracked", "-nE", "from ['\"]@cdktf/provider-aws['\"]|require\\(['\"]@cdktf/provider-aws['\"]\\)", "--", "apps", "libs", "tools"],
      { cwd: root, encoding: "utf8" },
    );
    expect(result.stdout).toBe("");
    expect(result.status).toBe(1); // git grep: 1 = no match
  });
});
