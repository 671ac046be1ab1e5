import type { ZoneKind } from "@edge/core";

/**
 * What ECS offers per zone kind, with the AWS page each fact was read in. The constructs ask
 * these instead of hard-coding them; tests cite the same sources.
 */
export const CONTAINER_SOURCES = {
  fargate:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-regions-zones.html ("Amazon ECS on AWS Fargate workloads are not supported in Local Zones, Wavelength Zones, or on AWS Outposts at this time")',
  networkModes:
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html (awsvpc, bridge and host for Linux containers on EC2; awsvpc recommended)",
  awsvpcPrivateIp:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html ("Each task ENI is assigned a private IPv4 address by default")',
  carrierIp:
    "https://docs.aws.amazon.com/vpc/latest/userguide/Carrier_Gateway.html (the carrier gateway carries traffic of carrier IP addresses, which a launch template associates with the instance's network interface)",
  eniLimit:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html ("by default a c5.large instance may have up to three ENIs attached to it. The primary network interface for the instance counts as one ... you can typically only run two such tasks on this instance type"; the awsvpcTrunking account setting raises it)',
  eniPerType:
    "https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html and co.html, mo.html, ac.html (network specifications: maximum network interfaces per instance type)",
  ecsAmi:
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html (Systems Manager public parameters of the ECS-optimized AMIs)",
  managedTermination:
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AutoScalingGroupProviderUpdate.html ("When using managed termination protection, managed scaling must also be used ... The Auto Scaling group and each instance in the Auto Scaling group must have instance protection from scale-in actions on")',
  serviceConnect:
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/interconnecting-services.html (Service Connect: short names and standard ports within a namespace, across clusters and VPCs of the Region)",
  targetType:
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html ("If your service\'s task definition uses the awsvpc network mode, you must choose ip as the target type, not instance ... tasks that use the awsvpc network mode are associated with an elastic network interface, not an Amazon EC2 instance")',
  hostPortIngress:
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html (containerPort: "For tasks that use the EC2 launch type, the container instance they\'re launched on must allow ingress traffic on the hostPort of the port mapping")',
  outpostsFargate:
    "https://aws.amazon.com/blogs/containers/amazon-ecs-on-aws-outposts/ (ECS on Outposts runs on EC2 capacity)",
} as const;

/** Whether Fargate runs tasks in a zone of this kind ({@link CONTAINER_SOURCES.fargate}). */
export function fargateOffered(kind: ZoneKind): boolean {
  return kind === "availability-zone";
}

/** Task network modes of Linux containers on EC2 that this library uses. */
export type TaskNetworkMode = "awsvpc" | "bridge";

/**
 * The network modes a zone kind allows, and why.
 *
 * - Availability zones and Local Zones: both. awsvpc gives each task its own private ENI and
 *   security group ({@link CONTAINER_SOURCES.networkModes}); bridge maps container ports onto the
 *   instance's interface.
 * - Wavelength Zones: bridge only. An awsvpc task ENI gets a private IPv4 address only
 *   ({@link CONTAINER_SOURCES.awsvpcPrivateIp}), while the carrier gateway carries traffic of
 *   carrier IPs, which the launch template associates with the instance's primary interface
 *   ({@link CONTAINER_SOURCES.carrierIp}): an awsvpc task could neither be reached by carrier
 *   clients nor call out. Bridge tasks share the instance's interface and so its carrier IP.
 * - Outposts: both. The customer-owned IP of a CoIP subnet is mapped to the instance's interface
 *   at launch, so services that on-premises clients reach through CoIP use bridge; with direct
 *   VPC routing the private addresses of awsvpc tasks are routable on premises.
 */
export function allowedNetworkModes(kind: ZoneKind): readonly TaskNetworkMode[] {
  return kind === "wavelength-zone" ? ["bridge"] : ["awsvpc", "bridge"];
}

/**
 * Maximum network interfaces per instance type ({@link CONTAINER_SOURCES.eniPerType}); only
 * the types the shipped sites and tests use. An unknown type is not checked at synth. c5.large
 * (3) is quoted on the ECS page ({@link CONTAINER_SOURCES.eniLimit}); the others follow the EC2
 * network specification tables and are worth re-checking there when a type is added.
 */
const MAX_ENIS: Readonly<Record<string, number>> = {
  "t3.medium": 3,
  "t3.large": 3,
  "t3.xlarge": 4,
  "t3.2xlarge": 4,
  "m5.large": 3,
  "m5.xlarge": 4,
  "m5.2xlarge": 4,
  "m5.4xlarge": 8,
  "c5.large": 3,
  "c5.xlarge": 4,
  "c5.2xlarge": 4,
  "c5.4xlarge": 8,
  "r5.large": 3,
  "r5.xlarge": 4,
  "r5.2xlarge": 4,
};

/**
 * awsvpc tasks one instance of `instanceType` can run without ENI trunking: its network
 * interfaces less the primary one ({@link CONTAINER_SOURCES.eniLimit}); undefined when unknown.
 */
export function awsvpcTasksPerInstance(instanceType: string): number | undefined {
  const enis = MAX_ENIS[instanceType];
  return enis === undefined ? undefined : enis - 1;
}

/** The ECS-optimized Amazon Linux 2023 AMIs, by architecture ({@link CONTAINER_SOURCES.ecsAmi}). */
export const ECS_AMI_PARAMETERS = {
  x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
} as const;

/** Root device of the ECS-optimized Amazon Linux 2023 AMI. */
export const ECS_AMI_ROOT_DEVICE = "/dev/xvda";
