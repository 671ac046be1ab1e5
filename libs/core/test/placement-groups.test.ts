import { PlacementGroup } from "@cdktf/provider-aws/lib/placement-group";
import { placementGroupFacts, registerPlacementGroup } from "../src";
import { testStack } from "../src/testing";

describe("placement group facts", () => {
  it("finds a group by its literal name and by any read of its resource's name attribute", () => {
    const stack = testStack();
    const group = new PlacementGroup(stack, "pg", { name: "test-group", strategy: "spread", spreadLevel: "rack" });
    const facts = { spreadLevel: "rack" as const, racks: 2, racksPath: "outpost.racks", configPath: "placementGroups.pg" };
    registerPlacementGroup(stack, [group.name, "test-group"], facts);
    // Every read of an attribute is a new token of the same reference.
    expect(group.name).not.toBe(group.name);
    expect(placementGroupFacts(stack, group.name)).toBe(facts);
    expect(placementGroupFacts(stack, "test-group")).toBe(facts);
  });

  it("knows nothing of another name or another stack's group", () => {
    const stack = testStack();
    const other = testStack();
    const group = new PlacementGroup(stack, "pg", { name: "test-group", strategy: "spread" });
    registerPlacementGroup(stack, [group.name], { spreadLevel: "host", configPath: "pg" });
    expect(placementGroupFacts(stack, "another-group")).toBeUndefined();
    expect(placementGroupFacts(other, group.name)).toBeUndefined();
  });
});
