import type { EdgeSubnet } from "@edge/core";
import { synthJson, testStack } from "@edge/core/testing";
import {
  OsvAutoScalingFleet,
  OsvFixedHosts,
  type IOsvImage,
  type OsvAutoScalingFleetProps,
  type OsvFixedHostsProps,
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
/** An image this library registered (ENA known). */
export const IMAGE: IOsvImage = { imageId: "ami-0123456789abcdef0", enaSupport: true };

export const BASE: OsvAutoScalingFleetProps = {
  image: IMAGE,
  instanceType: "c5.large",
  subnets: AZ_SUBNETS,
  securityGroupIds: ["sg-app"],
};

export function synthFleet(props: Partial<OsvAutoScalingFleetProps> = {}, env = "dev", id = "app") {
  const stack = testStack({ site: "region-hub", env });
  const fleet = new OsvAutoScalingFleet(stack, id, { ...BASE, ...props });
  return { json: synthJson(stack), fleet, stack };
}

export function synthFixed(props: Partial<OsvFixedHostsProps> = {}, env = "dev", id = "app") {
  const stack = testStack({ site: "region-hub", env });
  const { minSize: _min, maxSize: _max, ...base } = BASE;
  const fleet = new OsvFixedHosts(stack, id, { ...base, ...props });
  return { json: synthJson(stack), fleet, stack };
}
