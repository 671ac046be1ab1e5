import { ConfigCheck, isArm64, isInstanceTypeName, isUnresolved, zoneKindLabel } from "@edge/core";
import {
  checkOsvCommand,
  renderOsvCommandLine,
  renderOsvUserData,
  type OsvCommand,
} from "../osv-command-line";
import type { OsvBootMode, OsvLaunchTemplateProps } from "../osv-launch-template-props";
import { article, BUCKET, checkKmsArn, isInt, type FleetContext } from "./checks";
import { checkPlacement, type PlacementSettings } from "./fleet-placement";
import { checkZoneOffers, defaultVolumeType, resolveZones, type FleetZones } from "./fleet-zones";

/** Shortest reason accepted for enabling IMDSv1 (the policy pack asks the same of suppressions). */
export const MIN_REASON_LENGTH = 10;

/** How a fleet launches hosts from the template: what the template's rules need to know of it. */
export interface HostLaunch {
  /** An Auto Scaling group (it picks the subnet per launch) or instances that name their subnet. */
  readonly by: "group" | "instance";
  /** Further instance types the fleet launches, with the key they come from. @default - none */
  readonly additionalInstanceTypes?: readonly string[];
  /** The most hosts the fleet runs, for placement group limits. */
  readonly maxHosts: number;
  /**
   * The prop, as written, that sets `maxHosts` (`maxSize`, `instanceCount`): errors about the
   * count name it and print its value, never a derived one.
   */
  readonly maxHostsAt: { readonly key: string; readonly value: unknown };
  /** The fleet's own rules, run with the template's and reported with them at once. */
  readonly rules?: (check: ConfigCheck, zones: FleetZones) => void;
}

/** The template's props with defaults applied. */
export interface TemplateSettings {
  readonly zones: FleetZones;
  readonly instanceTypes: readonly string[];
  readonly placement?: PlacementSettings;
  readonly carrierIp: boolean;
  readonly rootVolumeType: string;
  readonly bootMode: OsvBootMode;
  /** The IMDSv1 reason, trimmed (user-data boot only). */
  readonly imdsV1Reason?: string;
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
 * Checks the launch template's props (where the hosts run, what they boot, what they may read),
 * plus the fleet's own rules through `launch.rules`, reporting all problems at once before any
 * resource exists. Tokens (values known only at apply time) are passed through unchecked.
 */
export function validateTemplateProps(
  props: OsvLaunchTemplateProps,
  ctx: FleetContext,
  launch: HostLaunch,
  check: ConfigCheck = new ConfigCheck(),
): TemplateSettings {
  const { path } = ctx;
  const asg = launch.by === "group";

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
  const instanceTypes = [props.instanceType, ...(launch.additionalInstanceTypes ?? [])];
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
  launch.rules?.(check, zones);

  // --- placement ----------------------------------------------------------------------------
  const placement = checkPlacement(
    props,
    zones,
    { asg, planned: launch.maxHosts, at: launch.maxHostsAt },
    path,
    check,
    ctx.placementGroup,
  );

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

  check.throwIfFailed();
  return {
    zones,
    instanceTypes,
    ...(placement ? { placement } : {}),
    carrierIp,
    rootVolumeType,
    bootMode,
    ...(bootMode === "user-data" ? { imdsV1Reason: props.imdsV1Reason!.trim() } : {}),
    ...(commandLine !== undefined ? { commandLine } : {}),
    ...(userData !== undefined ? { userData } : {}),
    metricNamespace,
    ...(configPrefix !== undefined ? { configPrefix } : {}),
  };
}
