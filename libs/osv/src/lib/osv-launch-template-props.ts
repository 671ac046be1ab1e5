import type { EdgeSubnet, InstanceTypeOffer } from "@edge/core";
import type { Precondition, TerraformResource } from "cdktf";
import type { IOsvImage } from "./osv-image";
import type { OsvCommand } from "./osv-command-line";

/** How the OSv command line reaches the host. */
export type OsvBootMode = "baked" | "user-data";
/** Placement group strategies (EC2 UG, placement groups). */
export type OsvPlacementStrategy = "cluster" | "partition" | "spread";
/** What a spread placement group keeps apart: hosts (Outposts only) or racks. */
export type OsvSpreadLevel = "host" | "rack";

/**
 * The Outpost a fleet runs on: its ARN and the instance types it was ordered with. The
 * `Outpost` construct of `@edge/outposts` fits as it is.
 */
export interface OsvOutpostCapacity {
  readonly arn: string;
  readonly instanceTypes: readonly string[];
  /** Plan-time checks every resource placed on the Outpost carries. @default - none */
  readonly placementPreconditions?: readonly Precondition[];
  /** Compute racks, for rack-level spread (one instance per rack). @default - not checked */
  readonly racks?: number;
  /** Config path of the Outpost's props, named in errors. @default "outpost" */
  readonly configPath?: string;
}

/**
 * Props of {@link OsvLaunchTemplate}: where the hosts run, what they boot, what they may read.
 * The fleets ({@link OsvAutoScalingFleet}, {@link OsvFixedHosts}) take these and their own.
 */
export interface OsvLaunchTemplateProps {
  /** The OSv image the hosts boot (an {@link OsvImage}). */
  readonly image: IOsvImage;
  /** x86_64 instance type, offered in every zone of `subnets`. */
  readonly instanceType: string;
  /** Subnets the hosts launch in, all of one zone kind (and one Outpost). */
  readonly subnets: readonly EdgeSubnet[];
  /** Security groups of the hosts: the application port from the sources the site declares. */
  readonly securityGroupIds: readonly string[];
  /** Create a placement group with this strategy. @default - no placement group */
  readonly placementStrategy?: OsvPlacementStrategy;
  /** Partitions of a partition placement group, 1 to 7. @default 2 */
  readonly partitionCount?: number;
  /** Spread level of a spread placement group; "host" only on Outposts. @default "rack" */
  readonly spreadLevel?: OsvSpreadLevel;
  /** Use an existing placement group instead (e.g. an `@edge/outposts` SpreadPlacementGroup's name). @default - none */
  readonly placementGroupName?: string;

  /** The Outpost, when `subnets` are Outpost subnets. @default - none */
  readonly outpost?: OsvOutpostCapacity;
  /**
   * Instance types the Local or Wavelength Zone offers, replacing the zone catalog's list (pass
   * `WavelengthZone.allowedInstanceTypes` when the site overrides it with a newer source).
   * @default - the zone catalog's list
   */
  readonly allowedInstanceTypes?: InstanceTypeOffer;
  /** Give each host a carrier IP (Wavelength Zones only). @default true in a Wavelength Zone */
  readonly associateCarrierIpAddress?: boolean;

  /** Root volume type. @default - from the zone catalog: gp3, or gp2 where gp3 is not offered (and on Outposts) */
  readonly rootVolumeType?: string;
  /** Root volume size in GiB. @default - the image's size */
  readonly rootVolumeSizeGiB?: number;
  /** KMS key ARN for the root volume. @default - the account's default EBS key */
  readonly ebsKmsKeyArn?: string;

  /**
   * `baked`: the command line is in the image; IMDSv2 required, no user data. `user-data`: the
   * command line is rendered from `command` into user data for OSv's cloud-init, which reads it
   * with IMDSv1: `http_tokens` becomes "optional", so it needs `imdsV1Reason`, and the policy
   * pack reports the launch template until the site suppresses rule EDGE-EC2-1 with that reason.
   * @default "baked"
   */
  readonly bootMode?: OsvBootMode;
  /**
   * What the hosts run. In user-data mode, rendered into user data; in baked mode, only
   * reported as `commandLine` for baking (`scripts/imgedit.py setargs`). Never credentials.
   * @default - none
   */
  readonly command?: OsvCommand;
  /** Why this fleet needs IMDSv1 (user-data mode only, at least 10 characters). @default - none */
  readonly imdsV1Reason?: string;

  /** Bucket of the hosts' configuration objects (s3:GetObject under `configPrefix`). @default - no S3 access */
  readonly configBucket?: string;
  /** Key prefix the hosts may read in `configBucket`. @default `<physical name>/` */
  readonly configPrefix?: string;
  /** Secrets Manager name prefix, ending in `/`, the hosts may read. @default - no secrets */
  readonly secretPathPrefix?: string;
  /** Customer managed key of those secrets (kms:Decrypt through Secrets Manager only). @default - none */
  readonly secretKmsKeyArn?: string;
  /** CloudWatch namespace the hosts may publish to. @default `Edge/OSv/<physical name>` */
  readonly metricNamespace?: string;

  /**
   * Tags for the hosts and their volumes, e.g. the carrier-IP DNS updater's managed tag
   * (`{ "edge:dns-name": "edge.example.com" }`). @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Config path of these props, for errors. @default "osv" */
  readonly configPath?: string;
}

/** The accepted IMDSv1 exception of a user-data fleet, for the site to suppress with its reason. */
export interface OsvImdsV1Exception {
  /** The policy pack rule that reports it: IMDSv2 required. */
  readonly ruleId: "EDGE-EC2-1";
  readonly reason: string;
  /** The resources with `http_tokens = "optional"`: the launch template and any fixed instances. */
  readonly resources: readonly TerraformResource[];
}
