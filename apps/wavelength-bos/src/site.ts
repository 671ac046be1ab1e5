import { z } from "zod";

/** One environment's config of the wavelength-bos site. */
export const WavelengthBosConfigSchema = z.strictObject({
  /** The Wavelength Zone, e.g. `us-east-1-wl1-bos-wlz-1`. */
  zone: z.string(),
  /** Availability zone of the region-side subnets of the site's own VPC. */
  regionAvailabilityZone: z.string(),
  /** @default ["carrier"] */
  tiers: z.array(z.enum(["carrier", "private"])).optional(),
  /** Manage the zone group opt-in (needs the Wavelength access request first). @default false */
  manageOptIn: z.boolean().optional(),
  /** Ports the carrier-IP hosts serve to the carrier network. @default [] */
  publicPorts: z
    .array(z.strictObject({ port: z.number().int(), protocol: z.enum(["tcp", "udp"]).optional() }))
    .optional(),
  /** Replaces the zone catalog's instance types; cite where the list was read. @default - the catalog */
  allowedInstanceTypes: z
    .strictObject({ instanceTypes: z.array(z.string()).min(1), source: z.string() })
    .optional(),
  /** The carrier-IP launch template. */
  hosts: z.strictObject({
    instanceType: z.string(),
    /** AMI id or `resolve:ssm:<parameter>`. @default - none: given at launch */
    imageId: z.string().optional(),
    /** @default 8 */
    rootVolumeSizeGiB: z.number().int().min(1).optional(),
  }),
});

export type WavelengthBosConfig = z.input<typeof WavelengthBosConfigSchema>;

// Resolved by EC2 at launch ("resolve:ssm:<public-parameter>", EC2 API ResponseLaunchTemplateData
// ImageId and the Auto Scaling guide "using-systems-manager-parameters"): the latest Amazon
// Linux 2023 x86_64 AMI, until the OSv image pipeline provides one.
const AL2023 = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/**
 * The Boston Wavelength Zone (Verizon) in each environment, in a VPC of its own carved from this
 * site's block of the environment's plan (outside the hub VPC, as the Wavelength guide advises).
 */
export const wavelengthBosEnvironments: Record<string, WavelengthBosConfig> = {
  dev: {
    zone: "us-east-1-wl1-bos-wlz-1",
    regionAvailabilityZone: "us-east-1a",
    hosts: { instanceType: "t3.medium", imageId: AL2023 },
  },
  staging: {
    zone: "us-east-1-wl1-bos-wlz-1",
    regionAvailabilityZone: "us-east-1a",
    tiers: ["carrier", "private"],
    publicPorts: [{ port: 443 }],
    hosts: { instanceType: "t3.xlarge", imageId: AL2023, rootVolumeSizeGiB: 16 },
  },
  prod: {
    zone: "us-east-1-wl1-bos-wlz-1",
    regionAvailabilityZone: "us-east-1a",
    tiers: ["carrier", "private"],
    publicPorts: [{ port: 443 }],
    hosts: { instanceType: "r5.2xlarge", imageId: AL2023, rootVolumeSizeGiB: 16 },
  },
};
