import { displayText } from "@edge/core";
import type { CarrierIpDnsUpdater } from "./carrier-ip-dns-updater";

/**
 * The stack note of a carrier-IP DNS updater (`stackId` is the stack's id): the record each host
 * gets, its health check, the tag that selects hosts, the fallback, and the handler bundle.
 * `hosts` names what carries the tag (default "OSv host").
 */
export function describeCarrierIpDnsUpdater(
  updater: CarrierIpDnsUpdater,
  stackId: string,
  hosts = "OSv host",
): string {
  const b = updater.bundle;
  const alarm = updater.healthAlarm;
  const tag = updater.managedTag;
  return displayText(
    `${stackId}: carrier-ip dns updater: each running ${hosts} gets a weighted A record ${updater.recordName} -> its carrier ip ` +
      `(set identifier = instance id, weight ${updater.weight}, ttl ${updater.ttl} s) in hosted zone ${updater.hostedZoneId}, ` +
      `with a CLOUDWATCH_METRIC health check on the alarm ${alarm.namespace} ${alarm.metricName} ${alarm.statistic} >= ${alarm.threshold} (${alarm.evaluationPeriods} x ${alarm.period} s), ` +
      `for hosts tagged ${tag.key}=${tag.value ?? "*"}; ` +
      (updater.fallbackRecord
        ? "with no healthy host, carrier clients get the weight-0 alias to the hub's load balancer; "
        : "with no healthy host, the name has no answer; ") +
      `handler bundle ${b.zipBytes} bytes zipped (index.js ${b.jsBytes} bytes), sha256 ${b.sha256Base64}`,
  );
}
