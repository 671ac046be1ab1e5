import { Construct } from "constructs";
import {
  addEdgeWarning,
  ConfigCheck,
  EdgeConfigError,
  formatWarning,
  parseZone,
  validateFor,
} from "../src";
import { configErrors, synthJson, testStack, warningsOf } from "../src/testing";

const props = { code: "EDGE_TEST", path: "site.value", value: 1, problem: "bad", fix: "good" };

describe("errors carry the construct path besides the config path", () => {
  it("ConfigCheck stamps the construct path on what it records and collects", () => {
    const check = new ConfigCheck("site-dev/thing");
    check.fail(props);
    check.collect(() => parseZone("us-west-2a", { region: "us-east-1", path: "site.zone" }));
    const errors = configErrors(() => check.throwIfFailed());
    expect(errors.map((e) => [e.code, e.path, e.constructPath])).toEqual([
      ["EDGE_TEST", "site.value", "site-dev/thing"],
      ["EDGE_ZONE_REGION", "site.zone", "site-dev/thing"],
    ]);
    // The one-line message is unchanged; the terminal rendering adds the construct.
    expect(errors[0].message).toBe("EDGE_TEST at site.value: bad (got 1); fix: good");
    expect(errors[0].format()).toBe(
      "error EDGE_TEST at site.value\n  bad\n  value: 1\n  fix:   good\n  construct: site-dev/thing",
    );
  });

  it("validateFor stamps the construct's path, keeps a deeper one and rethrows anything else", () => {
    const stack = testStack({ site: "edge", env: "dev" });
    const outer = new Construct(stack, "outer");
    const errors = configErrors(() =>
      validateFor(outer, () => {
        throw new AggregateError([
          new EdgeConfigError(props),
          new EdgeConfigError({ ...props, constructPath: "edge-dev/outer/inner" }),
        ]);
      }),
    );
    expect(errors.map((e) => e.constructPath)).toEqual(["edge-dev/outer", "edge-dev/outer/inner"]);
    expect(() =>
      validateFor(outer, () => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
    expect(validateFor(outer, () => 42)).toBe(42);
  });
});

describe("warnings carry codes like errors", () => {
  it("renders CODE at path: problem; fix: fix, and annotates the construct", () => {
    expect(formatWarning({ code: "EDGE_W", path: "a.b", problem: "slow" })).toBe(
      "EDGE_W at a.b: slow",
    );
    const stack = testStack({ site: "edge", env: "dev" });
    addEdgeWarning(new Construct(stack, "thing"), {
      code: "EDGE_W",
      path: "a.b",
      problem: "slow",
      fix: "speed up",
    });
    synthJson(stack);
    expect(warningsOf(stack)).toEqual(["[edge-dev/thing] EDGE_W at a.b: slow; fix: speed up"]);
  });
});
