import { isUnresolved, type ConfigCheck } from "@edge/core";
import type { OsvAutoScalingFleetProps } from "../osv-auto-scaling-fleet";
import { isInt } from "./checks";

/** The group's props with defaults applied. */
export interface AutoScalingSettings {
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly spot: boolean;
  /** The prop, as written, that sets the group's maximum (maxSize, else the size it defaults from). */
  readonly maxSizeAt: { readonly key: string; readonly value: unknown };
}

/** The Auto Scaling group's own rules: sizes, health checks, refresh, on-demand and Spot. */
export function checkAutoScalingProps(
  props: OsvAutoScalingFleetProps,
  path: string,
  check: ConfigCheck,
): AutoScalingSettings {
  const minSize = props.minSize ?? 1;
  const desiredCapacity = props.desiredCapacity ?? minSize;
  const maxSize = props.maxSize ?? Math.max(minSize, desiredCapacity);
  {
    const sizes = { minSize, desiredCapacity, maxSize };
    let sizesOk = true;
    for (const [key, value] of Object.entries(sizes)) {
      // Only sizes as written: a default derived from a bad size is not a second error.
      if (props[key as keyof typeof sizes] === undefined || isUnresolved(value)) continue;
      if (!isInt(value, key === "maxSize" ? 1 : 0)) {
        sizesOk = false;
        check.fail({
          code: "EDGE_OSV_ASG_SIZE",
          path: `${path}.${key}`,
          value,
          problem: `${key} must be a whole number of at least ${key === "maxSize" ? 1 : 0}`,
          fix: `give a whole number of instances${key === "maxSize" ? " of at least 1" : ""}, such as ${Math.max(Math.trunc(Number(value)) || 0, key === "maxSize" ? 1 : 0)}`,
        });
      }
    }
    if (
      sizesOk &&
      ![minSize, desiredCapacity, maxSize].some(isUnresolved) &&
      !(minSize <= desiredCapacity && desiredCapacity <= maxSize)
    ) {
      // Reported at a size the user wrote, with the value written there: desiredCapacity when
      // given, else minSize (maxSize given alone defaults the others below it).
      const key = props.desiredCapacity !== undefined ? "desiredCapacity" : "minSize";
      const shown = (k: keyof typeof sizes) =>
        `${k} ${sizes[k]}${props[k] === undefined ? " (default)" : ""}`;
      check.fail({
        code: "EDGE_OSV_ASG_SIZE",
        path: `${path}.${key}`,
        value: props[key],
        problem: `the group needs minSize <= desiredCapacity <= maxSize, and ${shown("minSize")}, ${shown("desiredCapacity")}, ${shown("maxSize")} are out of order`,
        fix:
          key === "desiredCapacity"
            ? `give a desiredCapacity from ${minSize} to ${maxSize}${desiredCapacity > maxSize ? `, or raise maxSize to ${desiredCapacity}` : `, or lower minSize to ${desiredCapacity}`}`
            : `give a minSize of at most ${maxSize}, or raise maxSize to ${minSize}`,
      });
    }
  }

  if (props.healthCheckType !== undefined) {
    check.expect(props.healthCheckType === "EC2" || props.healthCheckType === "ELB", {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.healthCheckType`,
      value: props.healthCheckType,
      problem: "not one of the allowed values",
      fix: 'use "EC2", or "ELB" when the hosts are behind target groups',
    });
  }
  if (props.healthCheckGracePeriodSeconds !== undefined) {
    check.expect(isInt(props.healthCheckGracePeriodSeconds, 0), {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.healthCheckGracePeriodSeconds`,
      value: props.healthCheckGracePeriodSeconds,
      problem: "the grace period is a whole number of seconds",
      fix: "give the seconds a new host needs before its first health check",
    });
  }
  if (props.instanceRefreshMinHealthyPercentage !== undefined) {
    const p = props.instanceRefreshMinHealthyPercentage;
    check.expect(isInt(p, 0) && p <= 100, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.instanceRefreshMinHealthyPercentage`,
      value: p,
      problem: "the healthy percentage is a whole number from 0 to 100",
      fix: "give the percentage of the group kept in service during a refresh, such as 90",
    });
  }

  // Spot only for fleets declared interruptible (Spot Instances can be reclaimed at any time).
  const onDemandPct = props.onDemandPercentageAboveBaseCapacity ?? 100;
  check.expect(
    typeof onDemandPct === "number" &&
      onDemandPct >= 0 &&
      onDemandPct <= 100 &&
      Number.isInteger(onDemandPct),
    {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.onDemandPercentageAboveBaseCapacity`,
      value: onDemandPct,
      problem: "the on-demand percentage must be a whole number from 0 to 100",
      fix: "use 100 for on-demand only, less to run the rest on Spot",
    },
  );
  if (props.onDemandBaseCapacity !== undefined) {
    check.expect(isInt(props.onDemandBaseCapacity, 0), {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.onDemandBaseCapacity`,
      value: props.onDemandBaseCapacity,
      problem: "the on-demand base capacity must be a whole number of at least 0",
      fix: "give the number of instances that are always on-demand",
    });
  }
  const spot = onDemandPct < 100;
  check.expect(!(spot && props.interruptible !== true), {
    code: "EDGE_OSV_SPOT_NOT_INTERRUPTIBLE",
    path: `${path}.onDemandPercentageAboveBaseCapacity`,
    value: onDemandPct,
    problem:
      "Spot Instances can be reclaimed by EC2 at any time, and this fleet is not declared interruptible",
    fix: "set interruptible: true if the workload tolerates losing hosts, or keep onDemandPercentageAboveBaseCapacity at 100",
  });

  const maxSizeAt =
    props.maxSize !== undefined
      ? { key: "maxSize", value: props.maxSize }
      : props.desiredCapacity !== undefined && desiredCapacity >= minSize
        ? { key: "desiredCapacity", value: props.desiredCapacity }
        : { key: "minSize", value: props.minSize };
  return { minSize, maxSize, desiredCapacity, spot, maxSizeAt };
}
