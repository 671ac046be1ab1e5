import { z } from "zod";
import {
  collectConfigErrors,
  ConfigCheck,
  EdgeConfigError,
  movedTo,
  parseConfig,
  parseWithPlaceholders,
  relativeParts,
  shiftedList,
  withConfigSources,
} from "../src";
import { configErrors } from "../src/testing";

const fail = (path: string, value: unknown) => {
  const check = new ConfigCheck();
  check.fail({ code: "EDGE_TEST", path, value, problem: "bad", fix: "use a good one" });
  check.throwIfFailed();
};

describe("deferred config errors", () => {
  it("throws outside the synth runner's collector", () => {
    expect(configErrors(() => fail("x", 1)).map((e) => e.path)).toEqual(["x"]);
  });

  it("records each failed check as a batch inside the collector and goes on", () => {
    const seen: string[] = [];
    const result = collectConfigErrors(() => {
      fail("a", 1);
      seen.push("after a");
      fail("b", 2);
      seen.push("after b");
      return "built";
    });
    expect(result.result).toBe("built");
    expect(seen).toEqual(["after a", "after b"]);
    expect(result.deferred.map((batch) => batch.map((e) => e.path))).toEqual([["a"], ["b"]]);
    expect(result.thrown).toBeUndefined();
  });
});

describe("config sources", () => {
  it("re-points thrown and deferred errors at the value as written, with its file", () => {
    const maps = [movedTo("site.vpc.cidrBlock", "environments.dev.network.vpcCidr", "libs/core/src/lib/environment.ts")];
    const thrown = configErrors(() => withConfigSources(maps, () => fail("site.vpc.cidrBlock", "10.0.0.0/8")));
    expect(thrown.map((e) => [e.path, e.file, e.value])).toEqual([
      ["environments.dev.network.vpcCidr", "libs/core/src/lib/environment.ts", "10.0.0.0/8"],
    ]);
    const deferred = collectConfigErrors(() => withConfigSources(maps, () => fail("site.vpc.cidrBlock.x", 1)));
    expect(deferred.deferred[0].map((e) => e.path)).toEqual(["environments.dev.network.vpcCidr.x"]);
  });

  it("maps a list the site prepended entries to back onto the user's list", () => {
    const map = shiftedList("m.groups", "m.groups", ["m.vxlan.group"]);
    const at = (path: string) => map(new EdgeConfigError({ code: "C", path, value: 1, problem: "p", fix: "f" })).path;
    expect([at("m.groups[0].address"), at("m.groups[1].address"), at("m.groups[3].udpPort"), at("m.other")]).toEqual([
      "m.vxlan.group",
      "m.groups[0].address",
      "m.groups[2].udpPort",
      "m.other",
    ]);
  });
});

describe("placeholders", () => {
  const schema = z.strictObject({ a: z.enum(["x", "y"]), b: z.number(), c: z.string().optional() });
  const parse = (input: unknown) => parseConfig(schema, input, "environments.dev");

  it("stands a donor's value in for each bad one and reports only the errors as written", () => {
    const out = parseWithPlaceholders(parse, { a: "z", b: "1", c: "keep", extra: true }, "environments.dev", [
      { a: "y", b: 2 },
    ]);
    expect(out.value).toEqual({ a: "y", b: 2, c: "keep" });
    expect(out.errors.map((e) => [e.code, e.path, e.value])).toEqual([
      ["EDGE_CONFIG_VALUE", "environments.dev.a", "z"],
      ["EDGE_CONFIG_TYPE", "environments.dev.b", "1"],
      ["EDGE_CONFIG_UNKNOWN_KEY", "environments.dev.extra", true],
    ]);
    expect([...out.replaced].sort()).toEqual(["environments.dev.a", "environments.dev.b", "environments.dev.extra"]);
  });

  it("drops an error at a list that a removed bad item left too short: a consequence, not input", () => {
    const list = z.strictObject({ zones: z.array(z.string()).min(1) });
    const parseList = (input: unknown) => parseConfig(list, input, "environments.dev");
    const out = parseWithPlaceholders(parseList, { zones: [0] }, "environments.dev", []);
    expect(out.errors.map((e) => [e.code, e.path, e.value])).toEqual([
      ["EDGE_CONFIG_TYPE", "environments.dev.zones[0]", 0],
    ]);
  });

  it("removes bad list items without a donor from the last, so each error names the item as written", () => {
    const list = z.strictObject({ types: z.array(z.string()) });
    const parseList = (input: unknown) => parseConfig(list, input, "environments.dev");
    const out = parseWithPlaceholders(parseList, { types: [0, "ok", false, "fine", null] }, "environments.dev", []);
    expect(out.errors.map((e) => [e.path, e.value])).toEqual([
      ["environments.dev.types[0]", 0],
      ["environments.dev.types[2]", false],
      ["environments.dev.types[4]", null],
    ]);
    expect(out.value).toEqual({ types: ["ok", "fine"] });
  });

  it("gives up without a value when no donor has the key", () => {
    const out = parseWithPlaceholders(parse, { a: "x" }, "environments.dev", []);
    expect(out.value).toBeUndefined();
    expect(out.errors.map((e) => e.path)).toEqual(["environments.dev.b"]);
  });

  it("reads config paths back into keys", () => {
    expect(relativeParts('environments.dev.tags["aws:team"]', "environments.dev")).toEqual(["tags", "aws:team"]);
    expect(relativeParts("environments.dev.zones[0].name", "environments.dev")).toEqual(["zones", 0, "name"]);
    expect(relativeParts("environments.prod.x", "environments.dev")).toBeUndefined();
  });
});

describe("placeholders and prototype keys", () => {
  // Found by fuzzing: an unknown key named like an Object.prototype method.
  it("treats a key such as valueOf as unknown, not as the prototype's function", () => {
    const schema = z.strictObject({ image: z.strictObject({ s3Key: z.string() }) });
    const out = parseWithPlaceholders(
      (input) => parseConfig(schema, input, "environments.dev"),
      { image: { s3Key: "k", valueOf: 0 } },
      "environments.dev",
      [{ image: { s3Key: "other" } }],
    );
    expect(out.value).toEqual({ image: { s3Key: "k" } });
    expect(out.errors.map((e) => [e.code, e.path])).toEqual([["EDGE_CONFIG_UNKNOWN_KEY", "environments.dev.image.valueOf"]]);
  });
});
