import { configError } from "@edge/core/testing";
import {
  AZ_SUBNETS,
  buildContainers,
  LZ_SUBNETS,
  OP_SUBNETS,
  OUTPOST,
  WL_SUBNETS,
  type ServiceInput,
} from "./fixtures";
import type { EdgeContainerClusterProps } from "../src";

/** Every rule fails with its stable code and the whole message: path, problem, value, fix. */
function expectRule(build: () => unknown, code: string, message: string) {
  const err = configError(build);
  expect(err.code).toBe(code);
  expect(err.message).toBe(message);
}

type Case = [string, string, Partial<EdgeContainerClusterProps>, Partial<ServiceInput>, string];

describe("container rules", () => {
  it.each<Case>([
    [
      "Fargate asked for on a Local Zone cluster",
      "EDGE_ECS_FARGATE_ZONE",
      { fargate: true, capacity: { subnets: LZ_SUBNETS, instanceType: "t3.xlarge" } },
      {},
      'EDGE_ECS_FARGATE_ZONE at containers.fargate: fargate is not offered in a Local Zone (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-regions-zones.html ("Amazon ECS on AWS Fargate workloads are not supported in Local Zones, Wavelength Zones, or on AWS Outposts at this time")) (got true); fix: run the tasks on the cluster\'s EC2 capacity (leave fargate off), or move them to a region site',
    ],
    [
      "Fargate asked for by a service on an Outpost",
      "EDGE_ECS_FARGATE_ZONE",
      { capacity: { subnets: OP_SUBNETS, instanceType: "m5.xlarge", outpost: OUTPOST } },
      { fargate: true, networkMode: "bridge" },
      'EDGE_ECS_FARGATE_ZONE at containers.services.app.fargate: fargate is not offered in an Outpost (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-regions-zones.html ("Amazon ECS on AWS Fargate workloads are not supported in Local Zones, Wavelength Zones, or on AWS Outposts at this time")) (got true); fix: run the service on the cluster\'s EC2 capacity (leave fargate off)',
    ],
    // The OSv hosts' rules and messages (zone catalog instanceTypes and ebsVolumeTypes, with
    // their sources in libs/core's zone-catalog.ts; the Outpost's ordered capacity).
    [
      "an instance type the Local Zone does not offer",
      "EDGE_ZONE_INSTANCE_TYPE",
      { capacity: { subnets: LZ_SUBNETS, instanceType: "c5.large" } },
      {},
      "EDGE_ZONE_INSTANCE_TYPE at containers.capacity.instanceType: us-east-1-bos-1a does not offer c5.large (offers t3.medium, t3.xlarge, c5.2xlarge, m5.2xlarge, r5.2xlarge) (got \"c5.large\"); fix: use one of t3.medium, t3.xlarge, c5.2xlarge, m5.2xlarge, r5.2xlarge, or override the zone's instance types (allowedInstanceTypes or the catalog) with the source you read",
    ],
    [
      "an instance type the Outpost was not ordered with",
      "EDGE_OUTPOST_INSTANCE_TYPE",
      { capacity: { subnets: OP_SUBNETS, instanceType: "c5.large", outpost: OUTPOST } },
      {},
      "EDGE_OUTPOST_INSTANCE_TYPE at containers.capacity.instanceType: the Outpost has no c5.large capacity: it offers only m5.xlarge, c5.2xlarge (got \"c5.large\"); fix: use one of m5.xlarge, c5.2xlarge, or order c5.large capacity and add it to the Outpost's instance types",
    ],
    [
      "an EBS type the Wavelength Zone does not offer",
      "EDGE_ZONE_EBS_TYPE",
      { capacity: { subnets: WL_SUBNETS, instanceType: "t3.xlarge", rootVolumeType: "gp3" } },
      {},
      'EDGE_ZONE_EBS_TYPE at containers.capacity.rootVolumeType: us-east-1-wl1-bos-wlz-1 does not offer EBS volume type gp3 (offers gp2) (got "gp3"); fix: use gp2',
    ],
    [
      "an arm64 instance type for the x86_64 ECS-optimized AMI",
      "EDGE_ECS_INSTANCE_TYPE",
      { capacity: { subnets: AZ_SUBNETS, instanceType: "c7g.large" } },
      {},
      'EDGE_ECS_INSTANCE_TYPE at containers.capacity.instanceType: c7g.large is an arm64 (Graviton) type, and the capacity boots the x86_64 ECS-optimized AMI (got "c7g.large"); fix: choose an x86_64 instance type',
    ],
    [
      "awsvpc tasks beyond the instances' network interfaces",
      "EDGE_ECS_AWSVPC_ENI_LIMIT",
      { capacity: { subnets: AZ_SUBNETS, instanceType: "c5.large", maxSizePerZone: 2 } },
      { desiredCount: 9 },
      'EDGE_ECS_AWSVPC_ENI_LIMIT at containers.services.app.desiredCount: each awsvpc task takes a network interface, and c5.large has room for 2 besides its primary one: 4 instance(s) at most (2 zone(s) x 2) hold 8 tasks (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html ("by default a c5.large instance may have up to three ENIs attached to it. The primary network interface for the instance counts as one ... you can typically only run two such tasks on this instance type"; the awsvpcTrunking account setting raises it)) (got 9); fix: lower desiredCount, raise maxSizePerZone, choose a larger instance type, use bridge tasks, or turn on the account\'s awsvpcTrunking setting and set awsvpcTrunking: true',
    ],
    [
      "awsvpc tasks in a Wavelength Zone",
      "EDGE_ECS_NETWORK_MODE",
      { capacity: { subnets: WL_SUBNETS, instanceType: "t3.xlarge" } },
      { networkMode: "awsvpc" },
      'EDGE_ECS_NETWORK_MODE at containers.services.app.networkMode: a Wavelength Zone allows bridge tasks only: an awsvpc task gets a private address of its own (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html ("Each task ENI is assigned a private IPv4 address by default")), while only the instance\'s carrier ip reaches the carrier gateway (got "awsvpc"); fix: use networkMode "bridge": the tasks share the instance\'s interface and its carrier ip',
    ],
    [
      "a service in a zone without capacity",
      "EDGE_ECS_NO_CAPACITY",
      {},
      { zones: ["us-east-1c"] },
      'EDGE_ECS_NO_CAPACITY at containers.services.app.zones: the cluster has no capacity in us-east-1c (it has us-east-1a, us-east-1b) (got ["us-east-1c"]); fix: place the service in zones of the cluster\'s capacity (us-east-1a, us-east-1b), or add subnets in us-east-1c to the capacity',
    ],
    [
      "bridge tasks beyond one per instance",
      "EDGE_ECS_NO_CAPACITY",
      { capacity: { subnets: LZ_SUBNETS, instanceType: "t3.xlarge", maxSizePerZone: 2 } },
      { networkMode: "bridge", desiredCount: 3 },
      "EDGE_ECS_NO_CAPACITY at containers.services.app.desiredCount: bridge tasks map container port 8080 onto their instance, so one task runs per instance, and the capacity has 2 instance(s) at most (1 zone(s) x 2) (got 3); fix: lower desiredCount or raise maxSizePerZone",
    ],
    [
      "a secret passed as a plain environment value",
      "EDGE_ECS_PLAIN_SECRET",
      {},
      { environment: { LOG_LEVEL: "info", DB_PASSWORD: "hunter2-hunter2" } },
      'EDGE_ECS_PLAIN_SECRET at containers.services.app.environment.DB_PASSWORD: DB_PASSWORD looks like a secret, and environment values are stored in plain text in the task definition, cdk.tf.json and terraform state (got "(hidden)"); fix: move it to secrets: { DB_PASSWORD: { ssmParameter: "/<site>/<env>/db_password" } } (an SSM SecureString) or a Secrets Manager secret',
    ],
  ])("%s: %s", (_name, code, cluster, service, message) => {
    expectRule(() => buildContainers(cluster, service), code, message);
  });
});
