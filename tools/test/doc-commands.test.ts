/**
 * Every command the README, ARCHITECTURE.md, docs/ and the library READMEs show is one that exists: npm scripts,
 * Nx projects and targets (from the project graph), the options of this repository's entry
 * points (run in their `--help` or `--dry-run` form), and the cdktf CLI's commands and flags (its
 * own `--help`, run without terraform on PATH). Commands of other tools (git, terraform, aws…)
 * are listed below and left alone; a command of any other kind fails the test until it is
 * classified here.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TFC_USAGE } from "@edge/tfc";
import { deployMain, type SiteAction } from "../src/deploy";

const root = path.resolve(__dirname, "../..");

/** Tools that are not part of this repository; their commands are not checked. */
const EXTERNAL = new Set(["git", "terraform", "cd", "aws", "qemu-img", "./scripts/build", "./scripts/imgedit.py", "export", "xargs", "diff", "cp", "grep"]);
/** Entry points whose `--help` prints usage and does nothing else (never one that runs npm test). */
const HELP_ENTRIES = new Set(["tools/bin/synth.js", "tools/bootstrap.ts"]);
/** npm's own commands. */
const NPM_BUILTINS = new Set(["ci", "test", "install", "uninstall"]);
/**
 * Commands of cdktn-cli 0.24 (open-constructs/cdk-terrain, packages/cdktn-cli/src/bin/cdktn.ts),
 * with the flags of diff, deploy and destroy the docs use (packages/cdktn-cli/src/bin/cmds/*.ts).
 * It is not installed here, so its `--help` cannot run.
 */
const CDKTN_COMMANDS = new Set(["init", "get", "convert", "deploy", "destroy", "diff", "list", "login", "synth", "watch", "output", "debug", "provider"]);
const CDKTN_FLAGS = new Set(["--migrate-state", "--skip-synth", "--auto-approve", "--skip-provider-lock"]);

interface DocCommand {
  readonly file: string;
  readonly text: string;
  readonly env: Record<string, string>;
  readonly argv: string[];
}

/** Shell lines of ```sh blocks and inline `npm …`/`npx …`/`node …`/`nx …` spans. */
function docCommands(): DocCommand[] {
  const files = [
    "README.md",
    "ARCHITECTURE.md",
    ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
    ...fs.readdirSync(path.join(root, "libs")).map((l) => `libs/${l}/README.md`).filter((f) => fs.existsSync(path.join(root, f))),
  ];
  const out: DocCommand[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const lines = [
      ...[...text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n")),
      ...[...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]).filter((c) => /^(npm|npx|node|nx) /.test(c) || /^[A-Z_]+=\S* (npm|npx|node) /.test(c)),
    ];
    for (const raw of lines) {
      const line = raw.replace(/(^|\s)#.*$/, "").replace(/\\$/, "").trim();
      if (!line || line.startsWith("|")) continue;
      for (const part of line.split(/\s(?:&&|\|)\s/)) {
        const words = part.trim().split(/\s+/);
        const env: Record<string, string> = {};
        while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
          const [k, ...v] = words.shift()!.split("=");
          env[k] = v.join("=");
        }
        if (words.length > 0) out.push({ file, text: part.trim(), env, argv: words });
      }
    }
  }
  return out;
}

const commands = docCommands();
const flagsOf = (argv: readonly string[]) => argv.filter((a) => a.startsWith("--")).map((a) => a.split("=")[0]);
const sites = fs.readdirSync(path.join(root, "apps")).filter((a) => fs.existsSync(path.join(root, "apps", a, "src", "main.ts")));
const isPlaceholder = (word: string) => /<[^>]+>/.test(word);
const validStack = (word: string) => isPlaceholder(word) || sites.some((s) => word.startsWith(`${s}-`) && /^[a-z][a-z0-9-]*$/.test(word.slice(s.length + 1)));

