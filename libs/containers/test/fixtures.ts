import {
  AZ_SUBNETS,
  LZ_SUBNETS,
  OP_SUBNETS,
  OUTPOST,
  OUTPOST_ARN,
  synthJson,
  testStack,
  WL_SUBNETS,
} from "@edge/core/testing";
import {
  EdgeContainerCluster,
  EdgeContainerService,
  type EdgeContainerClusterProps,
  type EdgeContainerServiceProps,
} from "../src";

/** The sample subnets of each zone kind and the sample Outpost (one definition, in @edge/core/testing). */
export { AZ_SUBNETS, LZ_SUBNETS, OP_SUBNETS, OUTPOST, OUTPOST_ARN, WL_SUBNETS };
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
