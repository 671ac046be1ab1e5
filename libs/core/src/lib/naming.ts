/** The value of the `managed-by` tag on every resource. */
export const MANAGED_BY = "edge-blueprints";

/** Tags every taggable resource carries through the provider's `default_tags`. */
export const REQUIRED_TAG_KEYS = ["site", "environment", "managed-by"] as const;

/** The stack (and Terraform state) name of a site in an environment: `<site>-<env>`. */
export function stackName(site: string, env: string): string {
  return `${site}-${env}`;
}

/** A physical resource name: `<site>-<env>-<parts…>`, lowercase, at most `maxLength` characters. */
export function resourceName(site: string, env: string, parts: readonly string[], maxLength = 64): string {
  const name = [site, env, ...parts].join("-").toLowerCase().replace(/[^a-z0-9-]/g, "-");
  return name.length <= maxLength ? name : name.slice(0, maxLength);
}
