/**
 * The CloudWatch alarm the updater creates for each host; its `CLOUDWATCH_METRIC` health check
 * follows the alarm. The metric has the instance id as the value of `dimensionName`.
 */
export interface AlarmSpec {
  readonly namespace: string;
  readonly metricName: string;
  /** Dimension whose value is the instance id. */
  readonly dimensionName: string;
  /** Route 53 supports Average, Minimum, Maximum, Sum and SampleCount (AlarmIdentifier). */
  readonly statistic: "Average" | "Minimum" | "Maximum" | "Sum" | "SampleCount";
  readonly comparisonOperator:
    | "GreaterThanOrEqualToThreshold"
    | "GreaterThanThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";
  readonly threshold: number;
  /** Seconds; standard resolution (60 or a multiple), Route 53 supports no high-resolution alarm. */
  readonly period: number;
  readonly evaluationPeriods: number;
}

/**
 * The default alarm: the instance's EC2 status checks (`AWS/EC2` `StatusCheckFailed`, Maximum
 * >= 1 for two one-minute periods), which EC2 publishes for every running instance (EC2 User
 * Guide, "Status checks for Amazon EC2 instances").
 */
export const STATUS_CHECK_ALARM: AlarmSpec = {
  namespace: "AWS/EC2",
  metricName: "StatusCheckFailed",
  dimensionName: "InstanceId",
  statistic: "Maximum",
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  threshold: 1,
  period: 60,
  evaluationPeriods: 2,
};

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
  /** Alarm names are `<alarmPrefix>-<instance id>`. */
  readonly alarmPrefix: string;
  /** Region of the alarms (the function's own Region). */
  readonly region: string;
  readonly alarm: AlarmSpec;
}

/** Names of the environment variables the construct sets (AWS_REGION is Lambda's own). */
export const ENV = {
  zoneId: "EDGE_DNS_ZONE_ID",
  recordName: "EDGE_DNS_RECORD_NAME",
  weight: "EDGE_DNS_WEIGHT",
  ttl: "EDGE_DNS_TTL",
  managedTagKey: "EDGE_DNS_MANAGED_TAG_KEY",
  managedTagValue: "EDGE_DNS_MANAGED_TAG_VALUE",
  alarmPrefix: "EDGE_DNS_ALARM_PREFIX",
  alarm: "EDGE_DNS_ALARM",
  region: "AWS_REGION",
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
  const alarmPrefix = text(ENV.alarmPrefix);
  const region = text(ENV.region);
  let alarm: AlarmSpec = STATUS_CHECK_ALARM;
  const rawAlarm = env[ENV.alarm]?.trim();
  if (rawAlarm) {
    try {
      alarm = { ...STATUS_CHECK_ALARM, ...(JSON.parse(rawAlarm) as Partial<AlarmSpec>) };
    } catch {
      problems.push(`${ENV.alarm} is not JSON`);
    }
  }
  if (problems.length > 0)
    throw new Error(`carrier-ip dns updater configuration: ${problems.join("; ")}`);
  return {
    zoneId,
    recordName: normalizeRecordName(recordName),
    weight,
    ttl,
    managedTagKey,
    ...(managedTagValue !== undefined && managedTagValue !== "" ? { managedTagValue } : {}),
    alarmPrefix,
    region,
    alarm,
  };
}
