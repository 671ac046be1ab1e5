import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandOutput,
  type ChangeAction,
  type ResourceRecordSet,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { normalizeRecordName, type UpdaterConfig } from "./config";

/**
 * Every A record set of the updater's name, across pages. Route 53 lists record sets sorted by
 * name and type, so the walk starts at (name, A) and stops at the first other name or type.
 */
export async function listRecordSets(
  route53: Route53Client,
  config: UpdaterConfig,
): Promise<ResourceRecordSet[]> {
  const found: ResourceRecordSet[] = [];
  let start: { name: string; type: "A"; identifier?: string } | undefined = {
    name: config.recordName,
    type: "A",
  };
  while (start) {
    const page: ListResourceRecordSetsCommandOutput = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: config.zoneId,
        StartRecordName: start.name,
        StartRecordType: start.type,
        ...(start.identifier ? { StartRecordIdentifier: start.identifier } : {}),
      }),
    );
    const sets = page.ResourceRecordSets ?? [];
    const ours = sets.filter((s) => isSameNameAndType(s, config));
    found.push(...ours);
    const more =
      page.IsTruncated === true &&
      ours.length === sets.length &&
      page.NextRecordName !== undefined &&
      normalizeRecordName(page.NextRecordName) === config.recordName &&
      page.NextRecordType === "A";
    start = more
      ? { name: config.recordName, type: "A", identifier: page.NextRecordIdentifier }
      : undefined;
  }
  return found;
}

function isSameNameAndType(set: ResourceRecordSet, config: UpdaterConfig): boolean {
  return (
    set.Type === "A" &&
    set.Name !== undefined &&
    normalizeRecordName(set.Name) === config.recordName
  );
}

/**
 * True for a record set this updater could have written: weighted, one value, no alias.
 * Anything else under an instance id was made by someone else and is left alone.
 */
export function isUpdaterShaped(set: ResourceRecordSet): boolean {
  return (
    set.Weight !== undefined &&
    set.AliasTarget === undefined &&
    (set.ResourceRecords ?? []).length === 1
  );
}

/** The record set the updater wants for an instance. */
export function desiredRecordSet(
  config: UpdaterConfig,
  instanceId: string,
  ip: string,
  healthCheckId: string,
): ResourceRecordSet {
  return {
    Name: config.recordName,
    Type: "A",
    SetIdentifier: instanceId,
    Weight: config.weight,
    TTL: config.ttl,
    ResourceRecords: [{ Value: ip }],
    // Route 53 stops answering with a record whose health check is unhealthy (Developer Guide,
    // "How Amazon Route 53 determines whether a health check is healthy").
    HealthCheckId: healthCheckId,
  };
}

/** True when `current` already says what the updater would write. */
export function recordMatches(current: ResourceRecordSet, desired: ResourceRecordSet): boolean {
  return (
    current.Weight === desired.Weight &&
    current.TTL === desired.TTL &&
    current.HealthCheckId === desired.HealthCheckId &&
    current.ResourceRecords?.length === 1 &&
    current.ResourceRecords[0]?.Value === desired.ResourceRecords?.[0]?.Value
  );
}

/** The one value of an updater-shaped record set. */
export function valueOf(set: ResourceRecordSet): string | undefined {
  return set.ResourceRecords?.[0]?.Value;
}

/**
 * Sends one change. A DELETE must repeat the record set's current values exactly ("To delete a
 * resource record set, you must specify all the same values that you specified when you created
 * it", ChangeResourceRecordSets), so callers pass the set as ListResourceRecordSets returned it.
 */
export async function changeRecordSet(
  route53: Route53Client,
  config: UpdaterConfig,
  action: Extract<ChangeAction, "UPSERT" | "DELETE">,
  set: ResourceRecordSet,
): Promise<void> {
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: config.zoneId,
      ChangeBatch: {
        Comment: `carrier-ip dns updater: ${action} ${set.SetIdentifier}`,
        Changes: [{ Action: action, ResourceRecordSet: set }],
      },
    }),
  );
}
