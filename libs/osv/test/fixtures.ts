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
  OsvAutoScalingFleet,
  OsvFixedHosts,
  type IOsvImage,
  type OsvAutoScalingFleetProps,
  type OsvFixedHostsProps,
} from "../src";

/** The sample subnets of each zone kind and the sample Outpost (one definition, in @edge/core/testing). */
export { AZ_SUBNETS, LZ_SUBNETS, OP_SUBNETS, OUTPOST, OUTPOST_ARN, WL_SUBNETS };
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
