/**
 * `npm run bench`: measures on this machine, each measure once to warm up (discarded) and then
 * BENCH_RUNS times, the wall time and the CPU time (user + sys of the process and its children)
 * as median, min and max, and the peak RSS of node processes:
 *  - `npm run synth` of every site x environment (the compiled synth, tools/bin/synth.js);
 *  - the same for one site (region-hub), and loading alone (`--help`: the compiled synth and
 *    its modules, nothing synthesized);
 *  - the floor: a compiled cdktf App with as many stacks holding only provider and backend, run
 *    with plain node (tools/bench/empty-stacks.ts), and a compiled plain cdktf app of the same
 *    size (tools/bench/reference-app.ts: as many stacks, as many resources per stack);
 *  - `npx cdktf synth` (the deploy path: cdktf-cli runs the cdktf.json app), with the CPU of the
 *    app inside it (it must run once), the rest being cdktf-cli's own;
 *  - an Nx cache hit of `npm test`;
 *  - with `--cold-test` only (it takes minutes): `npm test` without the Nx cache and without
 *    the type-check output (dist/out-tsc), as in a fresh clone.
 * Prints a table with each target, writes dist/bench/report.json, and exits 1 when a target is
 * missed or when any source imports the root of @cdktf/provider-aws.
 *
 *   npm run bench [-- --cold-test]     BENCH_RUNS=7
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as esbuild from "esbuild";

const root = path.resolve(__dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? "7");
const coldTest = process.argv.includes("--cold-test");
const cdktf = path.join(root, "node_modules", ".bin", "cdktf");

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMiB?: number;
  /** CPU of the synth app alone, when it ran under another program (cdktf-cli). */
  appCpuMs?: number;
}
type Stats = { median: number; min: number; max: number };
interface Measure {
  wallMs: Stats;
  cpuMs: Stats;
  rssMiB?: Stats;
  appCpuMs?: Stats;
  runs: number;
}

/** `m.sss` seconds of bash's `times` (`0m0.075s`) in ms. */
const seconds = (t: string) => {
  const [, m, s] = /^(\d+)m([\d.]+)s$/.exec(t) ?? ["", "0", "0"];
  return (Number(m) * 60 + Number(s)) * 1000;
};

/**
 * Runs `cmd args` under bash, whose `times` reports the CPU of its children. `probe`: `rss`
 * records the peak RSS of the node process; `app` the CPU of the synth app run inside `cmd`.
 */
