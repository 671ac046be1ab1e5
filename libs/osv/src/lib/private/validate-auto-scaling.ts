import { isUnresolved, type ConfigCheck } from "@edge/core";
import type { OsvAutoScalingFleetProps } from "../osv-auto-scaling-fleet";
import { isInt } from "./checks";

/** The group's props with defaults applied. */
export interface AutoScalingSettings {
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly spot: boolean;
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
      if (isUnresolved(value)) continue;
      if (!isInt(value, key === "maxSize" ? 1 : 0)) {
        sizesOk = false;
        check.fail({
          code: "EDGE_OSV_ASG_SIZE",
          path: `${path}.${key}`,
          value,
          problem: `${key} must be a whole number of at least ${key === "maxSize" ? 1 : 0}`,
          fix: "give a whole number of instances",
        });
      }
    }
    if (
      sizesOk &&
      ![minSize, desiredCapacity, maxSize].some(isUnresolved) &&
      !(minSize <= desiredCapacity && desiredCapacity <= maxSize)
    ) {
      check.fail({
        code: "EDGE_OSV_ASG_SIZE",
        path: `${path}.${props.desiredCapacity !== undefined ? "desiredCapacity" : "minSize"}`,
        value: sizes,
        problem: `the group needs minSize <= desiredCapacity <= maxSize, and ${minSize} <= ${desiredCapacity} <= ${maxSize} does not hold`,
        fix: "raise maxSize or lower minSize so that the desired capacity lies between them",
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

  return { minSize, maxSize, desiredCapacity, spot };
}
