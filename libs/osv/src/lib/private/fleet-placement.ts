import { isUnresolved, zoneKindLabel, type ConfigCheck, type PlacementGroupFacts } from "@edge/core";
import type {
  OsvLaunchTemplateProps,
  OsvPlacementStrategy,
  OsvSpreadLevel,
} from "../osv-launch-template-props";
import { article, isInt } from "./checks";
import type { FleetZones } from "./fleet-zones";

// Placement group limits: EC2 UG, placement groups (SOURCES.placement).
/** Rack-level spread: at most seven running instances per Availability Zone per group. */
export const RACK_SPREAD_LIMIT = 7;
/** Partition placement groups: at most seven partitions per Availability Zone. */
export const MAX_PARTITIONS = 7;

/** The placement group to create, or the existing one to use. */
export type PlacementSettings =
  | {
      readonly create: true;
      readonly strategy: OsvPlacementStrategy;
      readonly partitionCount?: number;
      readonly spreadLevel?: OsvSpreadLevel;
    }
  | { readonly create: false; readonly name: string };

/**
 * Checks the placement options: an existing group by name, or a cluster (one zone), partition
 * (1 to 7 partitions) or spread group (host level only on Outposts, rack level at most 7 running
 * instances per zone).
 */
export function checkPlacement(
  props: OsvLaunchTemplateProps,
  zones: FleetZones,
  size: { asg: boolean; planned: number; at: { readonly key: string; readonly value: unknown } },
  path: string,
  check: ConfigCheck,
  groupFacts?: (name: string) => PlacementGroupFacts | undefined,
): PlacementSettings | undefined {
  const strategy = props.placementStrategy;
  if (props.placementGroupName !== undefined) {
    check.expect(
      strategy === undefined &&
        props.partitionCount === undefined &&
        props.spreadLevel === undefined,
      {
        code: "EDGE_PLACEMENT_OPTIONS",
        path: `${path}.placementGroupName`,
        value: props.placementGroupName,
        problem: "an existing placement group is named, and placement options would create another",
        fix: "remove placementStrategy, partitionCount and spreadLevel, or remove placementGroupName",
      },
    );
    // A rack spread group of this stack (an Outpost's SpreadPlacementGroup) holds one host per rack.
    const facts = groupFacts?.(props.placementGroupName);
    if (facts?.spreadLevel === "rack") {
      const racksPath =
        facts.racksPath ?? (props.outpost?.configPath !== undefined ? `${props.outpost.configPath}.racks` : undefined);
      checkRackSpread(check, zones, size, path, facts.racks ?? props.outpost?.racks, racksPath, facts.configPath);
    }
    return { create: false, name: props.placementGroupName };
  }
  if (strategy === undefined) {
    for (const key of ["partitionCount", "spreadLevel"] as const) {
      if (props[key] === undefined) continue;
      check.fail({
        code: "EDGE_PLACEMENT_OPTIONS",
        path: `${path}.${key}`,
        value: props[key],
        problem: `${key} configures a placement group, and no placementStrategy is given`,
        fix: `set placementStrategy to "${key === "partitionCount" ? "partition" : "spread"}", or remove ${key}`,
      });
    }
    return undefined;
  }
  if (!["cluster", "partition", "spread"].includes(strategy)) {
    check.fail({
      code: "EDGE_PLACEMENT_OPTIONS",
      path: `${path}.placementStrategy`,
      value: strategy,
      problem: "not one of the allowed values",
      fix: 'use "cluster", "partition" or "spread"',
    });
    return undefined;
  }
  check.expect(!(props.partitionCount !== undefined && strategy !== "partition"), {
    code: "EDGE_PLACEMENT_OPTIONS",
    path: `${path}.partitionCount`,
    value: props.partitionCount,
    problem: `partitions belong to partition placement groups, and this one is ${strategy}`,
    fix: 'remove partitionCount, or use placementStrategy "partition"',
  });
  check.expect(!(props.spreadLevel !== undefined && strategy !== "spread"), {
    code: "EDGE_PLACEMENT_OPTIONS",
    path: `${path}.spreadLevel`,
    value: props.spreadLevel,
    problem: `a spread level belongs to spread placement groups, and this one is ${strategy}`,
    fix: 'remove spreadLevel, or use placementStrategy "spread"',
  });

  if (strategy === "cluster") {
    // A cluster placement group lives in one Availability Zone (EC2 UG, placement groups).
    check.expect(zones.zones.length <= 1, {
      code: "EDGE_PLACEMENT_CLUSTER_ZONES",
      path: `${path}.placementStrategy`,
      value: strategy,
      problem: `a cluster placement group lives in one availability zone, and the subnets are in ${zones.zones.map((z) => z.name).join(", ")}`,
      fix: 'pass subnets of one zone, or use "partition" or "spread" across zones',
    });
    return { create: true, strategy };
  }
  if (strategy === "partition") {
    const count = props.partitionCount ?? 2;
    check.expect(isInt(count, 1) && count <= MAX_PARTITIONS, {
      code: "EDGE_PLACEMENT_PARTITIONS",
      path: `${path}.partitionCount`,
      value: count,
      problem: `a partition placement group has 1 to ${MAX_PARTITIONS} partitions per availability zone`,
      fix: `give a partition count from 1 to ${MAX_PARTITIONS}`,
    });
    return { create: true, strategy, partitionCount: count };
  }
  const spreadLevel = props.spreadLevel ?? "rack";
  if (spreadLevel !== "host" && spreadLevel !== "rack") {
    check.fail({
      code: "EDGE_PLACEMENT_OPTIONS",
      path: `${path}.spreadLevel`,
      value: spreadLevel,
      problem: "not one of the allowed values",
      fix: 'use "host" (Outposts only) or "rack"',
    });
    return undefined;
  }
  // Host-level spread exists only on Outposts (EC2 API PlacementGroup.SpreadLevel).
  check.expect(!(spreadLevel === "host" && zones.kind !== undefined && zones.kind !== "outpost"), {
    code: "EDGE_PLACEMENT_HOST_SPREAD",
    path: `${path}.spreadLevel`,
    value: spreadLevel,
    problem: `host-level spread placement groups exist only on Outposts, and this fleet is in ${article(zoneKindLabel(zones.kind ?? "availability-zone"))}`,
    fix: 'use spreadLevel "rack", or place the fleet in Outpost subnets',
  });
  if (spreadLevel === "rack") {
    const racks = zones.kind === "outpost" ? props.outpost?.racks : undefined;
    const racksPath = props.outpost?.configPath !== undefined ? `${props.outpost.configPath}.racks` : undefined;
    checkRackSpread(check, zones, size, path, racks, racksPath);
  }
  return { create: true, strategy, spreadLevel };
}