describe("commands in the README and docs", () => {
  let targets: Record<string, string[]>;
  const cdktfHelp = new Map<string, string>();

  beforeAll(() => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edge-graph-")), "graph.json");
    const res = spawnSync(path.join(root, "node_modules", ".bin", "nx"), ["graph", `--file=${file}`], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" },
    });
    if (res.status !== 0) throw new Error(`nx graph failed: ${res.stderr}`);
    const nodes = (JSON.parse(fs.readFileSync(file, "utf8")) as { graph: { nodes: Record<string, { data: { targets?: Record<string, unknown> } }> } }).graph.nodes;
    targets = Object.fromEntries(Object.entries(nodes).map(([name, n]) => [name, Object.keys(n.data.targets ?? {})]));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 60_000);

  /** `cdktf <command> --help`, with only node's own directory on PATH: no terraform involved. */
  const helpOf = (command: string) => {
    if (!cdktfHelp.has(command)) {
      const res = spawnSync(process.execPath, [path.join(root, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"), command, "--help"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, PATH: path.dirname(process.execPath), CHECKPOINT_DISABLE: "1" },
      });
      cdktfHelp.set(command, res.status === 0 ? res.stdout : "");
    }
    return cdktfHelp.get(command)!;
  };

  it("finds the commands", () => {
    expect(commands.length).toBeGreaterThan(40);
    expect(commands.map((c) => c.text)).toContain("npm run synth -- --help");
  });

  it.each(commands.map((c) => [`${c.file}: ${c.text}`, c] as const))("%s", (_, c) => {
    const [tool, ...rest] = c.argv;
    const problems: string[] = [];
    for (const site of (c.env.EDGE_SITES ?? "").split(",").filter(Boolean)) {
      if (!sites.includes(site)) problems.push(`EDGE_SITES names no site ${site}`);
    }
    if (tool === "npm") {
      const [sub, script, ...args] = rest;
      if (sub === "run") {
        const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
        if (!(script in scripts)) problems.push(`no npm script ${script}`);
        // Arguments after `--` go to the script's entry point. Entries with a --help that runs
        // nothing else print their options; for the others (bench runs everything it is given)
        // the flag must appear in the entry's source.
        const entry = /^node (?:--import tsx )?(\S+)$/.exec(scripts[script] ?? "")?.[1];
        if (args[0] === "--" && entry && HELP_ENTRIES.has(entry)) {
          const res = spawnSync(process.execPath, [...(entry.endsWith(".ts") ? ["--import", "tsx"] : []), entry, "--help"], { cwd: root, encoding: "utf8" });
          if (res.status !== 0 || !res.stdout.startsWith("Usage:")) problems.push(`${entry} --help failed: ${res.stderr}`);
          for (const flag of flagsOf(args.slice(1))) if (!res.stdout.includes(flag)) problems.push(`${script} has no ${flag}`);
        } else if (args[0] === "--" && entry) {
          const source = fs.readFileSync(path.join(root, entry), "utf8");
          for (const flag of flagsOf(args.slice(1))) if (!source.includes(`"${flag}"`)) problems.push(`${script} has no ${flag}`);
        } else if (args[0] === "--") problems.push(`npm run ${script} takes no arguments`);
      } else if (!NPM_BUILTINS.has(sub)) problems.push(`npm ${sub} is not used here`);
    } else if (tool === "npx" || tool === "nx") {
      const [cli, sub, ...args] = tool === "npx" ? rest : ["nx", ...rest];
      if (cli === "nx") problems.push(...checkNx(sub, args, targets));
      else if (cli === "cdktf") {
        const help = helpOf(sub.split("|")[0]);
        for (const one of sub.split("|")) if (!helpOf(one)) problems.push(`cdktf has no command ${one}`);
        for (const flag of flagsOf(args)) if (!help.includes(`  ${flag} `)) problems.push(`cdktf ${sub} has no ${flag}`);
        for (const stack of args.filter((a) => !a.startsWith("-"))) if (!validStack(stack)) problems.push(`no stack ${stack}`);
      } else if (cli === "jest") {
        // The config file exists and a test of that project has the name given with -t.
        const config = args[args.indexOf("-c") + 1];
        const rootDir = args.includes("--rootDir") ? args[args.indexOf("--rootDir") + 1] : ".";
        if (!fs.existsSync(path.join(root, config))) problems.push(`no jest config ${config}`);
        const quoted = /-t "([^"]+)"/.exec(c.text)?.[1];
        const testDir = path.join(root, rootDir, "test");
        const sources = fs.existsSync(testDir) ? fs.readdirSync(testDir).filter((f) => f.endsWith(".ts")).map((f) => fs.readFileSync(path.join(testDir, f), "utf8")) : [];
        if (quoted && !sources.some((src) => src.includes(`it("${quoted}`))) problems.push(`no test named ${quoted}… in ${rootDir}/test`);
      } else if (cli === "cdktn") {
        if (!CDKTN_COMMANDS.has(sub)) problems.push(`cdktn-cli 0.24 has no command ${sub}`);
        for (const flag of flagsOf(args)) if (!CDKTN_FLAGS.has(flag)) problems.push(`cdktn ${sub}: ${flag} is not checked`);
      } else problems.push(`npx ${cli} is not classified`);
    } else if (tool === "node") {
      const file = rest.find((a) => /\.(ts|js|mjs|cjs)$/.test(a));
      const exists = file && (isPlaceholder(file) ? sites.length > 0 : fs.existsSync(path.join(root, file)));
      if (!exists) problems.push(`no file ${file}`);
      if (file === "libs/tfc/src/cli.ts") for (const flag of flagsOf(rest.slice(rest.indexOf(file) + 1))) if (!TFC_USAGE.includes(`  ${flag} `)) problems.push(`publish has no ${flag}`);
    } else if (!EXTERNAL.has(tool)) {
      problems.push(`${tool} is neither one of this repository's commands nor a known external tool`);
    }
    expect(problems).toEqual([]);
  });
});

