import { z } from "zod";

/** One environment's config of the local-zone-lax site. */
export const LocalZoneLaxConfigSchema = z.strictObject({
  /** The Local Zones the us-west-2 hub VPC is extended into. */
  zones: z
    .array(
      z.strictObject({
        /** Local Zone name, e.g. `us-west-2-lax-1a`. */
        name: z.string(),
        /**
         * Hub availability zone whose NAT gateway the zone's private subnets use when the zone has
         * no NAT gateway of its own.
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
});

export type LocalZoneLaxConfig = z.input<typeof LocalZoneLaxConfigSchema>;

/**
 * The Los Angeles Local Zone in each environment, homed in us-west-2 (each environment lists the
 * site under `network.regions["us-west-2"]`): it extends the us-west-2 hub's VPC, so it is
 * configured under `regions` below, not under the environment's own Region. The hub's NAT
 * gateway is in us-west-2a in every environment (region-hub's us-west-2 config).
 */
const lax = (instanceTypes: string[]): LocalZoneLaxConfig => ({
  zones: [{ name: "us-west-2-lax-1a", egressAvailabilityZone: "us-west-2a" }],
  manageOptIn: true,
  instanceTypes,
});

export const localZoneLaxRegions: Record<string, Record<string, LocalZoneLaxConfig>> = {
  "us-west-2": {
    dev: lax(["t3.medium"]),
    staging: lax(["t3.medium", "t3.xlarge"]),
    prod: lax(["t3.xlarge", "r5.2xlarge"]),
  },
};
