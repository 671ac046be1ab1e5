import { createHash } from "node:crypto";

/**
 * IAM role names hold at most 64 characters (IAM API reference, CreateRole and Role, RoleName:
 * "Maximum length of 64"). `<site>-<env>-<construct>-<purpose>` passes that in a home-Region
 * stack of a long ad-hoc environment (region-hub-us-west-2-feature-long-branch-name-...), so a
 * longer name keeps its first 55 characters and a hash of the whole: names stay distinct per
 * environment and the shipped environments keep theirs.
 */
export function iamRoleName(full: string): string {
  if (full.length <= 64) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, 55).replace(/-+$/, "")}-${hash}`;
}