/** Fixed instances go round-robin over the subnets: how many land in each zone. */
function perZoneCounts(zones: FleetZones, count: number): Record<string, number> {
  const names = zones.subnetZones;
  const out: Record<string, number> = {};
  for (let i = 0; i < count && names.length > 0; i++) {
    const zone = names[i % names.length] ?? "(unknown)";
    out[zone] = (out[zone] ?? 0) + 1;
  }
  return out;
}

/**
 * Rack spread: seven running instances per AZ per group (an Auto Scaling group balances its
 * instances across its zones, so its max size is spread evenly; fixed instances go round-robin),
 * and on an Outpost one instance per rack (CDK PlacementGroupSpreadLevel.RACK: "Each instance is
 * launched on a separate rack").
 */
function checkRackSpread(
  check: ConfigCheck,
  zones: FleetZones,
  size: { asg: boolean; planned: number; at: { readonly key: string; readonly value: unknown } },
  path: string,
  racks: number | undefined,
  racksPath: string | undefined,
  groupPath?: string,
): void {
  const planned = size.planned;
  if (isUnresolved(planned)) return;
  const zoneCount = Math.max(zones.zones.length, 1);
  const worst = size.asg
    ? Math.ceil(planned / zoneCount)
    : Math.max(0, ...Object.values(perZoneCounts(zones, planned)));
  const countAt = `${path}.${size.at.key}`;
  const group = groupPath === undefined ? "a rack-level spread placement group" : `the rack-level spread placement group at ${groupPath}`;
  if (typeof racks === "number" && racks < RACK_SPREAD_LIMIT && worst > racks) {
    const at = racksPath ?? "outpost.racks";
    check.fail({
      code: "EDGE_OUTPOST_SPREAD_RACKS",
      path: countAt,
      value: size.at.value,
      problem: `${group} puts each instance on a rack of its own, and the Outpost has ${racks} rack${racks === 1 ? "" : "s"} (${at}), so at most ${racks} of ${worst} instances can run`,
      fix: `lower ${size.at.key} to ${racks}, use ${groupPath === undefined ? 'spreadLevel "host"' : "a host-level spread group"} to keep the hosts on distinct hosts, or set ${at} to the racks the Outpost really has`,
    });
    return;
  }
  check.expect(worst <= RACK_SPREAD_LIMIT, {
    code: "EDGE_PLACEMENT_RACK_LIMIT",
    path: countAt,
    value: size.at.value,
    problem: `${group} holds at most ${RACK_SPREAD_LIMIT} running instances per availability zone, and this fleet plans up to ${worst} in one zone`,
    fix: `lower ${size.at.key} to ${RACK_SPREAD_LIMIT * zoneCount}${zones.kind === "outpost" ? ', use spreadLevel "host"' : ""} or use a partition placement group`,
  });
}
