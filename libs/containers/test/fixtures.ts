import type { EdgeSubnet } from "@edge/core";
import { synthJson, testStack } from "@edge/core/testing";
import {
  EdgeContainerCluster,
  EdgeContainerService,
  type EdgeContainerClusterProps,
  type EdgeContainerServiceProps,
} from "../src";

export const AZ_SUBNETS: EdgeSubnet[] = [
  { subnetId: "subnet-a", zone: "us-east-1a" },
  { subnetId: "subnet-b", zone: "us-east-1b" },
];
export const LZ_SUBNETS: EdgeSubnet[] = [{ subnetId: "subnet-lz", zone: "us-east-1-bos-1a" }];
export const WL_SUBNETS: EdgeSubnet[] = [
  { subnetId: "subnet-wl", zone: "us-east-1-wl1-bos-wlz-1" },
];
export const OUTPOST_ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";
export const OP_SUBNETS: EdgeSubnet[] = [
  { subnetId: "subnet-op", zone: "us-east-1a", outpostArn: OUTPOST_ARN },
];
export const OUTPOST = { arn: OUTPOST_ARN, instanceTypes: ["m5.xlarge", "c5.2xlarge"] };
export const IMAGE = "111111111111.dkr.ecr.us-east-1.amazonaws.com/region-hub-dev-app:1.4.0";
export const REPO_ARN = "arn:aws:ecr:us-east-1:111111111111:repository/region-hub-dev-app";

export const CLUSTER: EdgeContainerClusterProps = {
  vpcId: "vpc-1",
  capacity: { subnets: AZ_SUBNETS, instanceType: "c5.large" },
};

export type ServiceInput = Omit<EdgeContainerServiceProps, "cluster">;
export const SERVICE: ServiceInput = {
  image: IMAGE,
  repositoryArns: [REPO_ARN],
  containerPort: 8080,
  cpu: 256,
  memoryMiB: 512,
  desiredCount: 2,
};

/** A cluster and one service in a fresh stack, synthesized. */
export function synthContainers(
  cluster: Partial<EdgeContainerClusterProps> = {},
  service: Partial<ServiceInput> | undefined = {},
  env = "dev",
) {
  const stack = testStack({ site: "region-hub", env });
  const c = new EdgeContainerCluster(stack, "containers", { ...CLUSTER, ...cluster });
  const s =
    service === undefined
      ? undefined
      : new EdgeContainerService(stack, "app", { cluster: c, ...SERVICE, ...service });
  return { json: synthJson(stack), cluster: c, service: s, stack };
}

/** Builds without synthesizing (for config errors). */
export function buildContainers(
  cluster: Partial<EdgeContainerClusterProps> = {},
  service: Partial<ServiceInput> = {},
) {
  const stack = testStack({ site: "region-hub" });
  const c = new EdgeContainerCluster(stack, "containers", { ...CLUSTER, ...cluster });
  return new EdgeContainerService(stack, "app", { cluster: c, ...SERVICE, ...service });
}
