import { z } from "zod";

/** One environment's config of the local-zone-bos site. */
export const LocalZoneBosConfigSchema = z.strictObject({
  /** The Local Zones the hub VPC is extended into. */
  zones: z
    .array(
      z.strictObject({
        /** Local Zone name, e.g. `us-east-1-bos-1a`. */
        name: z.string(),
        /**
         * Hub availability zone whose NAT gateway the zone's private subnets use when the zone has
         * no NAT gateway of its own: the zone's parent AZ where the hub has a NAT there (look it up
         * with `aws ec2 describe-availability-zones --all-availability-zones --zone-names <zone>`,
         * field ParentZoneName).
         * @default - none: the zone needs an in-zone NAT gateway or privateEgress "none"
         */
        egressAvailabilityZone: z.string().optional(),
      }),
    )
    .min(1),
  /** @default "auto" */
  privateEgress: z.enum(["auto", "zone-nat", "region-nat", "none"]).optional(),
  /** Manage the zone group opt-in. @default false */
  manageOptIn: z.boolean().optional(),
  /** Instance types the site runs in the zones. @default [] */
  instanceTypes: z.array(z.string()).optional(),
  /** @default 24 */
  publicSubnetPrefixLength: z.number().int().optional(),
  /** @default 22 */
  privateSubnetPrefixLength: z.number().int().optional(),
});

export type LocalZoneBosConfig = z.input<typeof LocalZoneBosConfigSchema>;

/**
 * The Boston Local Zone in each environment. The subnets come from this site's address block in
 * the environment's plan (inside the hub VPC CIDR). The hub's NAT gateways: dev and staging have
 * a single one in us-east-1a, prod one per AZ; set egressAvailabilityZone in prod to the zone's
 * parent AZ name in your account.
 */
export const localZoneBosEnvironments: Record<string, LocalZoneBosConfig> = {
  dev: {
    zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1a" }],
    manageOptIn: true,
    instanceTypes: ["t3.medium"],
  },
  staging: {
    zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1a" }],
    manageOptIn: true,
    instanceTypes: ["t3.medium", "t3.xlarge"],
  },
  prod: {
    zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1a" }],
    manageOptIn: true,
    instanceTypes: ["t3.xlarge", "r5.2xlarge"],
  },
};
