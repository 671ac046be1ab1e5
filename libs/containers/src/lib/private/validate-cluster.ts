import {
  ConfigCheck,
  isArm64,
  isUnresolved,
  parseZone,
  zoneKindLabel,
  type EdgeSubnet,
  type Zone,
  type ZoneCatalog,
  type ZoneKind,
} from "@edge/core";
import { fargateOffered, CONTAINER_SOURCES } from "../container-facts";
import type { EdgeContainerClusterProps } from "../container-cluster-props";

/** Root volume type on an Outpost when none is given (gp2: conservative, as for OSv hosts). */
const OUTPOST_DEFAULT_VOLUME_TYPE = "gp2";
/** The ECS-optimized Amazon Linux 2023 AMI's root snapshot is 30 GiB. */
export const MIN_ROOT_GIB = 30;

/** One zone of the capacity: its Auto Scaling group and capacity provider. */
export interface CapacityZone {
  /** The zone name (an Outpost subnet's AZ). */
  readonly name: string;
  readonly zone: Zone;
  readonly subnets: readonly EdgeSubnet[];
}

/** The validated capacity. */
export interface ClusterSettings {
  readonly kind: ZoneKind;
  readonly zones: readonly CapacityZone[];
  readonly rootVolumeType: string;
  readonly rootVolumeSizeGiB: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly targetCapacity: number;
  readonly carrierIp: boolean;
}

interface Context {
  readonly region: string;
  readonly path: string;
  /** Where the capacity settings are written (`<path>.capacity` in cluster props, `<path>` in a site config). */
  readonly capacityPath: string;
  readonly catalog: ZoneCatalog;
}

