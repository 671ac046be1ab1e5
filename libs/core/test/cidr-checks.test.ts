import { ConfigCheck, expectClearOfOtherSites, expectDisjoint, expectInsideVpc, parseCidr } from "../src";
import { configErrors, testStack } from "../src/testing";

const block = (cidr: string) => parseCidr(cidr, "test");
const errorsOf = (check: ConfigCheck) => configErrors(() => check.throwIfFailed());

// A subnet's CIDR block must be a subset of the VPC's (Amazon VPC UG, "Subnet sizing": "The CIDR
// block of a subnet can be the same as the CIDR block for the VPC ... or a subset"); subnets of
// one VPC cannot overlap ("The CIDR blocks of the subnets cannot overlap", same page).
describe("the one inside and overlap checks", () => {
  it("expectInsideVpc passes a block inside and records EDGE_CIDR_OUTSIDE_VPC otherwise", () => {
    const check = new ConfigCheck();
    expect(expectInsideVpc(check, block("10.0.0.0/16"), block("10.0.64.0/18"), { path: "a" })).toBe(true);
    expect(expectInsideVpc(check, block("10.0.0.0/16"), block("10.1.0.0/18"), { path: "b" })).toBe(false);
    expect(errorsOf(check).map((e) => e.message)).toEqual([
      'EDGE_CIDR_OUTSIDE_VPC at b: 10.1.0.0/18 is not inside the VPC CIDR 10.0.0.0/16 (got "10.1.0.0/18"); fix: choose a block inside 10.0.0.0/16',
    ]);
  });

  it("expectDisjoint records the caller's code and problem on overlap only", () => {
    const check = new ConfigCheck();
    expect(
      expectDisjoint(check, block("10.0.0.0/24"), block("10.0.1.0/24"), { path: "a", problem: "x" }),
    ).toBe(true);
    expect(
      expectDisjoint(check, block("10.0.0.0/16"), block("10.0.1.0/24"), {
        path: "b",
        problem: "overlaps the on-premises network",
        code: "EDGE_TEST_OVERLAP",
      }),
    ).toBe(false);
    expect(errorsOf(check).map((e) => [e.code, e.path, e.fix])).toEqual([
      ["EDGE_TEST_OVERLAP", "b", "give it a block outside 10.0.1.0/24"],
    ]);
  });

  it("expectClearOfOtherSites checks the block against every other site's block of the plan", () => {
    const stack = testStack({ site: "local-zone-bos", env: "dev" });
    const own = block(stack.addressBlock);
    const check = new ConfigCheck();
    expect(expectClearOfOtherSites(check, stack, own, "own")).toBe(true);
    const hubBlock = stack.environment.network.sites["region-hub"];
    expect(expectClearOfOtherSites(check, stack, block(hubBlock), "taken")).toBe(false);
    const errors = errorsOf(check);
    expect(errors.map((e) => [e.code, e.path])).toEqual([["EDGE_CIDR_OVERLAP", "taken"]]);
    expect(errors[0].problem).toBe(
      `${hubBlock} overlaps the block of site region-hub (${hubBlock}), so subnets could collide`,
    );
  });
});
