/**
 * The ARN partition of a Region code: "aws - AWS Regions", "aws-cn - China Regions",
 * "aws-us-gov - AWS GovCloud (US) Regions" (AWS General Reference, "Amazon Resource Names
 * (ARNs)"), and the ISO partitions. ARNs built for IAM policies must use it, or a condition such
 * as `aws:SourceArn` never matches outside the commercial partition.
 */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  return "aws";
}
