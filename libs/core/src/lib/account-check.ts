import { EdgeConfigError } from "./errors";

/** Minimal view of an environment for the account check. */
interface AccountOwner {
  readonly name: string;
  readonly account: string;
}

// ARN: arn:<partition>:<service>:<region>:<account>:<resource> (IAM User Guide, "IAM ARNs";
// AWS General Reference, "Amazon Resource Names"). The account field is empty for S3 buckets
// and Route 53, "aws" for AWS managed policies: only 12 digits are an account id.
const ARN_ACCOUNT = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;
// Keys whose values name S3 buckets; a 12-digit run in one is taken as an account id (the
// convention of this repository's bucket names, e.g. edge-blueprints-osv-images-<account>).
const BUCKET_KEY = /bucket/i;
const ACCOUNT_RUN = /(?<!\d)(\d{12})(?!\d)/;

/**
 * Account ids in ARNs anywhere in `value`, and in bucket names, that are not `env`'s account:
 * config copied from another environment that would reach into its account
 * (`EDGE_ACCOUNT_MISMATCH`). Errors name `path` plus the key path.
 */
export function accountMismatches(value: unknown, env: AccountOwner, path: string): EdgeConfigError[] {
  const found: EdgeConfigError[] = [];
  const visit = (v: unknown, at: string, key: string): void => {
    if (typeof v === "string") {
      const account = ARN_ACCOUNT.exec(v)?.[1] ?? (BUCKET_KEY.test(key) ? ACCOUNT_RUN.exec(v)?.[1] : undefined);
      if (account !== undefined && account !== env.account) {
        found.push(
          new EdgeConfigError({
            code: "EDGE_ACCOUNT_MISMATCH",
            path: at,
            value: v,
            problem: `names account ${account}, but environment ${env.name} deploys to account ${env.account}`,
            fix: `use the ${v.startsWith("arn:") ? "ARN" : "name"} of the resource in account ${env.account} (config copied from another environment keeps that environment's account)`,
          }),
        );
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${at}[${i}]`, key));
    } else if (typeof v === "object" && v !== null) {
      for (const [k, item] of Object.entries(v)) visit(item, `${at}.${k}`, k);
    }
  };
  visit(value, path, "");
  return found;
}
