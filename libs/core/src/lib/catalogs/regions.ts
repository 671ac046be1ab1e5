/**
 * The AWS Regions synth accepts, with the letters of their availability zones.
 *
 * Region codes: the Route 53 API reference, `VPC.VPCRegion` valid values (the enum of
 * @aws-sdk/client-route-53 `VPCRegion`, generated from the API model), commercial, China and
 * GovCloud partitions; the isolated partitions (`us-iso*`, `eu-isoe-*`) and the European
 * Sovereign Cloud (`eusc-*`) are left out: this project deploys to neither.
 *
 * Availability zones: "The code for an Availability Zone is its Region code followed by a letter
 * identifier" (AWS Regions and Availability Zones, "AWS Availability Zones",
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html).
 * The letters below run from `a` to the number of AZ IDs that page lists for the Region. In the
 * oldest Regions letters are mapped per account (same guide, "AZ IDs"), so an account may see
 * fewer of them; a letter beyond the Region's count exists in no account.
 */
export const REGION_SOURCE =
  "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html";

/** Region code to the letters of its availability zones. */
export const REGION_AZ_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "abc",
  "us-west-2": "abcd",
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-east-2": "abc",
  "ap-northeast-1": "abcd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-6": "abc",
  "ap-southeast-7": "abc",
  "ca-central-1": "abcd",
  "ca-west-1": "abc",
  "cn-north-1": "abcd",
  "cn-northwest-1": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-north-1": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "il-central-1": "abc",
  "me-central-1": "abc",
  "me-south-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
  "us-gov-east-1": "abc",
  "us-gov-west-1": "abc",
};

/** True when `code` is a Region in the catalog. */
export function isKnownRegion(code: unknown): code is string {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(REGION_AZ_LETTERS, code);
}

/** The availability zone names of `region`, or undefined for a Region not in the catalog. */
export function availabilityZonesOf(region: string): string[] | undefined {
  const letters = isKnownRegion(region) ? REGION_AZ_LETTERS[region] : undefined;
  return letters?.split("").map((l) => `${region}${l}`);
}

/** Regions whose code is close to `code`, for a did-you-mean hint. */
export function similarRegions(code: string): string[] {
  const parts = code.split("-");
  const lower = code.toLowerCase();
  return Object.keys(REGION_AZ_LETTERS).filter((r) => {
    if (r === lower || r.startsWith(`${lower}-`)) return true;
    const rp = r.split("-");
    return rp.length === parts.length && rp.slice(0, -1).join("-") === parts.slice(0, -1).join("-");
  });
}
