import fc from "fast-check";
import { contains, findOverlaps, overlaps, parseCidr, planSubnets } from "../src";
import { configError } from "../src/testing";

describe("parseCidr", () => {
  it("parses a network block", () => {
    expect(parseCidr("10.10.0.0/16", "p")).toEqual({ cidr: "10.10.0.0/16", prefixLength: 16, start: 168427520, size: 65536 });
  });

  it("rejects host bits and names the block that was probably meant", () => {
    const err = configError(() => parseCidr("10.10.1.0/16", "environments.prod.network.vpcCidr"));
    expect(err.message).toBe(
      'EDGE_CIDR_INVALID at environments.prod.network.vpcCidr: host bits are set, so this is an address, not a network block (got "10.10.1.0/16"); fix: use "10.10.0.0/16"',
    );
  });

  it.each(["10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "010.0.0.0/8", "10.0.0/16", "fd00::/8", " 10.0.0.0/16"])(
    "rejects %j as not a CIDR",
    (value) => {
      const err = configError(() => parseCidr(value, "vpc.cidrBlock"));
      expect(err.code).toBe("EDGE_CIDR_INVALID");
      expect(err.problem).toBe("not an IPv4 CIDR block");
    },
  );

  it("enforces prefix limits", () => {
    const err = configError(() => parseCidr("10.0.0.0/8", "vpc.cidrBlock", { min: 16, max: 28 }));
    expect(err.message).toBe(
      'EDGE_CIDR_SIZE at vpc.cidrBlock: prefix length /8 is outside the allowed /16 to /28 (got "10.0.0.0/8"); fix: use a block between /16 and /28',
    );
  });
});

describe("planSubnets", () => {
  it("places larger subnets first, deterministically, keeping request order in the result", () => {
    const plan = planSubnets(parseCidr("10.0.0.0/20", "b"), [
      { name: "public/a", prefixLength: 24 },
      { name: "private/a", prefixLength: 22 },
      { name: "public/b", prefixLength: 24 },
      { name: "private/b", prefixLength: 22 },
    ], "b");
    expect(plan.map((p) => `${p.name}=${p.cidr}`)).toEqual([
      "public/a=10.0.8.0/24",
      "private/a=10.0.0.0/22",
      "public/b=10.0.9.0/24",
      "private/b=10.0.4.0/22",
    ]);
  });

  it("says how large a block would fit the request", () => {
    const err = configError(() =>
      planSubnets(parseCidr("10.0.0.0/24", "vpc.cidrBlock"), [
        { name: "public/a", prefixLength: 24 },
        { name: "private/a", prefixLength: 22 },
      ], "vpc.cidrBlock"),
    );
    expect(err.message).toBe(
      'EDGE_CIDR_TOO_SMALL at vpc.cidrBlock: 10.0.0.0/24 has 256 addresses but 1 x /22 + 1 x /24 need 1280 (got "10.0.0.0/24"); fix: use a /21 or larger block, or smaller subnets',
    );
  });

  const requestsArb = fc.array(fc.integer({ min: 18, max: 28 }), { minLength: 1, maxLength: 24 });
  const blockArb = fc
    .tuple(fc.integer({ min: 16, max: 24 }), fc.integer({ min: 0, max: 0xffffffff }))
    .map(([prefix, addr]) => {
      const size = 2 ** (32 - prefix);
      const start = addr - (addr % size);
      const dotted = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join(".");
      return parseCidr(`${dotted}/${prefix}`, "block");
    });

  it("never overlaps, stays inside the block, and fails only when the addresses do not fit", () => {
    fc.assert(
      fc.property(blockArb, requestsArb, (block, prefixes) => {
        const requests = prefixes.map((p, i) => ({ name: `s${i}`, prefixLength: Math.max(p, block.prefixLength) }));
        const total = requests.reduce((n, r) => n + 2 ** (32 - r.prefixLength), 0);
        if (total > block.size) {
          expect(configError(() => planSubnets(block, requests, "block")).code).toBe("EDGE_CIDR_TOO_SMALL");
          return;
        }
        const plan = planSubnets(block, requests, "block").map((s) => parseCidr(s.cidr, s.name));
        for (const s of plan) expect(contains(block, s)).toBe(true);
        for (let i = 0; i < plan.length; i++) {
          for (let j = i + 1; j < plan.length; j++) expect(overlaps(plan[i], plan[j])).toBe(false);
        }
        expect(findOverlaps(plan.map((p, i) => ({ name: `s${i}`, cidr: p.cidr })))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("findOverlaps", () => {
  it("names both colliding blocks", () => {
    const [err] = findOverlaps([
      { name: "region-hub", cidr: "10.10.0.0/18", path: "network.sites.region-hub" },
      { name: "local-zone-bos", cidr: "10.10.32.0/20", path: "network.sites.local-zone-bos" },
    ]);
    expect(err.message).toBe(
      'EDGE_CIDR_OVERLAP at network.sites.local-zone-bos: local-zone-bos (10.10.32.0/20) overlaps region-hub (10.10.0.0/18) (got "10.10.32.0/20"); fix: give local-zone-bos a block outside 10.10.0.0/18',
    );
  });
});
