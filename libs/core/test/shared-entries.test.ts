import { z } from "zod";
import type { SiteDefinition } from "../src";
import { EdgeConfigError } from "../src";
import { atValueKey, writtenPath } from "../src/lib/validation/shared-entries";

// A site whose us-west-2 entry spreads its dev entry, as region-hub's site.ts does.
const dev = { vpc: { azs: ["us-east-1a"] }, osv: { minSize: 5, maxSize: 3 }, port: 80 };
const site: SiteDefinition = {
  name: "alpha",
  schema: z.unknown(),
  environments: { dev },
  regions: { "us-west-2": { dev: { ...dev, vpc: { azs: ["us-west-2a"] } } } },
  build: () => undefined,
};
const R = "regions.us-west-2.dev";

describe("writtenPath", () => {
  it("names the environment's own entry for a value the regional entry shares with it", () => {
    expect(writtenPath(site, R, `${R}.osv.minSize`)).toBe("environments.dev.osv.minSize");
    expect(writtenPath(site, R, `${R}.osv`)).toBe("environments.dev.osv");
  });

  it("keeps the regional path for a value written in the regional entry", () => {
    expect(writtenPath(site, R, `${R}.vpc.azs[0]`)).toBe(`${R}.vpc.azs[0]`);
    // A copied primitive cannot be told from one written again: the regional path stays.
    expect(writtenPath(site, R, `${R}.port`)).toBe(`${R}.port`);
    expect(writtenPath(site, R, R)).toBe(R);
  });

  it("leaves paths of the environment's own entries and outside the entry as they are", () => {
    expect(writtenPath(site, "environments.dev", "environments.dev.osv.minSize")).toBe(
      "environments.dev.osv.minSize",
    );
    expect(writtenPath(site, R, "environments.dev.network.sites.alpha")).toBe(
      "environments.dev.network.sites.alpha",
    );
  });
});

describe("atValueKey", () => {
  const input = { zones: [{ name: "us-west-2-lax-9z", egress: "us-west-2a" }], pair: { a: "x", b: "x" } };
  const error = (path: string, value: unknown) =>
    new EdgeConfigError({ code: "EDGE_X", path, value, problem: "p", fix: "f" });

  it("re-points an error at an object to the one key holding the value it names", () => {
    expect(atValueKey(error("environments.dev.zones[0]", "us-west-2-lax-9z"), "environments.dev", input).path).toBe(
      "environments.dev.zones[0].name",
    );
  });

  it("leaves the path when it names the value, or no single key holds it", () => {
    expect(atValueKey(error("environments.dev.zones[0].name", "us-west-2-lax-9z"), "environments.dev", input).path).toBe(
      "environments.dev.zones[0].name",
    );
    expect(atValueKey(error("environments.dev.pair", "x"), "environments.dev", input).path).toBe("environments.dev.pair");
    expect(atValueKey(error("environments.dev.zones[0]", "elsewhere"), "environments.dev", input).path).toBe(
      "environments.dev.zones[0]",
    );
  });
});
