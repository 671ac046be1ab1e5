import { ConfigCheck, isUnresolved, parseCidr, partitionOf } from "@edge/core";

// Route 53 API reference, ResourceRecordSet.Weight: "Valid Range: Minimum value of 0. Maximum
// value of 255."
export const WEIGHT_MAX = 255;
// Same page: "You can create a maximum of 100 weighted resource record sets that have the same
// values for the Name and Type elements."
export const WEIGHTED_RECORDS_MAX = 100;
// Route 53 API reference, ResourceRecordSet.TTL: "Valid Range: Minimum value of 0. Maximum value
// of 2147483647."
export const TTL_MAX = 2147483647;
// Carrier IPs change whenever an instance is replaced or restarted; resolvers keep a stale IP for
// up to one TTL, and a stale carrier IP blackholes traffic. AWS's Wavelength DNS load-balancing
// sample uses 30 s (AWS Compute Blog, "Enabling load-balancing of non-HTTP(s) traffic on AWS
// Wavelength"); Route 53 recommends 60 s or less for records with health checks (Developer Guide,
// "Values specific for weighted records", TTL).
export const CARRIER_TTL_DEFAULT = 30;
export const REGION_TTL_DEFAULT = 60;
export const TTL_WARN_ABOVE = 60;
// ResourceRecordSet.SetIdentifier: 1-128 characters per the facts sheet (C.6-40, unverified in the
// API reference); this lib also keeps to characters that are safe in Terraform addresses.
const SET_IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// EC2 instance ids: the carrier-IP updater owns every set identifier of this shape (C.6-43:
// Terraform-managed and Lambda-managed record sets must never share a set identifier).
export const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
// DNS names: labels of letters, digits, '-' and '_', at most 63 characters, at most 253 in all
// (RFC 1035 2.3.4); '*' only as the whole leftmost label (Route 53 API, ResourceRecordSet.Name).
const LABEL = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/i;
// Route 53 hosted zone ids: "Z" and upper-case letters and digits (e.g. Z1D633PJN98FT9).
const ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** Checks a Route 53 weight. */
export function checkWeight(check: ConfigCheck, weight: number, path: string): void {
  check.expect(Number.isInteger(weight) && weight >= 0 && weight <= WEIGHT_MAX, {
    code: "EDGE_DNS_WEIGHT",
    path,
    value: weight,
    problem: "a route 53 weight is an integer from 0 to 255",
    fix: "use a whole number between 0 and 255; the share of answers is weight / sum of weights",
  });
}

/** Checks a TTL. */
export function checkTtl(check: ConfigCheck, ttl: number, path: string): void {
  check.expect(Number.isInteger(ttl) && ttl >= 0 && ttl <= TTL_MAX, {
    code: "EDGE_DNS_TTL",
    path,
    value: ttl,
    problem: "a record ttl is a non-negative whole number of seconds",
    fix: `use an integer from 0 to ${TTL_MAX}, such as ${CARRIER_TTL_DEFAULT} for carrier endpoints`,
  });
}

/** The warning for a carrier endpoint whose TTL outlives a replaced carrier IP for too long. */
export function carrierTtlWarning(ttl: number, path: string): string | undefined {
  if (isUnresolved(ttl) || !Number.isInteger(ttl) || ttl <= TTL_WARN_ABOVE) return undefined;
  return `EDGE_DNS_CARRIER_TTL at ${path}: a ttl of ${ttl} s on a carrier endpoint keeps a replaced carrier ip in resolvers that long, and a stale carrier ip blackholes traffic; use ${CARRIER_TTL_DEFAULT} s (at most ${TTL_WARN_ABOVE})`;
}

/** Checks a set identifier given in config. */
export function checkSetIdentifier(check: ConfigCheck, id: string, path: string): void {
  if (isUnresolved(id)) return;
  check.expect(SET_IDENTIFIER.test(id), {
    code: "EDGE_DNS_SET_IDENTIFIER",
    path,
    value: id,
    problem:
      "a set identifier is 1-128 letters, digits, dots, dashes or underscores and starts with a letter or digit",
    fix: 'name the endpoint after its site, such as "region-hub"',
  });
  check.expect(!INSTANCE_ID.test(id), {
    code: "EDGE_DNS_SET_IDENTIFIER_RESERVED",
    path,
    value: id,
    problem:
      "set identifiers shaped like instance ids belong to the carrier-ip dns updater, which would delete or overwrite this record",
    fix: 'name the endpoint after its site, such as "wavelength-bos"',
  });
}

/** Checks a record name (literal names only). */
export function checkRecordName(check: ConfigCheck, name: string, path: string): void {
  if (isUnresolved(name)) return;
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  const labels = bare.split(".");
  const ok =
    bare.length > 0 &&
    bare.length <= 253 &&
    labels.every(
      (label, i) => LABEL.test(label) || (i === 0 && label === "*" && labels.length > 1),
    );
  check.expect(ok, {
    code: "EDGE_DNS_RECORD_NAME",
    path,
    value: name,
    problem:
      "a record name is a dns name: dot-separated labels of letters, digits, '-' or '_', with '*' only as the whole first label",
    fix: 'use a fully qualified name inside the hosted zone, such as "edge.example.com"',
  });
}

