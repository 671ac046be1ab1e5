import {
  isUnresolved,
  parseZone,
  zoneKindLabel,
  type ConfigCheck,
  type EdgeSubnet,
  type Zone,
  type ZoneCatalog,
  type ZoneKind,
} from "@edge/core";
import type { OsvLaunchTemplateProps } from "../osv-launch-template-props";
import type { FleetContext } from "./checks";

/** Root volume type on an Outpost when none is given (SOURCES.outpostEbs: unverified, conservative). */
const OUTPOST_DEFAULT_VOLUME_TYPE = "gp2";

/** Where the fleet's subnets are. */
export interface FleetZones {
  /** The zone kind of every subnet; undefined when a zone is only known at apply time. */
  readonly kind?: ZoneKind;
  /** The parsed zones (the Outpost's AZ for Outpost subnets), without duplicates. */
  readonly zones: readonly Zone[];
  /** The zone name of each subnet, in subnet order (undefined where only known at apply time). */
  readonly subnetZones: readonly (string | undefined)[];
}

/** Parses each subnet's zone; one zone kind (and one Outpost) per fleet. */
export function resolveZones(
  props: OsvLaunchTemplateProps,
  ctx: FleetContext,
  check: ConfigCheck,
): FleetZones {
  const { path } = ctx;
  const subnets: readonly EdgeSubnet[] = Array.isArray(props.subnets) ? props.subnets : [];
  if (subnets.length === 0) {
    check.fail({
      code: "EDGE_OSV_SUBNETS",
      path: `${path}.subnets`,
      value: props.subnets,
      problem: "a fleet needs at least one subnet",
      fix: "pass the subnets the hosts launch in, e.g. hub.privateEdgeSubnets",
    });
    return { zones: [], subnetZones: [] };
  }
  const kinds = new Set<ZoneKind>();
  const outposts = new Set<string>();
  const zones = new Map<string, Zone>();
  const subnetZones: (string | undefined)[] = [];
  let unknown = false;
  subnets.forEach((s, i) => {
    const where = `${path}.subnets[${i}]`;
    subnetZones.push(isUnresolved(s.zone) ? undefined : s.zone);
    if (isUnresolved(s.zone)) {
      unknown = true;
      return;
    }
    let zone: Zone | undefined;
    check.collect(() => {
      zone = parseZone(s.zone, {
        region: ctx.region,
        path: `${where}.zone`,
        kinds: s.outpostArn ? ["availability-zone"] : undefined,
      });
    });
    if (!zone) return;
    zones.set(zone.name, zone);
    if (s.outpostArn !== undefined) {
      kinds.add("outpost");
      outposts.add(String(s.outpostArn));
    } else {
      kinds.add(zone.kind);
    }
  });
  if (kinds.size > 1) {
    check.fail({
      code: "EDGE_OSV_ZONE_MIX",
      path: `${path}.subnets`,
      // The zones as given; which of them are on an Outpost is part of the problem.
      value: subnets.map((s) => s.zone),
      problem: `the subnets are in more than one kind of zone (${[...kinds].map((k) => zoneKindLabel(k)).join(", ")}${subnets.some((s) => s.outpostArn) ? `; on an Outpost: ${subnets.filter((s) => s.outpostArn).map((s) => s.zone).join(", ")}` : ""}), and one launch template cannot fit them all: network interfaces, volume types and instance types differ per zone kind`,
      fix: "make one fleet per zone kind",
    });
  }
  if (outposts.size > 1) {
    check.fail({
      code: "EDGE_OSV_ZONE_MIX",
      path: `${path}.subnets`,
      value: [...outposts],
      problem: "the subnets are on more than one Outpost",
      fix: "make one fleet per Outpost",
    });
  }
  const kind = unknown || kinds.size !== 1 ? undefined : [...kinds][0];
  if (kind === "outpost") {
    const arn = [...outposts][0];
    if (props.outpost === undefined) {
      check.fail({
        code: "EDGE_OSV_OUTPOST",
        path: `${path}.outpost`,
        value: undefined,
        problem:
          "the subnets are on an Outpost, and the fleet needs the Outpost to check its instance types against the capacity it was ordered with",
        fix: "pass the Outpost construct from @edge/outposts (or { arn, instanceTypes })",
      });
    } else if (
      !isUnresolved(props.outpost.arn) &&
      !isUnresolved(arn) &&
      props.outpost.arn !== arn
    ) {
      check.fail({
        code: "EDGE_OSV_OUTPOST",
        path: `${path}.outpost.arn`,
        value: props.outpost.arn,
        problem: `the subnets are on ${arn}, not on this Outpost`,
        fix: "pass the Outpost the subnets belong to",
      });
    }
  } else if (props.outpost !== undefined && kind !== undefined) {
    check.fail({
      code: "EDGE_OSV_OUTPOST",
      path: `${path}.outpost`,
      value: props.outpost.arn,
      problem: "an Outpost is given, and none of the subnets is on it",
      fix: "remove outpost, or pass the Outpost's subnets (with outpostArn)",
    });
  }
  return { ...(kind ? { kind } : {}), zones: [...zones.values()], subnetZones };
}

/** Instance types from the catalog (Local and Wavelength Zones) or the Outpost's capacity. */
export function checkZoneOffers(
  type: string,
  where: string,
  zones: FleetZones,
  props: OsvLaunchTemplateProps,
  ctx: FleetContext,
  check: ConfigCheck,
): void {
  if (zones.kind === "outpost") {
    const offered = props.outpost?.instanceTypes;
    if (!offered) return;
    check.expect(offered.includes(type), {
      code: "EDGE_OUTPOST_INSTANCE_TYPE",
      path: where,
      value: type,
      problem: `the Outpost has no ${type} capacity: it offers only ${offered.join(", ")}`,
      fix: `use one of ${offered.join(", ")}, or order ${type} capacity and add it to the Outpost's instance types`,
    });
    return;
  }
  for (const zone of zones.zones) {
    // The site's own list (e.g. WavelengthZone.allowedInstanceTypes, read from a newer source)
    // replaces the catalog's for Local and Wavelength Zones.
    const offer =
      props.allowedInstanceTypes !== undefined && zone.kind !== "availability-zone"
        ? props.allowedInstanceTypes
        : ctx.catalog.factsFor(zone).instanceTypes.value;
    if (offer === "region" || offer.includes(type)) continue;
    check.fail({
      code: "EDGE_ZONE_INSTANCE_TYPE",
      path: where,
      value: type,
      problem: `${zone.name} does not offer ${type} (offers ${offer.join(", ")})`,
      fix: `use one of ${offer.join(", ")}, or override the zone's instance types (allowedInstanceTypes or the catalog) with the source you read`,
    });
  }
}

/** gp3 where every zone offers it, else gp2 (and gp2 on an Outpost). */
export function defaultVolumeType(zones: FleetZones, catalog: ZoneCatalog): string {
  if (zones.kind === "outpost") return OUTPOST_DEFAULT_VOLUME_TYPE;
  const list =
    zones.zones.length > 0 ? zones.zones : [{ kind: "availability-zone" as const, name: "" }];
  const types = list.map((z) => catalog.defaultEbsVolumeType(z));
  return types.every((t) => t === "gp3") ? "gp3" : "gp2";
}
