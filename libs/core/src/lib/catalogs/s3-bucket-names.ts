/**
 * General purpose bucket naming rules (Amazon S3 User Guide, "General purpose bucket naming
 * rules", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
 * 3 to 63 characters; lowercase letters, numbers, periods and hyphens; begins and ends with a
 * letter or number; no two adjacent periods; not formatted as an IP address; not beginning with
 * `xn--`, `sthree-` or `amzn-s3-demo-`; not ending with `-s3alias`, `--ol-s3`, `.mrap`, `--x-s3`
 * or `--table-s3`.
 */
export const S3_BUCKET_NAMING_SOURCE =
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";

const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** The first naming rule `name` breaks, or undefined for a valid general purpose bucket name. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63)
    return `a bucket name has 3 to 63 characters, this one ${name.length}`;
  if (!/^[a-z0-9.-]+$/.test(name))
    return "a bucket name has only lowercase letters, numbers, periods and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return "a bucket name begins and ends with a letter or number";
  if (name.includes("..")) return "a bucket name has no two adjacent periods";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name))
    return "a bucket name is not formatted as an IP address";
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `bucket names beginning with "${prefix}" are reserved`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `bucket names ending with "${suffix}" are reserved`;
  return undefined;
}

/** What a valid name looks like, for an error's fix. */
export const BUCKET_NAME_FIX = `use 3 to 63 lowercase letters, numbers, hyphens and single periods, starting and ending with a letter or number, such as "edge-blueprints-logs-111111111111" (${S3_BUCKET_NAMING_SOURCE})`;