/** Checks the cluster props; every problem at once, as `EdgeConfigError`s. */
export function validateClusterProps(
  props: EdgeContainerClusterProps,
  ctx: Context,
  check: ConfigCheck,
): ClusterSettings {
  const cap = props.capacity;
  const path = ctx.capacityPath;
  const byZone = new Map<string, { zone: Zone; subnets: EdgeSubnet[] }>();
  const kinds = new Set<ZoneKind>();
  if (cap.subnets.length === 0) {
    check.fail({
      code: "EDGE_ECS_SUBNETS",
      path: `${path}.subnets`,
      value: cap.subnets,
      problem: "the capacity needs at least one subnet",
      fix: "pass the private subnets the container instances launch in",
    });
  }
  cap.subnets.forEach((s, i) => {
    check.collect(() => {
      const zone = parseZone(s.zone, {
        region: ctx.region,
        path: `${path}.subnets[${i}].zone`,
        kinds: s.outpostArn ? ["availability-zone"] : undefined,
      });
      kinds.add(s.outpostArn ? "outpost" : zone.kind);
      const entry = byZone.get(zone.name) ?? { zone, subnets: [] };
      entry.subnets.push(s);
      byZone.set(zone.name, entry);
    });
  });
  if (kinds.size > 1) {
    check.fail({
      code: "EDGE_ECS_ZONE_MIX",
      path: `${path}.subnets`,
      value: cap.subnets.map((s) => (s.outpostArn ? `${s.zone} (outpost)` : s.zone)),
      problem: `the subnets are in more than one kind of zone (${[...kinds].map(zoneKindLabel).join(", ")}); one launch template cannot fit them all`,
      fix: "make one cluster per zone kind",
    });
  }
  const kind: ZoneKind = [...kinds][0] ?? "availability-zone";
  const zones = [...byZone.entries()].map(([name, v]) => ({ name, ...v }));

  // --- Fargate: availability zones only -------------------------------------------------------
  if (props.fargate === true && !fargateOffered(kind)) {
    check.fail({
      code: "EDGE_ECS_FARGATE_ZONE",
      path: `${ctx.path}.fargate`,
      value: true,
      problem: `fargate is not offered in ${withArticle(zoneKindLabel(kind))} (${CONTAINER_SOURCES.fargate})`,
      fix: "run the tasks on the cluster's EC2 capacity (leave fargate off), or move them to a region site",
    });
  }

  // --- Instance type: the zone catalog (or the Outpost's ordered types) -----------------------
  const type = cap.instanceType;
  if (!isUnresolved(type)) {
    if (isArm64(type)) {
      check.fail({
        code: "EDGE_ECS_INSTANCE_TYPE",
        path: `${path}.instanceType`,
        value: type,
        problem: `${type} is an arm64 (Graviton) type, and the capacity boots the x86_64 ECS-optimized AMI`,
        fix: "choose an x86_64 instance type",
      });
    } else if (kind === "outpost") {
      // As for the OSv hosts on an Outpost: the capacity it was ordered with.
      const offered = cap.outpost?.instanceTypes;
      if (offered && !offered.includes(type)) {
        check.fail({
          code: "EDGE_OUTPOST_INSTANCE_TYPE",
          path: `${path}.instanceType`,
          value: type,
          problem: `the Outpost has no ${type} capacity: it offers only ${offered.join(", ")}`,
          fix: `use one of ${offered.join(", ")}, or order ${type} capacity and add it to the Outpost's instance types`,
        });
      }
    } else if (kind !== "availability-zone") {
      // As for the OSv hosts in Local and Wavelength Zones: the zone catalog, or the site's own
      // list; the account's real offerings are a plan-time precondition on the launch template.
      for (const z of zones) {
        const offer = cap.allowedInstanceTypes ?? ctx.catalog.factsFor(z.zone).instanceTypes.value;
        if (offer === "region" || offer.includes(type)) continue;
        check.fail({
          code: "EDGE_ZONE_INSTANCE_TYPE",
          path: `${path}.instanceType`,
          value: type,
          problem: `${z.name} does not offer ${type} (offers ${offer.join(", ")})`,
          fix: `use one of ${offer.join(", ")}, or override the zone's instance types (allowedInstanceTypes or the catalog) with the source you read`,
        });
      }
    }
  }
  if (kind === "outpost" && cap.outpost === undefined) {
    check.fail({
      code: "EDGE_ECS_OUTPOST",
      path: `${path}.outpost`,
      value: undefined,
      problem:
        "the subnets are outpost subnets, and the capacity needs the outpost's ordered instance types",
      fix: "pass the Outpost construct (or its arn and instanceTypes) as capacity.outpost",
    });
  }

  // --- Root volume type: the zone catalog ---------------------------------------------------
  const first = zones[0]?.zone;
  const defaultType =
    kind === "outpost" || !first
      ? OUTPOST_DEFAULT_VOLUME_TYPE
      : ctx.catalog.defaultEbsVolumeType(first);
  const rootVolumeType = cap.rootVolumeType ?? defaultType;
  if (cap.rootVolumeType !== undefined && kind !== "outpost") {
    for (const z of zones) {
      const offered = ctx.catalog.factsFor(z.zone).ebsVolumeTypes.value;
      if (offered.includes(cap.rootVolumeType)) continue;
      // The OSv hosts' rule and message (zone catalog: ebsVolumeTypes, with its source).
      check.fail({
        code: "EDGE_ZONE_EBS_TYPE",
        path: `${path}.rootVolumeType`,
        value: cap.rootVolumeType,
        problem: `${z.name} does not offer EBS volume type ${cap.rootVolumeType} (offers ${offered.join(", ")})`,
        fix: `use ${offered.join(" or ")}`,
      });
    }
  }
  const rootVolumeSizeGiB = cap.rootVolumeSizeGiB ?? MIN_ROOT_GIB;
  check.expect(Number.isInteger(rootVolumeSizeGiB) && rootVolumeSizeGiB >= MIN_ROOT_GIB, {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.rootVolumeSizeGiB`,
    value: cap.rootVolumeSizeGiB,
    problem: `the root volume must hold the ECS-optimized AMI's ${MIN_ROOT_GIB} GiB snapshot`,
    fix: `use at least ${MIN_ROOT_GIB}`,
  });

  // --- Sizes -------------------------------------------------------------------------------
  const minSize = cap.minSizePerZone ?? 1;
  const maxSize = cap.maxSizePerZone ?? Math.max(2, minSize);
  check.expect(Number.isInteger(minSize) && minSize >= 0 && maxSize >= minSize && maxSize >= 1, {
    code: "EDGE_ECS_ASG_SIZE",
    path: `${path}.maxSizePerZone`,
    value: { minSizePerZone: minSize, maxSizePerZone: maxSize },
    problem: "each zone needs 0 <= minSizePerZone <= maxSizePerZone and maxSizePerZone >= 1",
    fix: "raise maxSizePerZone or lower minSizePerZone",
  });
  const targetCapacity = cap.targetCapacityPercent ?? 100;
  check.expect(Number.isInteger(targetCapacity) && targetCapacity >= 1 && targetCapacity <= 100, {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.targetCapacityPercent`,
    value: cap.targetCapacityPercent,
    problem: "managed scaling's target capacity is a percent from 1 to 100",
    fix: "use a whole number from 1 to 100",
  });

  // --- Carrier IPs: Wavelength only ------------------------------------------------------------
  const carrierIp = cap.associateCarrierIpAddress ?? kind === "wavelength-zone";
  if (carrierIp && kind !== "wavelength-zone") {
    check.fail({
      code: "EDGE_ECS_CARRIER_ZONE",
      path: `${path}.associateCarrierIpAddress`,
      value: true,
      problem: `carrier IPs exist only in Wavelength Zones, and the capacity is in ${withArticle(zoneKindLabel(kind))}`,
      fix: "leave associateCarrierIpAddress unset outside Wavelength Zones",
    });
  }
  return {
    kind,
    zones,
    rootVolumeType,
    rootVolumeSizeGiB,
    minSize,
    maxSize,
    targetCapacity,
    carrierIp,
  };
}

export function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}
