import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type CloudWatchClient,
  type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  type HealthCheck,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import type { UpdaterConfig } from "./config";
import { errorCode } from "./errors";

/**
 * Tags on every health check and alarm the updater creates: the updater (its record name) and
 * the instance. After a crash they are found again by these tags, so nothing is left behind.
 */
export const TAG_UPDATER = "edge:dns-updater";
export const TAG_INSTANCE = "edge:instance-id";

/** The updater's name for itself in tags: the record name without the trailing dot. */
export function ownerOf(config: UpdaterConfig): string {
  return config.recordName.replace(/\.$/, "");
}

/** `<alarmPrefix>-<instance id>`: one alarm per host. */
export function alarmNameOf(config: UpdaterConfig, instanceId: string): string {
  return `${config.alarmPrefix}-${instanceId}`;
}

/**
 * CallerReference of a health check the updater creates: `edge-dns/<short owner>/<instance>/
 * <nonce>` (at most 64 characters, CreateHealthCheck). The nonce keeps it unique: a reference
 * can never be reused, even after the health check is deleted (CreateHealthCheck,
 * HealthCheckAlreadyExists), and an instance that stops and starts keeps its id. The prefix also
 * finds a health check created just before a crash, before its tags were written.
 */
export function callerReferencePrefix(config: UpdaterConfig, instanceId: string): string {
  return `edge-dns/${shortHash(ownerOf(config))}/${instanceId}/`;
}