/** Nx: the project and target exist; site commands run in their dry-run form; publish flags exist. */
function checkNx(sub: string, args: string[], targets: Record<string, string[]>): string[] {
  const problems: string[] = [];
  const targetExists = (t: string) => Object.values(targets).some((ts) => ts.includes(t));
  const valueOf = (flag: string) => {
    const i = args.indexOf(flag);
    return i < 0 ? [] : args.slice(i + 1).filter((_, j, rest) => !rest.slice(0, j + 1).some((a) => a.startsWith("-")));
  };
  if (sub === "affected" || sub === "run-many") {
    for (const t of valueOf("-t")) if (!targetExists(t)) problems.push(`no target ${t}`);
    for (const p of valueOf("-p")) if (!(p in targets)) problems.push(`no project ${p}`);
    return problems;
  }
  if (sub === "show" || sub === "graph") return problems;
  if (sub === "g" || sub === "generate") return checkGenerator(args);
  if (sub !== "run") return [`nx ${sub} is not classified`];
  const [project, target] = args[0].split(":");
  if (isPlaceholder(project)) {
    if (!targetExists(target)) problems.push(`no target ${target}`);
    return problems;
  }
  if (!targets[project]?.includes(target)) return [`no target ${project}:${target}`];
  const flags = args.slice(1);
  if (["deploy", "diff", "destroy"].includes(target)) {
    let out = "";
    const code = deployMain(
      [`--site=${project}`, ...flags.filter((f) => f !== "--dry-run"), "--dry-run"],
      { repoRoot: root, stdout: (t) => void (out += t), stderr: (t) => void (out += t), terraformVersion: () => "1.10.5", run: () => 1 },
      target as SiteAction,
    );
    if (code !== 0) problems.push(`--dry-run form failed: ${out}`);
  } else if (target === "publish") {
    for (const flag of flagsOf(flags)) if (!TFC_USAGE.includes(`  ${flag} `)) problems.push(`publish has no ${flag}`);
  } else if (flags.length > 0) problems.push(`${target} takes no flags here: ${flags.join(" ")}`);
  return problems;
}

/**
 * `nx g <collection>:<generator> …`: the collection is the workspace plugin (tools/nx-plugin,
 * its package name), the generator is listed in its generators.json, and every `--flag` is a
 * property of that generator's schema.json (Nx maps each flag to a schema property).
 */
function checkGenerator(args: string[]): string[] {
  const pluginDir = path.join(root, "tools", "nx-plugin");
  const pkg = JSON.parse(fs.readFileSync(path.join(pluginDir, "package.json"), "utf8")) as { name: string };
  const [collection, name] = (args[0] ?? "").split(":");
  if (collection !== pkg.name) return [`no generator collection ${collection} (the workspace plugin is ${pkg.name})`];
  const { generators } = JSON.parse(fs.readFileSync(path.join(pluginDir, "generators.json"), "utf8")) as {
    generators: Record<string, { schema: string }>;
  };
  const generator = generators[name];
  if (!generator) return [`${pkg.name} has no generator ${name}`];
  const schema = JSON.parse(fs.readFileSync(path.join(pluginDir, generator.schema), "utf8")) as { properties: Record<string, unknown> };
  const camel = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
  // Flags of `nx generate` itself (nx.dev, "nx generate" reference).
  const nxOwn = new Set(["--dry-run", "--verbose", "--interactive", "--no-interactive", "--quiet"]);
  return flagsOf(args.slice(1))
    .filter((flag) => !nxOwn.has(flag) && !(camel(flag) in schema.properties))
    .map((flag) => `${pkg.name}:${name} has no option ${flag}`);
}
