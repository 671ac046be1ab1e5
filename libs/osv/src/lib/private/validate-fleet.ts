import { ConfigCheck, isArm64, isInstanceTypeName, isUnresolved, zoneKindLabel } from "@edge/core";
import {
  checkOsvCommand,
  renderOsvCommandLine,
  renderOsvUserData,
  type OsvCommand,
} from "../osv-command-line";
import type { OsvBootMode, OsvFleetMode, OsvHostFleetProps } from "../osv-host-fleet";
import { article, BUCKET, checkKmsArn, isInt, type FleetContext } from "./checks";
import { checkPlacement, type PlacementSettings } from "./fleet-placement";
import { checkZoneOffers, defaultVolumeType, resolveZones, type FleetZones } from "./fleet-zones";
import { SOURCES } from "./sources";

/** Shortest reason accepted for enabling IMDSv1 (the policy pack asks the same of suppressions). */
export const MIN_REASON_LENGTH = 10;

/** Props with defaults applied. */
export interface FleetSettings {
  readonly mode: OsvFleetMode;
  readonly zones: FleetZones;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly instanceCount: number;
  readonly spot: boolean;
  readonly terminationProtection: boolean;
  readonly shutdownBehavior: "stop" | "terminate";
  readonly recoveryAlarms: boolean;
  readonly placement?: PlacementSettings;
  readonly carrierIp: boolean;
  readonly rootVolumeType: string;
  readonly bootMode: OsvBootMode;
  readonly commandLine?: string;
  readonly userData?: string;
  readonly metricNamespace: string;
  readonly configPrefix?: string;
}