function shortHash(text: string): string {
  // FNV-1a, 32 bits: stable, and enough to tell updaters of one account apart in a prefix.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** A health check of the updater's for one instance. */
export interface OwnedHealthCheck {
  readonly id: string;
  /** False when it was created but its tags were never written (a crash in between). */
  readonly tagged: boolean;
}

/**
 * The health checks that belong to this updater and `instanceId`: CLOUDWATCH_METRIC checks
 * tagged with both tags, plus any with the updater's caller reference prefix whose tags are
 * missing. Sorted by id, so concurrent invocations choose the same one.
 */
export async function findHealthChecks(
  route53: Route53Client,
  config: UpdaterConfig,
  instanceId: string,
): Promise<OwnedHealthCheck[]> {
  const candidates: HealthCheck[] = [];
  let marker: string | undefined;
  do {
    const page = await route53.send(new ListHealthChecksCommand(marker ? { Marker: marker } : {}));
    candidates.push(
      ...(page.HealthChecks ?? []).filter((h) => h.HealthCheckConfig?.Type === "CLOUDWATCH_METRIC"),
    );
    marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  const prefix = callerReferencePrefix(config, instanceId);
  const owner = ownerOf(config);
  const found = new Map<string, OwnedHealthCheck>();
  // ListTagsForResources takes at most 10 ids per call (Route 53 API reference).
  for (let i = 0; i < candidates.length; i += 10) {
    const batch = candidates.slice(i, i + 10);
    const out = await route53.send(
      new ListTagsForResourcesCommand({
        ResourceType: "healthcheck",
        ResourceIds: batch.map((h) => h.Id!),
      }),
    );
    for (const set of out.ResourceTagSets ?? []) {
      const tags = Object.fromEntries((set.Tags ?? []).map((t) => [t.Key, t.Value]));
      if (tags[TAG_UPDATER] === owner && tags[TAG_INSTANCE] === instanceId && set.ResourceId) {
        found.set(set.ResourceId, { id: set.ResourceId, tagged: true });
      }
    }
  }
  for (const h of candidates) {
    if (h.Id && !found.has(h.Id) && h.CallerReference?.startsWith(prefix)) {
      found.set(h.Id, { id: h.Id, tagged: false });
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The tags of a health check or alarm of `instanceId`. */
export function tagsOf(config: UpdaterConfig, instanceId: string) {
  return [
    { Key: "Name", Value: alarmNameOf(config, instanceId) },
    { Key: TAG_UPDATER, Value: ownerOf(config) },
    { Key: TAG_INSTANCE, Value: instanceId },
  ];
}

/**
 * Writes the tags of an (untagged) health check. False when it is gone meanwhile (a concurrent
 * invocation deleted it as a duplicate); the next round re-reads.
 */
export async function tagHealthCheck(
  route53: Route53Client,
  config: UpdaterConfig,
  instanceId: string,
  id: string,
): Promise<boolean> {
  try {
    await route53.send(
      new ChangeTagsForResourceCommand({
        ResourceType: "healthcheck",
        ResourceId: id,
        AddTags: tagsOf(config, instanceId),
      }),
    );
    return true;
  } catch (err) {
    if (errorCode(err) === "NoSuchHealthCheck") return false;
    throw err;
  }
}

/**
 * Creates the host's CLOUDWATCH_METRIC health check, bound to its alarm (Route 53 API,
 * HealthCheckConfig: Type CLOUDWATCH_METRIC with AlarmIdentifier { Region, Name } and
 * InsufficientDataHealthStatus), then tags it. Returns its id.
 */
export async function createHealthCheck(
  route53: Route53Client,
  config: UpdaterConfig,
  instanceId: string,
  nonce: string,
): Promise<string> {
  const out = await route53.send(
    new CreateHealthCheckCommand({
      CallerReference: `${callerReferencePrefix(config, instanceId)}${nonce}`.slice(0, 64),
      HealthCheckConfig: {
        Type: "CLOUDWATCH_METRIC",
        AlarmIdentifier: { Region: config.region as never, Name: alarmNameOf(config, instanceId) },
        // A new host has no data yet; LastKnownStatus starts healthy ("For new health checks
        // that have no last known status, the default status for the health check is
        // healthy", HealthCheckConfig.InsufficientDataHealthStatus).
        InsufficientDataHealthStatus: "LastKnownStatus",
      },
    }),
  );
  const id = out.HealthCheck!.Id!;
  await tagHealthCheck(route53, config, instanceId, id);
  return id;
}

/** Deletes a health check; one already gone is success. */
export async function deleteHealthCheck(route53: Route53Client, id: string): Promise<void> {
  try {
    await route53.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
  } catch (err) {
    if (errorCode(err) !== "NoSuchHealthCheck") throw err;
  }
}

/** The host's alarm, if it exists. */
export async function describeAlarm(
  cloudwatch: CloudWatchClient,
  config: UpdaterConfig,
  instanceId: string,
): Promise<MetricAlarm | undefined> {
  const out = await cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: [alarmNameOf(config, instanceId)] }),
  );
  return out.MetricAlarms?.[0];
}

/** True when the alarm watches what the config says. */
export function alarmMatches(
  alarm: MetricAlarm,
  config: UpdaterConfig,
  instanceId: string,
): boolean {
  const a = config.alarm;
  return (
    alarm.Namespace === a.namespace &&
    alarm.MetricName === a.metricName &&
    alarm.Statistic === a.statistic &&
    alarm.ComparisonOperator === a.comparisonOperator &&
    alarm.Threshold === a.threshold &&
    alarm.Period === a.period &&
    alarm.EvaluationPeriods === a.evaluationPeriods &&
    (alarm.Dimensions ?? []).length === 1 &&
    alarm.Dimensions?.[0]?.Name === a.dimensionName &&
    alarm.Dimensions?.[0]?.Value === instanceId
  );
}

/** Creates or updates the host's alarm (PutMetricAlarm replaces an alarm of the same name). */
export async function putAlarm(
  cloudwatch: CloudWatchClient,
  config: UpdaterConfig,
  instanceId: string,
): Promise<void> {
  const a = config.alarm;
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: alarmNameOf(config, instanceId),
      AlarmDescription: `carrier-ip dns updater: health of ${instanceId} behind ${ownerOf(config)}`,
      Namespace: a.namespace,
      MetricName: a.metricName,
      Dimensions: [{ Name: a.dimensionName, Value: instanceId }],
      Statistic: a.statistic,
      ComparisonOperator: a.comparisonOperator,
      Threshold: a.threshold,
      Period: a.period,
      EvaluationPeriods: a.evaluationPeriods,
      Tags: tagsOf(config, instanceId),
    }),
  );
}

/** Deletes the host's alarm; one already gone (ResourceNotFound, DeleteAlarms) is success. */
export async function deleteAlarm(
  cloudwatch: CloudWatchClient,
  config: UpdaterConfig,
  instanceId: string,
): Promise<void> {
  try {
    await cloudwatch.send(
      new DeleteAlarmsCommand({ AlarmNames: [alarmNameOf(config, instanceId)] }),
    );
  } catch (err) {
    if (errorCode(err) !== "ResourceNotFound") throw err;
  }
}
