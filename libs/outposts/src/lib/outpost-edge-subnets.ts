import type { EdgeSubnet } from "@edge/core";
import type { IOutpost } from "./outpost";
import type { OutpostSubnets } from "./outpost-subnets";

/**
 * The named subnets of `network` as placements for hosts (`EdgeSubnet`): each in the Outpost's
 * availability zone, with its ARN, so @edge/osv launches on the Outpost.
 */
export function outpostEdgeSubnets(
  outpost: IOutpost,
  network: OutpostSubnets,
  names: readonly string[],
): EdgeSubnet[] {
  return names.map((name) => ({
    subnetId: network.subnets[name].id,
    zone: outpost.availabilityZone,
    outpostArn: outpost.arn,
  }));
}