/** Checks a hosted zone id (literal ids only). */
export function checkZoneId(check: ConfigCheck, zoneId: string, path: string): void {
  if (isUnresolved(zoneId)) return;
  check.expect(ZONE_ID.test(zoneId.replace(/^\/?hostedzone\//, "")), {
    code: "EDGE_DNS_ZONE_ID",
    path,
    value: zoneId,
    problem: "a route 53 hosted zone id starts with Z followed by upper-case letters and digits",
    fix: "copy the id from the hosted zone (aws route53 list-hosted-zones), without the /hostedzone/ prefix",
  });
}

/** `Z123`, also given as `/hostedzone/Z123`. */
export function bareZoneId(zoneId: string): string {
  return isUnresolved(zoneId) ? zoneId : zoneId.replace(/^\/?hostedzone\//, "");
}

/**
 * The form IAM compares `route53:ChangeResourceRecordSetsNormalizedRecordNames` with: lowercase,
 * no trailing dot, and characters other than a-z, 0-9, '-', '_' and '.' as a backslash and three
 * octal digits, such as \052 for '*' (Route 53 Developer Guide, "Using IAM policy conditions for
 * fine-grained access control", normalizing the condition key values).
 */
export function normalizedRecordNameForIam(name: string): string {
  const bare = name.toLowerCase().replace(/\.$/, "");
  return [...bare]
    .map((c) => (/[a-z0-9_.-]/.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`))
    .join("");
}

/** Lowercase, without the trailing dot: how this lib compares record names. */
export function comparableName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** The ARN partition of a Region (one definition, in @edge/core). */
export { partitionOf };

// CloudWatch Logs API reference, PutRetentionPolicy: the values retentionInDays accepts.
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** Checks a log retention period (same code as RegionVpc's flow logs). */
export function checkRetention(check: ConfigCheck, days: number, path: string): void {
  check.expect(LOG_RETENTION_DAYS.includes(days), {
    code: "EDGE_LOG_RETENTION",
    path,
    value: days,
    problem: "cloudwatch logs accepts only certain retention periods",
    fix: `use one of ${LOG_RETENTION_DAYS.join(", ")}`,
  });
}

/**
 * The Lambda Node.js runtimes the handler runs on, newest first, with the date Lambda deprecates
 * each (Lambda developer guide, "Lambda runtimes", supported runtimes table:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html; the same dates are in
 * tflint-ruleset-aws's aws_lambda_function_deprecated_runtime rule). nodejs20.x left the table on
 * 2026-04-30. A deprecated runtime gets no security patches, and Lambda then blocks creating and
 * later updating functions on it (runtime deprecation policy).
 */
export const SUPPORTED_RUNTIMES = {
  "nodejs24.x": "2028-04-30",
  "nodejs22.x": "2027-04-30",
} as const;
export type UpdaterRuntime = keyof typeof SUPPORTED_RUNTIMES;
export const DEFAULT_RUNTIME: UpdaterRuntime = "nodejs24.x";

/** Checks the updater's Lambda runtime. */
export function checkRuntime(check: ConfigCheck, runtime: string, path: string): void {
  const listed = Object.entries(SUPPORTED_RUNTIMES)
    .map(([name, date]) => `${name} (deprecated on ${date})`)
    .join(" and ");
  check.expect(Object.prototype.hasOwnProperty.call(SUPPORTED_RUNTIMES, runtime), {
    code: "EDGE_DNS_RUNTIME",
    path,
    value: runtime,
    problem: `the handler runs on the supported Lambda Node.js runtimes ${listed}; a deprecated runtime gets no security patches, and Lambda then blocks creating and updating functions on it`,
    fix: `use "${DEFAULT_RUNTIME}" (the default) or leave runtime out`,
  });
}

/**
 * IPv4 ranges Route 53 health checkers cannot probe: "Route 53 can't check the health of
 * endpoints for which the IP address is in local, private, non-routable, or multicast ranges"
 * (Route 53 API reference, HealthCheckConfig.IPAddress, citing RFC 5735 and RFC 6598). The
 * documentation ranges (TEST-NET) are left out: this repository's examples use them.
 */
const UNPROBED_RANGES: readonly { readonly cidr: string; readonly label: string }[] = [
  { cidr: "0.0.0.0/8", label: "this network" },
  { cidr: "10.0.0.0/8", label: "private" },
  { cidr: "100.64.0.0/10", label: "shared address space" },
  { cidr: "127.0.0.0/8", label: "loopback" },
  { cidr: "169.254.0.0/16", label: "link-local" },
  { cidr: "172.16.0.0/12", label: "private" },
  { cidr: "192.168.0.0/16", label: "private" },
  { cidr: "224.0.0.0/4", label: "multicast" },
  { cidr: "240.0.0.0/4", label: "reserved" },
];

/** Checks that Route 53 can probe `address` (a literal dotted quad) by IP. */
export function checkProbedAddress(check: ConfigCheck, address: string, path: string): void {
  if (isUnresolved(address)) return;
  const at = parseCidr(`${address}/32`, path).start;
  const hit = UNPROBED_RANGES.find((r) => {
    const block = parseCidr(r.cidr, "");
    return at >= block.start && at < block.start + block.size;
  });
  if (!hit) return;
  check.fail({
    code: "EDGE_DNS_HEALTH_CHECK_ADDRESS",
    path,
    value: address,
    problem: `route 53 health checkers cannot probe ${address}: it is in ${hit.cidr} (${hit.label}), and route 53 creates no health check on local, private, non-routable or multicast addresses`,
    fix: 'bind the check to a cloudwatch alarm (healthCheck type "CLOUDWATCH_METRIC"), or give healthCheck.fqdn a name that resolves to a public address',
  });
}