// Secrets Manager names: letters, digits and /_+=.@- (Secrets Manager API CreateSecret Name).
const SECRET_PATH = /^[A-Za-z0-9/_+=.@-]+\/$/;
// CloudWatch namespaces: 1-255 characters of letters, digits and . - _ / # : (and spaces);
// "AWS/" is reserved for AWS services (CloudWatch API PutMetricData Namespace).
const NAMESPACE = /^[A-Za-z0-9.\-_/#: ]{1,255}$/;

/**
 * Checks every OsvHostFleet prop, reporting all problems at once, before any resource exists.
 * Tokens (values known only at apply time) are passed through unchecked.
 */
export function validateFleetProps(props: OsvHostFleetProps, ctx: FleetContext): FleetSettings {
  const { path } = ctx;
  const check = new ConfigCheck();
  const mode = props.mode ?? "auto-scaling";
  check.expect(mode === "auto-scaling" || mode === "fixed", {
    code: "EDGE_OSV_FLEET_MODE",
    path: `${path}.mode`,
    value: mode,
    problem: "not one of the allowed values",
    fix: 'use "auto-scaling" or "fixed"',
  });
  const asg = mode === "auto-scaling";

  // --- where -------------------------------------------------------------------------------
  const zones = resolveZones(props, ctx, check);

  check.expect(Array.isArray(props.securityGroupIds) && props.securityGroupIds.length > 0, {
    code: "EDGE_OSV_SECURITY_GROUPS",
    path: `${path}.securityGroupIds`,
    value: props.securityGroupIds,
    problem:
      "a fleet needs at least one security group; without one, hosts get the VPC's default group",
    fix: "pass the security group that admits the application port from the sources the site declares",
  });

  // --- what --------------------------------------------------------------------------------
  const instanceTypes = [props.instanceType, ...(props.additionalInstanceTypes ?? [])];
  instanceTypes.forEach((type, i) => {
    const where = i === 0 ? `${path}.instanceType` : `${path}.additionalInstanceTypes[${i - 1}]`;
    if (isUnresolved(type)) return;
    if (typeof type !== "string" || !isInstanceTypeName(type)) {
      check.fail({
        code: "EDGE_OSV_INSTANCE_TYPE",
        path: where,
        value: type,
        problem: "not an instance type name",
        fix: 'use a type such as "c5.large"',
      });
      return;
    }
    check.expect(!isArm64(type), {
      code: "EDGE_OSV_ARCH",
      path: where,
      value: type,
      problem: `${type} is a Graviton (arm64) type, and OSv runs on EC2 only as x86_64: Graviton boots UEFI, which OSv on aarch64 does not support (osv#1295; EC2 user guide, boot modes)`,
      fix: "use an x86_64 type such as c5.large, m5.large or t3.medium",
    });
    checkZoneOffers(type, where, zones, props, ctx, check);
  });

  // Root volume type: the one given, or the zone's default (gp2 where gp3 is not offered).
  const rootVolumeType = props.rootVolumeType ?? defaultVolumeType(zones, ctx.catalog);
  if (props.rootVolumeType !== undefined && zones.kind !== "outpost") {
    for (const zone of zones.zones) {
      const offered = ctx.catalog.factsFor(zone).ebsVolumeTypes.value;
      check.expect(offered.includes(props.rootVolumeType), {
        code: "EDGE_ZONE_EBS_TYPE",
        path: `${path}.rootVolumeType`,
        value: props.rootVolumeType,
        problem: `${zone.name} does not offer EBS volume type ${props.rootVolumeType} (offers ${offered.join(", ")})`,
        fix: `use ${offered.join(" or ")}`,
      });
    }
  }
  if (props.rootVolumeSizeGiB !== undefined) {
    check.expect(isInt(props.rootVolumeSizeGiB, 1) && props.rootVolumeSizeGiB <= 16384, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.rootVolumeSizeGiB`,
      value: props.rootVolumeSizeGiB,
      problem: "the root volume size must be a whole number of GiB from 1 to 16384",
      fix: "give the size in GiB, or leave it out to use the image's size",
    });
  }
  if (props.ebsKmsKeyArn !== undefined)
    checkKmsArn(props.ebsKmsKeyArn, `${path}.ebsKmsKeyArn`, check);

  // --- how many ------------------------------------------------------------------------------
  const asgOnly = [
    "minSize",
    "maxSize",
    "desiredCapacity",
    "healthCheckType",
    "targetGroupArns",
    "additionalInstanceTypes",
    "onDemandBaseCapacity",
    "onDemandPercentageAboveBaseCapacity",
    "instanceRefreshMinHealthyPercentage",
  ] as const;
  const fixedOnly = ["instanceCount", "terminationProtection", "shutdownBehavior"] as const;
  for (const key of asg ? fixedOnly : asgOnly) {
    if (props[key] === undefined) continue;
    check.fail({
      code: "EDGE_OSV_FLEET_MODE",
      path: `${path}.${key}`,
      value: props[key],
      problem: `${key} applies to ${asg ? "fixed instances" : "Auto Scaling groups"}, and this fleet is ${asg ? "an Auto Scaling group" : "fixed instances"}`,
      fix: `remove ${key}, or set mode to "${asg ? "fixed" : "auto-scaling"}"`,
    });
  }

  const minSize = props.minSize ?? 1;
  const desiredCapacity = props.desiredCapacity ?? minSize;
  const maxSize = props.maxSize ?? Math.max(minSize, desiredCapacity);
  if (asg) {
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

  const instanceCount = props.instanceCount ?? Math.max(props.subnets?.length ?? 1, 1);
  if (!asg) {
    check.expect(isInt(instanceCount, 1), {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.instanceCount`,
      value: instanceCount,
      problem: "the number of fixed instances must be a whole number of at least 1",
      fix: "give the number of instances, or leave it out for one per subnet",
    });
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
  const spot = asg && onDemandPct < 100;
  check.expect(!(spot && props.interruptible !== true), {
    code: "EDGE_OSV_SPOT_NOT_INTERRUPTIBLE",
    path: `${path}.onDemandPercentageAboveBaseCapacity`,
    value: onDemandPct,
    problem:
      "Spot Instances can be reclaimed by EC2 at any time, and this fleet is not declared interruptible",
    fix: "set interruptible: true if the workload tolerates losing hosts, or keep onDemandPercentageAboveBaseCapacity at 100",
  });

  // Recovery alarms name an instance id; an auto scaling group replaces instances instead.
  check.expect(!(asg && props.recoveryAlarms === true), {
    code: "EDGE_OSV_RECOVERY_ASG",
    path: `${path}.recoveryAlarms`,
    value: true,
    problem:
      "recovery alarms watch one instance id, and the members of an Auto Scaling group are replaced, not recovered",
    fix: 'remove recoveryAlarms (the group\'s health checks replace failed hosts), or use mode "fixed"',
  });

  const shutdownBehavior = props.shutdownBehavior ?? "stop";
  check.expect(shutdownBehavior === "stop" || shutdownBehavior === "terminate", {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.shutdownBehavior`,
    value: shutdownBehavior,
    problem: "not one of the allowed values",
    fix: 'use "stop" or "terminate"',
  });

  // --- network ------------------------------------------------------------------------------
  const wavelength = zones.kind === "wavelength-zone";
  const carrierIp = props.associateCarrierIpAddress ?? wavelength;
  check.expect(!(carrierIp && zones.kind !== undefined && !wavelength), {
    code: "EDGE_OSV_CARRIER_ZONE",
    path: `${path}.associateCarrierIpAddress`,
    value: props.associateCarrierIpAddress,
    problem: `carrier IPs exist only in Wavelength Zones, and this fleet is in ${article(zoneKindLabel(zones.kind ?? "availability-zone"))}`,
    fix: "remove associateCarrierIpAddress",
  });
  check.expect(!(carrierIp && wavelength && !asg), {
    code: "EDGE_OSV_CARRIER_FIXED",
    path: `${path}.mode`,
    value: mode,
    problem:
      "a carrier IP is assigned through the launch template's network interface, which fixed instances placed by subnet cannot use",
    fix: 'use mode "auto-scaling" (minSize = maxSize for a fixed count), or set associateCarrierIpAddress to false and attach carrier IPs from @edge/wavelength',
  });

  // --- placement ----------------------------------------------------------------------------
  const placement = checkPlacement(props, zones, { asg, maxSize, instanceCount }, path, check);

  // --- boot ---------------------------------------------------------------------------------
  const bootMode = props.bootMode ?? "baked";
  check.expect(bootMode === "baked" || bootMode === "user-data", {
    code: "EDGE_OSV_BOOT_MODE",
    path: `${path}.bootMode`,
    value: bootMode,
    problem: "not one of the allowed values",
    fix: 'use "baked" (the command line is in the image) or "user-data"',
  });
  if (bootMode === "user-data") {
    check.expect(props.command !== undefined, {
      code: "EDGE_OSV_BOOT_MODE",
      path: `${path}.command`,
      value: undefined,
      problem: "user-data mode renders the OSv command line from command, and none is given",
      fix: 'give command, e.g. { program: "/app", args: ["--port=8080"] }',
    });
    const reason = props.imdsV1Reason;
    check.expect(typeof reason === "string" && reason.trim().length >= MIN_REASON_LENGTH, {
      code: "EDGE_OSV_BOOT_MODE",
      path: `${path}.imdsV1Reason`,
      value: reason,
      problem: `user-data mode turns IMDSv2 off (OSv's cloud-init reads user data without a session token), so it needs a reason of at least ${MIN_REASON_LENGTH} characters`,
      fix: 'say why the image cannot be baked, or use bootMode "baked" and keep IMDSv2 required',
    });
  } else if (props.imdsV1Reason !== undefined) {
    check.fail({
      code: "EDGE_OSV_BOOT_MODE",
      path: `${path}.imdsV1Reason`,
      value: props.imdsV1Reason,
      problem: "baked mode keeps IMDSv2 required, so there is no IMDSv1 exception to explain",
      fix: 'remove imdsV1Reason, or set bootMode "user-data"',
    });
  }
  let commandLine: string | undefined;
  let userData: string | undefined;
  if (props.command !== undefined) {
    const errors = checkOsvCommand(props.command, `${path}.command`);
    errors.forEach((e) => check.fail(e));
    if (errors.length === 0) {
      commandLine = renderOsvCommandLine(props.command as OsvCommand);
      if (bootMode === "user-data") userData = renderOsvUserData(props.command);
    }
  }

  // --- permissions --------------------------------------------------------------------------
  let configPrefix: string | undefined;
  if (props.configBucket !== undefined) {
    check.expect(BUCKET.test(props.configBucket), {
      code: "EDGE_OSV_CONFIG_LOCATION",
      path: `${path}.configBucket`,
      value: props.configBucket,
      problem: "not an S3 bucket name",
      fix: "give the bucket name alone, without s3:// or a key",
    });
    configPrefix = props.configPrefix ?? `${ctx.physicalName}/`;
    check.expect(
      !configPrefix.includes("*") && !configPrefix.startsWith("/") && configPrefix.length > 0,
      {
        code: "EDGE_OSV_CONFIG_LOCATION",
        path: `${path}.configPrefix`,
        value: configPrefix,
        problem:
          "the config prefix must be a non-empty key prefix without wildcards, so the hosts read that prefix only",
        fix: 'use a prefix such as "osv/region-hub/prod/"',
      },
    );
  } else if (props.configPrefix !== undefined) {
    check.fail({
      code: "EDGE_OSV_CONFIG_LOCATION",
      path: `${path}.configPrefix`,
      value: props.configPrefix,
      problem: "a config prefix without a config bucket grants nothing",
      fix: "give configBucket as well, or remove configPrefix",
    });
  }
  if (props.secretPathPrefix !== undefined) {
    check.expect(
      !props.secretPathPrefix.includes("*") && SECRET_PATH.test(props.secretPathPrefix),
      {
        code: "EDGE_OSV_SECRET_PATH",
        path: `${path}.secretPathPrefix`,
        value: props.secretPathPrefix,
        problem:
          "the secret path must be a secret name prefix ending with /, without wildcards, so the grant covers that path only",
        fix: 'use a path such as "edge/region-hub/prod/osv/"',
      },
    );
  }
  if (props.secretKmsKeyArn !== undefined) {
    checkKmsArn(props.secretKmsKeyArn, `${path}.secretKmsKeyArn`, check);
    check.expect(props.secretPathPrefix !== undefined, {
      code: "EDGE_OSV_SECRET_PATH",
      path: `${path}.secretKmsKeyArn`,
      value: props.secretKmsKeyArn,
      problem: "a secrets key without a secret path grants decryption for nothing the hosts read",
      fix: "give secretPathPrefix as well, or remove secretKmsKeyArn",
    });
  }
  const metricNamespace = props.metricNamespace ?? `Edge/OSv/${ctx.physicalName}`;
  check.expect(NAMESPACE.test(metricNamespace) && !/^AWS\//i.test(metricNamespace), {
    code: "EDGE_OSV_METRIC_NAMESPACE",
    path: `${path}.metricNamespace`,
    value: metricNamespace,
    problem:
      "not a CloudWatch namespace the hosts may publish to (1-255 characters; AWS/ is reserved for AWS services)",
    fix: 'use a namespace of your own, e.g. "Edge/OSv/app"',
  });

  // --- alarms -------------------------------------------------------------------------------
  if (props.cpuAlarmThresholdPercent !== undefined) {
    const t = props.cpuAlarmThresholdPercent;
    check.expect(typeof t === "number" && t > 0 && t <= 100, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.cpuAlarmThresholdPercent`,
      value: t,
      problem: "the CPU threshold is a percentage above 0 and at most 100",
      fix: "give a percentage such as 80",
    });
  }
  if (props.cpuAlarmEvaluationMinutes !== undefined) {
    check.expect(
      isInt(props.cpuAlarmEvaluationMinutes, 1) && props.cpuAlarmEvaluationMinutes <= 1440,
      {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.cpuAlarmEvaluationMinutes`,
        value: props.cpuAlarmEvaluationMinutes,
        problem: "the evaluation window is a whole number of minutes from 1 to 1440",
        fix: "give the minutes of high CPU that raise the alarm, such as 5",
      },
    );
  }
  if (props.alarmTopicKmsKeyArn !== undefined) {
    checkKmsArn(props.alarmTopicKmsKeyArn, `${path}.alarmTopicKmsKeyArn`, check);
    check.expect(props.alarmTopicArn === undefined, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.alarmTopicKmsKeyArn`,
      value: props.alarmTopicKmsKeyArn,
      problem:
        "the key applies to a topic this construct creates, and alarmTopicArn names an existing one",
      fix: "remove alarmTopicKmsKeyArn, or remove alarmTopicArn",
    });
  }

  check.throwIfFailed();
  return {
    mode,
    zones,
    instanceTypes,
    minSize,
    maxSize,
    desiredCapacity,
    instanceCount,
    spot,
    terminationProtection: props.terminationProtection ?? ctx.production,
    shutdownBehavior,
    recoveryAlarms: !asg && (props.recoveryAlarms ?? true),
    ...(placement ? { placement } : {}),
    carrierIp,
    rootVolumeType,
    bootMode,
    ...(commandLine !== undefined ? { commandLine } : {}),
    ...(userData !== undefined ? { userData } : {}),
    metricNamespace,
    ...(configPrefix !== undefined ? { configPrefix } : {}),
  };
}

/** Where the fleet rules come from, for the README. */
export const FLEET_RULE_SOURCES = [
  SOURCES.bootModes,
  SOURCES.enaNitro,
  SOURCES.placement,
  SOURCES.recover,
  SOURCES.spot,
] as const;
