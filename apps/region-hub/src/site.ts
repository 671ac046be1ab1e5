import { z } from "zod";

/** One environment's config of the region-hub site. */
export const RegionHubConfigSchema = z.strictObject({
  vpc: z.strictObject({
    /** Availability zones of the environment's region, listed explicitly. */
    availabilityZones: z.array(z.string()).min(1),
    /** @default "per-az" in production environments, "single" otherwise */
    natGateways: z.enum(["per-az", "single", "none"]).optional(),
    /** @default 24 */
    publicSubnetPrefixLength: z.number().int().optional(),
    /** @default 22 */
    privateSubnetPrefixLength: z.number().int().optional(),
    /** @default 365 in production environments, 30 otherwise */
    flowLogRetentionDays: z.number().int().optional(),
    /** @default 600 */
    flowLogAggregationSeconds: z.union([z.literal(60), z.literal(600)]).optional(),
    /** @default true */
    instanceConnectEndpoint: z.boolean().optional(),
  }),
});

export type RegionHubConfig = z.input<typeof RegionHubConfigSchema>;

/**
 * The hub in each environment. The VPC CIDR and this site's address block come from the
 * environment's network plan (`@edge/core` environments); everything else is here.
 */
export const regionHubEnvironments: Record<string, RegionHubConfig> = {
  dev: {
    vpc: {
      availabilityZones: ["us-east-1a", "us-east-1b"],
      natGateways: "single",
      flowLogRetentionDays: 30,
    },
  },
  staging: {
    vpc: {
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      natGateways: "single",
      flowLogRetentionDays: 90,
    },
  },
  prod: {
    vpc: {
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      natGateways: "per-az",
      flowLogRetentionDays: 365,
      flowLogAggregationSeconds: 60,
    },
  },
};
