/**
 * The updater's inputs. The construct passes them as Lambda environment variables (and may mirror
 * them to SSM Parameter Store for operators); the handler reads them once per cold start.
 */
export interface UpdaterConfig {
  /** Hosted zone id, without the `/hostedzone/` prefix. */
  readonly zoneId: string;
  /** Record name, fully qualified, lowercase, with the trailing dot Route 53 returns. */
  readonly recordName: string;
  /** Weight of each instance's record, 0-255. */
  readonly weight: number;
  /** TTL of each instance's record, in seconds. */
  readonly ttl: number;
  /** Tag key that marks instances this updater manages. */
  readonly managedTagKey: string;
  /** Required tag value; undefined accepts any value of the key. */
  readonly managedTagValue?: string;
}

/** Names of the environment variables the construct sets. */
export const ENV = {
  zoneId: "EDGE_DNS_ZONE_ID",
  recordName: "EDGE_DNS_RECORD_NAME",
  weight: "EDGE_DNS_WEIGHT",
  ttl: "EDGE_DNS_TTL",
  managedTagKey: "EDGE_DNS_MANAGED_TAG_KEY",
  managedTagValue: "EDGE_DNS_MANAGED_TAG_VALUE",
} as const;

/**
 * Route 53 returns names fully qualified with a trailing dot, in lowercase, with `*` escaped as
 * `\052` (Route 53 Developer Guide, "DNS domain name format"). Both sides of every comparison go
 * through this function.
 */
export function normalizeRecordName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\\052/g, "*");
  return lower.endsWith(".") ? lower : `${lower}.`;
}

/** Reads and checks the configuration; a bad value fails the cold start loudly. */
export function readConfig(env: Record<string, string | undefined>): UpdaterConfig {
  const problems: string[] = [];
  const text = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? "";
  };
  const int = (name: string, min: number, max: number): number => {
    const raw = text(name);
    const value = Number(raw);
    if (raw !== "" && (!Number.isInteger(value) || value < min || value > max)) {
      problems.push(
        `${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`,
      );
    }
    return value;
  };
  const zoneId = text(ENV.zoneId).replace(/^\/?hostedzone\//, "");
  const recordName = text(ENV.recordName);
  const weight = int(ENV.weight, 0, 255);
  const ttl = int(ENV.ttl, 0, 2147483647);
  const managedTagKey = text(ENV.managedTagKey);
  const managedTagValue = env[ENV.managedTagValue];
  if (problems.length > 0)
    throw new Error(`carrier-ip dns updater configuration: ${problems.join("; ")}`);
  return {
    zoneId,
    recordName: normalizeRecordName(recordName),
    weight,
    ttl,
    managedTagKey,
    ...(managedTagValue !== undefined && managedTagValue !== "" ? { managedTagValue } : {}),
  };
}
