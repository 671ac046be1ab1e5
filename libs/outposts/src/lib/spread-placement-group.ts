import { PlacementGroup } from "@cdktf/provider-aws/lib/placement-group";
import { ConfigCheck, EdgeStack, registerPlacementGroup } from "@edge/core";
import { Construct } from "constructs";
import type { IOutpost } from "./outpost";

/** What a spread placement group keeps apart: hosts (Outposts only) or racks. */
export type SpreadLevel = "host" | "rack";

/** Props of {@link SpreadPlacementGroup}. */
export interface SpreadPlacementGroupProps {
  /** Keep instances on distinct hosts (Outposts only) or distinct racks. @default "rack" */
  readonly spreadLevel?: SpreadLevel;
  /** The Outpost whose instances join the group. @default - a Region group */
  readonly outpost?: IOutpost;
  /** Running instances planned in the group, checked against the rack-spread limit. @default - not checked */
  readonly instances?: number;
  /** Placement group name. @default `stack.physicalName(id)` */
  readonly name?: string;
  /** Config path of these props, for errors. @default "placementGroup" */
  readonly configPath?: string;
}

/** Rack-level spread: at most 7 running instances per availability zone per group. */
export const RACK_SPREAD_MAX_INSTANCES = 7;

/**
 * A spread placement group of the kinds an Outpost allows: `spread_level = "host"`, which only
 * Outposts offer, or rack-level spread, limited to {@link RACK_SPREAD_MAX_INSTANCES} running
 * instances. Sources: CDK `PlacementGroupSpreadLevel` ("Host spread level placement groups are
 * only available with AWS Outposts"; "For rack spread level placement groups, you can have a
 * maximum of seven running instances per Availability Zone per group"), EC2 API
 * `PlacementGroup.SpreadLevel` ("Only Outpost placement groups can be spread across hosts").
 */
export class SpreadPlacementGroup extends Construct {
  readonly placementGroup: PlacementGroup;
  /** The group's name, for launch templates and instances. */
  readonly name: string;
  readonly spreadLevel: SpreadLevel;

  constructor(scope: Construct, id: string, props: SpreadPlacementGroupProps = {}) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "placementGroup";
    const spreadLevel = props.spreadLevel ?? "rack";
    const check = new ConfigCheck(this.node.path);
    check.expect(spreadLevel === "host" || spreadLevel === "rack", {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.spreadLevel`,
      value: spreadLevel,
      problem: "not one of the allowed values",
      fix: 'use "host" (Outposts only) or "rack"',
    });
    check.expect(!(spreadLevel === "host" && props.outpost === undefined), {
      code: "EDGE_PLACEMENT_HOST_SPREAD",
      path: `${path}.spreadLevel`,
      value: spreadLevel,
      problem:
        "host-level spread placement groups exist only on Outposts, and this group is not on one",
      fix: 'give the group its Outpost, or use spreadLevel "rack" in the Region',
    });
    // Rack spread puts each instance on its own rack (CDK PlacementGroupSpreadLevel.RACK: "Each
    // instance is launched on a separate rack"), so an Outpost fits at most one per rack: both
    // numbers are in config, so more instances than racks is a config error, not a warning.
    const racks = props.outpost?.racks;
    const racksBind =
      spreadLevel === "rack" &&
      typeof props.instances === "number" &&
      Number.isInteger(props.instances) &&
      typeof racks === "number" &&
      racks < RACK_SPREAD_MAX_INSTANCES &&
      props.instances > racks;
    if (props.instances !== undefined) {
      check.expect(Number.isInteger(props.instances) && props.instances >= 1, {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.instances`,
        value: props.instances,
        problem: "the planned instance count must be a whole number of at least 1",
        fix: "give the number of running instances planned in the group, or leave it out",
      });
      check.expect(
        !(spreadLevel === "rack" && !racksBind && props.instances > RACK_SPREAD_MAX_INSTANCES),
        {
          code: "EDGE_PLACEMENT_RACK_LIMIT",
          path: `${path}.instances`,
          value: props.instances,
          problem: `a rack-level spread placement group holds at most ${RACK_SPREAD_MAX_INSTANCES} running instances per availability zone`,
          fix: `split the instances over ${Math.ceil(props.instances / RACK_SPREAD_MAX_INSTANCES)} groups, or use ${props.outpost ? 'spreadLevel "host"' : "a partition placement group"}`,
        },
      );
    }
    if (racksBind) {
      const racksPath = `${props.outpost?.configPath ?? "outpost"}.racks`;
      check.fail({
        code: "EDGE_OUTPOST_SPREAD_RACKS",
        path: `${path}.instances`,
        value: props.instances,
        problem: `a rack-level spread group puts each instance on a rack of its own, and the Outpost has ${racks} rack${racks === 1 ? "" : "s"} (${racksPath}), so at most ${racks} of ${props.instances} instances can run in the group`,
        fix: `plan at most ${racks} instance${racks === 1 ? "" : "s"} in the group, use spreadLevel "host" to keep them on distinct hosts, or set ${racksPath} to the racks the Outpost really has`,
      });
    }
    check.throwIfFailed();

    this.spreadLevel = spreadLevel;
    this.name = props.name ?? stack.physicalName(id);
    this.placementGroup = new PlacementGroup(this, "placement-group", {
      name: this.name,
      strategy: "spread",
      spreadLevel,
      tags: { Name: this.name },
    });
    // Fleets launched into the group by name check their host count against its racks.
    registerPlacementGroup(this, [this.name, this.placementGroup.name], {
      spreadLevel,
      ...(props.outpost
        ? { racks: props.outpost.racks, racksPath: `${props.outpost.configPath ?? "outpost"}.racks` }
        : {}),
      configPath: path,
    });
  }
}