function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
  probe?: "rss" | "app",
): Sample {
  const rssFile = path.join(os.tmpdir(), `edge-bench-rss-${process.pid}`);
  const appFile = `${rssFile}.app`;
  fs.rmSync(rssFile, { force: true });
  fs.rmSync(appFile, { force: true });
  const probes = { rss: "rss-probe.cjs", app: "app-cpu-probe.cjs" };
  const nodeOptions = probe ? `--require ${path.join(__dirname, "bench", probes[probe])}` : "";
  const started = process.hrtime.bigint();
  const result = spawnSync(
    "bash",
    [
      "-c",
      '"$@" >/dev/null 2>"$EDGE_BENCH_ERR"; status=$?; times >&2; exit $status',
      "bench",
      cmd,
      ...args,
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        NX_DAEMON: "false",
        NX_NO_CLOUD: "true",
        CHECKPOINT_DISABLE: "1",
        NODE_OPTIONS: nodeOptions,
        EDGE_BENCH_RSS_FILE: rssFile,
        EDGE_BENCH_APP_FILE: appFile,
        EDGE_BENCH_ERR: `${rssFile}.err`,
        ...env,
      },
    },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    const err = fs.existsSync(`${rssFile}.err`) ? fs.readFileSync(`${rssFile}.err`, "utf8") : "";
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.status}):\n${err.slice(-4000)}`);
  }
  const children = result.stderr.trim().split("\n").pop()!.split(/\s+/);
  const sample: Sample = { wallMs, cpuMs: seconds(children[0]) + seconds(children[1]) };
  if (probe === "rss") sample.rssMiB = Number(fs.readFileSync(rssFile, "utf8")) / 1024;
  if (probe === "app") {
    const runs = fs.readFileSync(appFile, "utf8").trim().split("\n");
    if (runs.length !== 1) throw new Error(`the synth app ran ${runs.length} times in ${cmd} ${args.join(" ")}`);
    sample.appCpuMs = Number(runs[0]);
  }
  fs.rmSync(rssFile, { force: true });
  fs.rmSync(appFile, { force: true });
  fs.rmSync(`${rssFile}.err`, { force: true });
  return sample;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** One discarded warm-up, then `n` measured runs. */
function measure(n: number, fn: () => Sample): Measure {
  fn();
  const samples = Array.from({ length: n }, fn);
  return {
    wallMs: stats(samples.map((s) => s.wallMs)),
    cpuMs: stats(samples.map((s) => s.cpuMs)),
    ...(samples[0].rssMiB !== undefined ? { rssMiB: stats(samples.map((s) => s.rssMiB!)) } : {}),
    ...(samples[0].appCpuMs !== undefined
      ? { appCpuMs: stats(samples.map((s) => s.appCpuMs!)) }
      : {}),
    runs: n,
  };
}

function rootImports(): string[] {
  const result = spawnSync(
    "git",
    [
      "grep",
      "--untracked",
      "-nE",
      "from ['\"]@cdktf/provider-aws['\"]|require\\(['\"]@cdktf/provider-aws['\"]\\)",
      "--",
      "apps",
      "libs",
      "tools",
    ],
    { cwd: root, encoding: "utf8" },
  );
  return result.stdout.split("\n").filter(Boolean);
}

/**
 * The floor and the reference app, compiled like the synth (tools/nx-plugin/build.js): one bundle
 * each, npm packages bundled in.
 */
function compileBenchApps(): { floor: string; reference: string } {
  const outdir = path.join(root, "dist", "bench");
  const out = (name: string) => path.join(outdir, `${name}.js`);
  for (const name of ["empty-stacks", "reference-app"]) {
    esbuild.buildSync({
      entryPoints: [path.join(__dirname, "bench", `${name}.ts`)],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      // The synth's own minification (whitespace and syntax, names kept); not its code cache,
      // which is part of the synth's entry (tools/bin/load-bundle.js).
      minifyWhitespace: true,
      minifySyntax: true,
      outfile: out(name),
      logLevel: "warning",
    });
  }
  return { floor: out("empty-stacks"), reference: out("reference-app") };
}

const offenders = rootImports();
if (offenders.length > 0) {
  process.stderr.write(
    `root import of @cdktf/provider-aws (costs ~2 s and ~500 MB per process):\n${offenders.join("\n")}\n`,
  );
  process.exit(1);
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-bench-"));
const synthEnv = { CDKTF_OUTDIR: path.join(outdir, "cdktf.out") };
const synth = ["tools/bin/synth.js"];
try {
  const { floor: floorApp, reference: referenceApp } = compileBenchApps();
  // Build the synth if needed, then count the stacks and resources the full synth writes.
  run(process.execPath, synth, synthEnv);
  const stackDirs = fs.readdirSync(path.join(outdir, "cdktf.out", "stacks"));
  const stacks = stackDirs.length;
  const resources = stackDirs.reduce((sum, s) => {
    const json = JSON.parse(
      fs.readFileSync(path.join(outdir, "cdktf.out", "stacks", s, "cdk.tf.json"), "utf8"),
    ) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    return (
      sum +
      Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0)
    );
  }, 0);
  const perStack = Math.round(resources / stacks);
  const oneSite = "region-hub";

  process.stdout.write(
    `benchmarking on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; ` +
      `${stacks} stacks, ${resources} resources; 1 warm-up + ${runs} runs each\n\n`,
  );
  const all = measure(runs, () => run(process.execPath, synth, synthEnv, "rss"));
  const one = measure(runs, () =>
    run(process.execPath, synth, { ...synthEnv, EDGE_SITES: oneSite }, "rss"),
  );
  // Loading alone: the freshness check, the bundle and its modules, no site built (--help).
  const load = measure(runs, () => run(process.execPath, [...synth, "--help"], synthEnv, "rss"));
  const floor = measure(runs, () =>
    run(process.execPath, [floorApp], { EDGE_BENCH_STACKS: String(stacks) }, "rss"),
  );
  const reference = measure(runs, () =>
    run(
      process.execPath,
      [referenceApp],
      { EDGE_BENCH_STACKS: String(stacks), EDGE_BENCH_RESOURCES: String(perStack) },
      "rss",
    ),
  );
  const cdktfSynth = measure(Math.min(runs, 3), () =>
    run(cdktf, ["synth", "--output", path.join(outdir, "cdktf-cli.out")], {}, "app"),
  );
  let cold: Measure | undefined;
  if (coldTest) {
    cold = measure(1, () => {
      fs.rmSync(path.join(root, "dist", "out-tsc"), { recursive: true, force: true });
      return run("npm", ["test", "--", "--skip-nx-cache"]);
    });
  }
  const cacheHit = measure(Math.min(runs, 3), () => run("npm", ["test"]));

  type Row = { name: string; m?: Measure; target: string; ok?: boolean };
  const ratio = (a: Measure, b: Measure, k: "wallMs" | "cpuMs") => a[k].median / b[k].median;
  const x = (v: number) => `${v.toFixed(2)}x`;
  const floorTarget = (m: Measure, limit: number) => ({
    target: `<= ${limit}x floor (wall ${x(ratio(m, floor, "wallMs"))}, CPU ${x(ratio(m, floor, "cpuMs"))})`,
    ok: ratio(m, floor, "wallMs") <= limit && ratio(m, floor, "cpuMs") <= limit,
  });
  const rows: Row[] = [
    { name: `npm run synth, all (${stacks} stacks)`, m: all, ...floorTarget(all, 2.0) },
    {
      name: "  peak RSS of the full synth",
      m: all,
      target: `<= 150 MiB (${all.rssMiB!.median.toFixed(0)})`,
      ok: all.rssMiB!.median <= 150,
    },
    { name: `npm run synth, one site (${oneSite})`, m: one, ...floorTarget(one, 1.5) },
    {
      name: "  of which loading (npm run synth -- --help)",
      m: load,
      target: `(${x(ratio(load, all, "cpuMs"))} of the full synth's CPU)`,
    },
    { name: `floor: ${stacks} empty stacks, compiled`, m: floor, target: "" },
    {
      name: `reference: ${stacks} x ${perStack} resources, compiled`,
      m: reference,
      target: `(synth all: ${x(ratio(all, reference, "wallMs"))} wall, ${x(ratio(all, reference, "cpuMs"))} CPU)`,
    },
    {
      name: "npx cdktf synth",
      m: cdktfSynth,
      // The app runs once inside the CLI (the probe fails the bench otherwise); the rest of the
      // CPU is cdktf-cli's own: its start-up, reading the stacks back, its terminal UI.
      target:
        `<= 2x npm run synth (${x(ratio(cdktfSynth, all, "wallMs"))} wall, ` +
        `${x(ratio(cdktfSynth, all, "cpuMs"))} CPU; of the CPU, the app ran once: ` +
        `${cdktfSynth.appCpuMs!.median.toFixed(0)} ms, cdktf-cli itself: ` +
        `${(cdktfSynth.cpuMs.median - cdktfSynth.appCpuMs!.median).toFixed(0)} ms)`,
      ok: ratio(cdktfSynth, all, "wallMs") <= 2,
    },
    cold
      ? {
          name: "npm test, cold (no Nx cache, no dist/out-tsc)",
          m: cold,
          target: "<= 140 s",
          ok: cold.wallMs.median <= 140_000,
        }
      : { name: "npm test, cold", target: "<= 140 s (not run: npm run bench -- --cold-test)" },
    {
      name: "npm test, Nx cache hit",
      m: cacheHit,
      target: "<= 3 s",
      ok: cacheHit.wallMs.median <= 3000,
    },
  ];

  const ms = (s?: Stats) =>
    s ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})` : "-";
  const table = [
    [
      "measure",
      "wall ms median (min-max)",
      "CPU ms median (min-max)",
      "peak RSS MiB",
      "target",
      "met",
    ],
    ...rows.map((r) => [
      r.name,
      ms(r.m?.wallMs),
      ms(r.m?.cpuMs),
      r.m?.rssMiB ? r.m.rssMiB.median.toFixed(0) : "-",
      r.target,
      r.ok === undefined ? "" : r.ok ? "yes" : "MISSED",
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  process.stdout.write(
    `${[line(table[0]), line(widths.map((w) => "-".repeat(w))), ...table.slice(1).map(line)].join("\n")}\n\n`,
  );

  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: {
      cores: os.cpus().length,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      node: process.version,
    },
    stacks,
    resources,
    rows: rows.map((r) => ({
      name: r.name.trim(),
      target: r.target,
      met: r.ok,
      ...(r.m ? { measure: r.m } : {}),
    })),
  };
  fs.mkdirSync(path.join(root, "dist", "bench"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "dist", "bench", "report.json"),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  process.stdout.write("wrote dist/bench/report.json\n");
  const missed = rows.filter((r) => r.ok === false);
  if (missed.length > 0) {
    process.stderr.write(
      `targets missed: ${missed.map((r) => `${r.name.trim()} (${r.target})`).join("; ")}\n`,
    );
    process.exitCode = 1;
  }
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
