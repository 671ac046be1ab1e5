import type { ConfigCheck, PlacementGroupFacts, ZoneCatalog } from "@edge/core";

/** What the fleet checks know about the stack. */
export interface FleetContext {
  readonly region: string;
  readonly path: string;
  readonly catalog: ZoneCatalog;
  readonly production: boolean;
  readonly physicalName: string;
  /** Facts of a placement group of the stack, by name. @default - none known */
  readonly placementGroup?: (name: string) => PlacementGroupFacts | undefined;
}

/** KMS key ARNs: grants and key policies need the ARN, not an alias or key id. */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/**
 * S3 bucket names (S3 UG, "General purpose bucket naming rules"): 3-63 characters, lowercase
 * letters, digits, dots and hyphens, starting and ending with a letter or digit.
 */
export const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A whole number of at least `min`. */
export const isInt = (n: unknown, min: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= min;

/** Records `EDGE_OSV_KMS_KEY` unless `arn` is a KMS key ARN. */
export function checkKmsArn(arn: string, where: string, check: ConfigCheck): void {
  check.expect(KMS_KEY_ARN.test(arn), {
    code: "EDGE_OSV_KMS_KEY",
    path: where,
    value: arn,
    problem:
      "not a KMS key ARN; grants and key policies need the key's ARN, not an alias or key id",
    fix: "use arn:aws:kms:<region>:<account>:key/<key id>",
  });
}

/** `a Local Zone`, `an availability zone`. */
export function article(label: string): string {
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}
