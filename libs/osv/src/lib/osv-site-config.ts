import { instanceTypeRule } from "@edge/core";
import { z } from "zod";

/**
 * Site config of an OSv image in S3, for a site's strict config schema. Convert OSv's QCOW2
 * `usr.img` first (`qemu-img convert -O raw`): EC2 imports RAW, VHD and VMDK only.
 */
export const OsvImageConfigSchema = z.strictObject({
  s3Bucket: z.string(),
  s3Key: z.string(),
  /** @default "RAW" */
  format: z.string().optional(),
});

/** Site config of an OSv Auto Scaling fleet: image, x86_64 instance type, app port, group sizes. */
export const OsvAutoScalingConfigSchema = z.strictObject({
  /** The converted OSv disk image in S3. */
  image: OsvImageConfigSchema,
  /** x86_64 instance type (OSv has no arm64 EC2 support), offered in the fleet's zone. */
  instanceType: instanceTypeRule(z.string()),
  /** TCP port the application listens on (the `--port` baked into the image). */
  appPort: z.number().int(),
  minSize: z.number().int(),
  /** @default minSize */
  desiredCapacity: z.number().int().optional(),
  maxSize: z.number().int(),
});
