import { configError, resourcesOf, synthJson, testStack, warningsOf } from "@edge/core/testing";
import { Outpost, SpreadPlacementGroup, type SpreadPlacementGroupProps } from "../src";
import { expectConfigError } from "./expect-error";

const ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";

function build(
  props: Omit<SpreadPlacementGroupProps, "outpost"> & { onOutpost?: boolean; racks?: number } = {},
) {
  const stack = testStack({ site: "outpost-factory" });
  const { onOutpost = true, racks, ...rest } = props;
  const outpost = onOutpost
    ? new Outpost(stack, "factory", {
        arn: ARN,
        availabilityZone: "us-east-1a",
        instanceTypes: ["m5.xlarge"],
        racks,
      })
    : undefined;
  const group = new SpreadPlacementGroup(stack, "controllers", {
    configPath: "placementGroups.controllers",
    ...rest,
    outpost,
  });
  return { stack, group };
}

describe("SpreadPlacementGroup", () => {
  it("creates a host-level spread group for an Outpost", () => {
    const { stack, group } = build({ spreadLevel: "host" });
    expect(resourcesOf(synthJson(stack), "aws_placement_group")).toEqual({
      "controllers_placement-group": {
        name: "outpost-factory-dev-controllers",
        strategy: "spread",
        spread_level: "host",
        tags: { Name: "outpost-factory-dev-controllers" },
      },
    });
    expect(group.name).toBe("outpost-factory-dev-controllers");
  });

  it("spreads over racks by default, on an Outpost or in the Region", () => {
    for (const onOutpost of [true, false]) {
      const { stack } = build({ onOutpost, instances: 7, racks: 7 });
      expect(
        resourcesOf(synthJson(stack), "aws_placement_group")["controllers_placement-group"]
          .spread_level,
      ).toBe("rack");
    }
  });

  it("accepts as many instances in a rack spread group as the Outpost has racks", () => {
    const { stack } = build({ spreadLevel: "rack", instances: 2, racks: 2 });
    expect(
      resourcesOf(synthJson(stack), "aws_placement_group")["controllers_placement-group"]
        .spread_level,
    ).toBe("rack");
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe("SpreadPlacementGroup rules", () => {
  it("rejects host-level spread off an Outpost", () => {
    expectConfigError(
      configError(() => build({ onOutpost: false, spreadLevel: "host" })),
      "EDGE_PLACEMENT_HOST_SPREAD",
      'EDGE_PLACEMENT_HOST_SPREAD at placementGroups.controllers.spreadLevel: host-level spread placement groups exist only on Outposts, and this group is not on one (got "host"); fix: give the group its Outpost, or use spreadLevel "rack" in the Region',
    );
  });

  it("rejects more than seven instances in a rack spread group", () => {
    expectConfigError(
      configError(() => build({ spreadLevel: "rack", instances: 8, racks: 8 })),
      "EDGE_PLACEMENT_RACK_LIMIT",
      'EDGE_PLACEMENT_RACK_LIMIT at placementGroups.controllers.instances: a rack-level spread placement group holds at most 7 running instances per availability zone (got 8); fix: split the instances over 2 groups, or use spreadLevel "host"',
    );
  });

  it("suggests a partition group for a large Region group", () => {
    expect(configError(() => build({ onOutpost: false, instances: 15 })).fix).toBe(
      "split the instances over 3 groups, or use a partition placement group",
    );
  });

  it("allows any number of instances in a host-level spread group", () => {
    expect(() => build({ spreadLevel: "host", instances: 40 })).not.toThrow();
  });

  // Rack spread puts each instance on a rack of its own (CDK PlacementGroupSpreadLevel.RACK:
  // "Each instance is launched on a separate rack"): both numbers are config, so an error.
  it("rejects more instances in a rack spread group than the Outpost has racks", () => {
    expectConfigError(
      configError(() => build({ spreadLevel: "rack", instances: 3, racks: 2 })),
      "EDGE_OUTPOST_SPREAD_RACKS",
      'EDGE_OUTPOST_SPREAD_RACKS at placementGroups.controllers.instances: a rack-level spread group puts each instance on a rack of its own, and the Outpost has 2 racks (outpost.racks), so at most 2 of 3 instances can run in the group (got 3); fix: plan at most 2 instances in the group, use spreadLevel "host" to keep them on distinct hosts, or set outpost.racks to the racks the Outpost really has',
    );
  });

  it("reports the racks, not the per-zone limit, when the Outpost has fewer than seven racks", () => {
    const err = configError(() => build({ spreadLevel: "rack", instances: 9, racks: 1 }));
    expect([err.code, err.fix]).toEqual([
      "EDGE_OUTPOST_SPREAD_RACKS",
      'plan at most 1 instance in the group, use spreadLevel "host" to keep them on distinct hosts, or set outpost.racks to the racks the Outpost really has',
    ]);
  });

  it("rejects an unknown spread level", () => {
    expectConfigError(
      configError(() => build({ spreadLevel: "partition" as never })),
      "EDGE_CONFIG_VALUE",
      'EDGE_CONFIG_VALUE at placementGroups.controllers.spreadLevel: not one of the allowed values (got "partition"); fix: use "host" (Outposts only) or "rack"',
    );
  });
});
