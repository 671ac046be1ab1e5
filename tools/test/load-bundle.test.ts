/**
 * tools/bin/load-bundle.js runs the compiled synth with V8's code cache (`vm.Script`
 * `cachedData` and `createCachedData`, Node's vm documentation). V8 accepts cached data for any
 * source of the same length, so the cache must be keyed by the bundle's content: an edit of the
 * same length must run the new code, never the old bytecode.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const loader = path.join(root, "tools", "bin", "load-bundle.js");

describe("loadBundle (V8 code cache of the compiled synth)", () => {
  let scratch: string;
  let bundle: string;
  let cache: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "edge-code-cache-"));
    bundle = path.join(scratch, "dist", "tools", "synth.js");
    cache = path.join(scratch, "dist", ".code-cache", "tools--synth.js.bin");
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** Runs the bundle through the loader in a fresh node, as tools/bin/synth.js does. */
  const run = (env: Record<string, string> = {}, complete = true) => {
    const entry = path.join(scratch, "entry.js");
    fs.writeFileSync(
      entry,
      `require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(bundle)}, { complete: ${complete} });\n`,
    );
    return execFileSync(process.execPath, [entry, "arg"], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
  };
  const source = (word: string) =>
    `"use strict";\nconst path = require("node:path");\nfunction say() { return "${word}"; }\n` +
    `process.stdout.write([say(), path.basename(__filename), typeof module.exports, process.argv.slice(2).join(",")].join(" ") + "\\n");\n`;

  it("runs the bundle as a CommonJS module and writes the cache after the first run", () => {
    fs.writeFileSync(bundle, source("alpha"));
    expect(run()).toBe("alpha synth.js object arg\n");
    expect(fs.existsSync(cache)).toBe(true);
    const written = fs.statSync(cache).mtimeMs;
    expect(run()).toBe("alpha synth.js object arg\n");
    expect(fs.statSync(cache).mtimeMs).toBe(written); // a valid cache is used, not rewritten
  });

  it("runs an edited bundle of the same length, not the cached bytecode, and re-keys the cache", () => {
    fs.writeFileSync(bundle, source("alpha"));
    run();
    const before = fs.readFileSync(cache);
    fs.writeFileSync(bundle, source("omega"));
    expect(fs.statSync(bundle).size).toBe(Buffer.byteLength(source("alpha")));
    expect(run()).toBe("omega synth.js object arg\n");
    expect(fs.readFileSync(cache).subarray(0, 32).equals(before.subarray(0, 32))).toBe(false);
  });

  it("replaces a partial run's cache once with a complete run's, which holds the functions only that run used", () => {
    // `late` runs only in the complete run (as the synth's site code runs only in a full synth,
    // never in --help): V8 compiles it lazily, so only that run's cache can hold its bytecode.
    const body = Array.from({ length: 200 }, (_, i) => `  total += ${i} * n;`).join("\n");
    fs.writeFileSync(
      bundle,
      `"use strict";\nfunction late(n) {\n  let total = 0;\n${body}\n  return total;\n}\n` +
        `process.stdout.write(process.env.FULL ? String(late(1)) : "help");\n`,
    );
    const flag = () => fs.readFileSync(cache)[32];
    expect(run({}, false)).toBe("help");
    expect([flag(), fs.statSync(cache).size]).toEqual([0, expect.any(Number)]);
    const partialSize = fs.statSync(cache).size;
    const partialWritten = fs.statSync(cache).mtimeMs;
    expect(run({}, false)).toBe("help");
    expect(fs.statSync(cache).mtimeMs).toBe(partialWritten); // a partial run keeps a valid cache
    expect(run({ FULL: "1" }, true)).toBe("19900");
    expect(flag()).toBe(1);
    expect(fs.statSync(cache).size).toBeGreaterThan(partialSize);
    const completeWritten = fs.statSync(cache).mtimeMs;
    expect(run({}, false)).toBe("help");
    expect(run({ FULL: "1" }, true)).toBe("19900");
    expect(fs.statSync(cache).mtimeMs).toBe(completeWritten); // then nobody rewrites it
  });

  it("counts a complete run that failed as partial", () => {
    fs.writeFileSync(bundle, `"use strict";\nprocess.exitCode = 1;\n`);
    expect(() => run({}, true)).toThrow();
    expect(fs.readFileSync(cache)[32]).toBe(0);
  });

  it("runs from a corrupt cache, and without any cache when EDGE_CODE_CACHE=0", () => {
    fs.writeFileSync(bundle, source("alpha"));
    run();
    const key = fs.readFileSync(cache).subarray(0, 32);
    fs.writeFileSync(cache, Buffer.concat([key, Buffer.from("not bytecode")]));
    expect(run()).toBe("alpha synth.js object arg\n");
    fs.rmSync(cache);
    expect(run({ EDGE_CODE_CACHE: "0" })).toBe("alpha synth.js object arg\n");
    expect(fs.existsSync(cache)).toBe(false);
  });
});
