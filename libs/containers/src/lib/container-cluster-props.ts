import type { EdgeSubnet, InstanceTypeOffer } from "@edge/core";
import type { Precondition } from "cdktf";

/**
 * The Outpost a cluster's capacity runs on: its ARN and the instance types it was ordered with
 * (the `Outpost` construct of `@edge/outposts` fits).
 */
export interface ContainerOutpostCapacity {
  readonly arn: string;
  readonly instanceTypes: readonly string[];
  /** Plan-time checks every resource placed on the Outpost carries. @default - none */
  readonly placementPreconditions?: readonly Precondition[];
}

/** How the cluster's EC2 capacity reaches its clients and the Region. */
export interface ContainerCapacityProps {
  /**
   * Subnets the container instances launch in, all of one zone kind. One Auto Scaling group and
   * one capacity provider are made per zone.
   */
  readonly subnets: readonly EdgeSubnet[];
  /** x86_64 instance type offered in every zone of `subnets` (zone catalog, or the Outpost's list). */
  readonly instanceType: string;
  /** Instances per zone at least. @default 1 */
  readonly minSizePerZone?: number;
  /** Instances per zone at most; managed scaling moves between the two. @default 2 */
  readonly maxSizePerZone?: number;
  /** Root volume type. @default - the zone catalog's default: gp3 where offered, else gp2 (gp2 on Outposts) */
  readonly rootVolumeType?: string;
  /** Root volume size in GiB (the ECS-optimized AMI needs at least 30). @default 30 */
  readonly rootVolumeSizeGiB?: number;
  /** The Outpost, when `subnets` are Outpost subnets. @default - none */
  readonly outpost?: ContainerOutpostCapacity;
  /** Instance types the Local or Wavelength Zone offers, replacing the catalog's list. @default - the zone catalog's list */
  readonly allowedInstanceTypes?: InstanceTypeOffer;
  /**
   * Extra tags on each instance at launch (launch template tag specification), such as the tag
   * a carrier-IP DNS updater manages instances by. @default {}
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** Give each instance a carrier IP (Wavelength Zones only). @default true in a Wavelength Zone */
  readonly associateCarrierIpAddress?: boolean;
  /**
   * Managed scaling target: the capacity provider keeps the group's utilization at this percent.
   * @default 100 (no spare instances)
   */
  readonly targetCapacityPercent?: number;
}

/** Props of {@link EdgeContainerCluster}. */
export interface EdgeContainerClusterProps {
  /** Physical name of the cluster and its resources. @default `<site>-<env>-<id>` */
  readonly name?: string;
  readonly vpcId: string;
  /** The EC2 capacity: one Auto Scaling group capacity provider per zone of its subnets. */
  readonly capacity: ContainerCapacityProps;
  /**
   * Fargate capacity providers on the cluster (availability zones only: Fargate is not offered in
   * Local Zones, Wavelength Zones or on Outposts). @default false
   */
  readonly fargate?: boolean;
  /** Days the tasks' log group keeps events. @default 365 in production environments, 30 otherwise */
  readonly logRetentionDays?: number;
  /** Customer managed KMS key of the tasks' log group. @default - the service key */
  readonly logKmsKeyArn?: string;
  /** Config path of these props, for errors. @default "containers" */
  readonly configPath?: string;
  /**
   * Config path of the capacity settings, for errors: a site config that writes them flat beside
   * the services (`EdgeContainers`) passes its own path. @default `<configPath>.capacity`
   */
  readonly capacityConfigPath?: string;
}
