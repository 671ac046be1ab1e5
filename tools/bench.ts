/**
 * `npm run bench`: measures on this machine, with several runs and medians,
 *  - the synth of every site x environment (the entry `npm run synth` runs): wall time and peak RSS;
 *  - the same with one site, giving the fixed cost and the marginal cost per stack;
 *  - the floor: a cdktf App with as many empty stacks, loaded the same way;
 *  - an Nx cache hit of `synth` for all projects, and `nx show projects --affected` for one file;
 *  - the full `npm test` wall time, without the Nx cache.
 * Prints a table and writes dist/bench/report.json. Fails when a target is missed or when any
 * source imports the root of @cdktf/provider-aws (about +2 s and +500 MB per process).
 *
 *   BENCH_RUNS=5 (synth runs)   BENCH_TEST_RUNS=1 (npm test runs; 0 skips it)
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? "5");
const testRuns = Number(process.env.BENCH_TEST_RUNS ?? "1");
const TARGETS = { ratioToFloor: 2.5, peakRssMiB: 250 };

interface Sample {
  ms: number;
  rssMiB?: number;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}, rss = false): Sample {
  const rssFile = path.join(os.tmpdir(), `edge-bench-rss-${process.pid}`);
  const nodeOptions = rss ? `--require ${path.join(__dirname, "bench", "rss-probe.cjs")}` : "";
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NODE_OPTIONS: nodeOptions, EDGE_BENCH_RSS_FILE: rssFile, ...env },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const sample: Sample = { ms };
  if (rss) {
    sample.rssMiB = Number(fs.readFileSync(rssFile, "utf8")) / 1024;
    fs.rmSync(rssFile, { force: true });
  }
  return sample;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

function repeat(n: number, fn: () => Sample) {
  const samples = Array.from({ length: n }, fn);
  return {
    ms: stats(samples.map((s) => s.ms)),
    ...(samples[0].rssMiB !== undefined ? { rssMiB: stats(samples.map((s) => s.rssMiB!)) } : {}),
  };
}

function rootImports(): string[] {
  const result = spawnSync(
    "git",
    ["grep", "--untracked", "-nE", "from ['\"]@cdktf/provider-aws['\"]|require\\(['\"]@cdktf/provider-aws['\"]\\)", "--", "apps", "libs", "tools"],
    { cwd: root, encoding: "utf8" },
  );
  return result.stdout.split("\n").filter(Boolean);
}

const offenders = rootImports();
if (offenders.length > 0) {
  process.stderr.write(`root import of @cdktf/provider-aws (costs ~2 s and ~500 MB per process):\n${offenders.join("\n")}\n`);
  process.exit(1);
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-bench-"));
const synthEnv = { CDKTF_OUTDIR: path.join(outdir, "cdktf.out") };
const tsx = ["--import", "tsx"];
try {
  // Count the stacks the full synth writes.
  run(process.execPath, [...tsx, "tools/synth.ts"], synthEnv);
  const stacks = fs.readdirSync(path.join(outdir, "cdktf.out", "stacks")).length;
  const oneSiteStacks = 3;

  process.stdout.write(`benchmarking on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${runs} runs each\n`);
  const all = repeat(runs, () => run(process.execPath, [...tsx, "tools/synth.ts"], synthEnv, true));
  const one = repeat(runs, () => run(process.execPath, [...tsx, "tools/synth.ts"], { ...synthEnv, EDGE_SITES: "region-hub" }, true));
  const floor = repeat(runs, () => run(process.execPath, [...tsx, "tools/bench/empty-stacks.ts"], { EDGE_BENCH_STACKS: String(stacks) }, true));
  const nx = path.join(root, "node_modules", ".bin", "nx");
  run(nx, ["run-many", "-t", "synth"]); // warm the cache
  const cacheHit = repeat(runs, () => run(nx, ["run-many", "-t", "synth"]));
  const affected = repeat(runs, () => run(nx, ["show", "projects", "--affected", "--files=libs/region/src/index.ts"]));
  // The full suite without the Nx cache: what a change to libs/core costs.
  const npmTest = testRuns > 0 ? repeat(testRuns, () => run("npm", ["test", "--", "--skip-nx-cache"])) : undefined;

  const marginal = (all.ms.median - one.ms.median) / (stacks - oneSiteStacks);
  const ratio = all.ms.median / floor.ms.median;
  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cores: os.cpus().length, memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), node: process.version },
    stacks,
    synthAll: all,
    synthOneSite: { ...one, stacks: oneSiteStacks },
    floorEmptyStacks: floor,
    marginalMsPerStack: Number(marginal.toFixed(1)),
    ratioToFloor: Number(ratio.toFixed(2)),
    nxCacheHitSynth: cacheHit,
    nxAffectedOneFile: affected,
    ...(npmTest ? { npmTest } : {}),
    targets: TARGETS,
  };
  fs.mkdirSync(path.join(root, "dist", "bench"), { recursive: true });
  fs.writeFileSync(path.join(root, "dist", "bench", "report.json"), `${JSON.stringify(report, null, 2)}\n`);

  const row = (name: string, s: { ms: ReturnType<typeof stats>; rssMiB?: ReturnType<typeof stats> }) =>
    [name, s.ms.median.toFixed(0), s.ms.min.toFixed(0), s.ms.max.toFixed(0), s.rssMiB ? s.rssMiB.median.toFixed(0) : "-", String(s.ms.runs)];
  const rows = [
    ["measure", "median ms", "min ms", "max ms", "peak RSS MiB", "runs"],
    row(`synth all (${stacks} stacks)`, all),
    row(`synth one site (${oneSiteStacks} stacks)`, one),
    row(`floor: ${stacks} empty stacks`, floor),
    row("nx cache hit: synth, all projects", cacheHit),
    row("nx affected: one file", affected),
    ...(npmTest ? [row("npm test (no Nx cache)", npmTest)] : []),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const print = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  process.stdout.write(`${[print(rows[0]), ...rows.slice(1).map(print)].join("\n")}\n\n`);
  process.stdout.write(`fixed cost (one site minus marginal): ${(one.ms.median - marginal * oneSiteStacks).toFixed(0)} ms; marginal: ${marginal.toFixed(1)} ms per stack\n`);
  process.stdout.write(`ratio to the empty-stacks floor: ${ratio.toFixed(2)}x (target <= ${TARGETS.ratioToFloor}x)\n`);
  process.stdout.write(`peak RSS of the full synth: ${all.rssMiB!.median.toFixed(0)} MiB (target < ${TARGETS.peakRssMiB} MiB)\n`);
  process.stdout.write("wrote dist/bench/report.json\n");
  const missed = [
    ...(ratio > TARGETS.ratioToFloor ? [`ratio ${ratio.toFixed(2)}x > ${TARGETS.ratioToFloor}x`] : []),
    ...(all.rssMiB!.median >= TARGETS.peakRssMiB ? [`peak RSS ${all.rssMiB!.median.toFixed(0)} MiB >= ${TARGETS.peakRssMiB} MiB`] : []),
  ];
  if (missed.length > 0) {
    process.stderr.write(`targets missed: ${missed.join("; ")}\n`);
    process.exitCode = 1;
  }
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
