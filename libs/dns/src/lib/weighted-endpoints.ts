import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { ConfigCheck, EdgeStack, isUnresolved } from "@edge/core";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { ensureValidation, trackRecord } from "./private/record-sets";
import {
  bareZoneId,
  CARRIER_TTL_DEFAULT,
  carrierTtlWarning,
  checkProbedAddress,
  checkRecordName,
  checkSetIdentifier,
  checkTtl,
  checkWeight,
  checkZoneId,
  REGION_TTL_DEFAULT,
  TTL_WARN_ABOVE,
  WEIGHTED_RECORDS_MAX,
} from "./private/rules";

/**
 * Where an endpoint is reached from. `carrier`: a carrier IP in a Wavelength Zone, reachable only
 * from the carrier's network ("There is no inbound connection configuration from the internet to
 * a Wavelength Zone through the carrier gateway", Wavelength guide, "How AWS Wavelength works"),
 * so Route 53's health checkers on the internet cannot reach it. `region`: an address reachable
 * from the internet, in the Region or a Local Zone.
 */
export type EndpointKind = "carrier" | "region";

/**
 * A health check bound to a CloudWatch alarm: the only kind that works for carrier endpoints
 * (for example an alarm on the instance's or the Auto Scaling group's status checks).
 */
export interface AlarmHealthCheck {
  readonly type: "CLOUDWATCH_METRIC";
  /** Name of the CloudWatch alarm. */
  readonly alarmName: string;
  /** Region of the alarm. @default the stack's region */
  readonly alarmRegion?: string;
  /** Status while the alarm has insufficient data. @default "LastKnownStatus" */
  readonly insufficientDataHealthStatus?: "Healthy" | "Unhealthy" | "LastKnownStatus";
}

/** A health check Route 53's checkers run from the internet (Region endpoints only). */
export interface ProbeHealthCheck {
  readonly type: "HTTP" | "HTTPS" | "TCP";
  /** @default 80 for HTTP, 443 for HTTPS; required for TCP */
  readonly port?: number;
  /** Path requested by HTTP and HTTPS checks. @default "/" */
  readonly resourcePath?: string;
  /** Host name to check instead of the endpoint's address (required for alias endpoints). @default - the endpoint's address */
  readonly fqdn?: string;
  /** Consecutive failures before the endpoint is unhealthy. @default 3 */
  readonly failureThreshold?: number;
  /** Seconds between checks, 10 or 30. @default 30 */
  readonly requestInterval?: 10 | 30;
}

export type EndpointHealthCheck = AlarmHealthCheck | ProbeHealthCheck;

/** An alias target: another record (for example the carrier-IP updater's name) or a load balancer. */
export interface AliasTarget {
  /** DNS name of the target. */
  readonly name: string;
  /** Hosted zone id of the target (the same zone for a record of this zone). */
  readonly zoneId: string;
  /** @default true */
  readonly evaluateTargetHealth?: boolean;
}

/** One weighted endpoint of the name. */
export interface WeightedEndpoint {
  /**
   * The record's `set_identifier`, unique per name and type, and part of its Terraform address
   * (`record-<id>`); name it after the site, such as `region-hub`.
   */
  readonly id: string;
  readonly kind: EndpointKind;
  /** Route 53 weight, an integer 0-255; the share of answers is weight / sum of weights. */
  readonly weight: number;
  /** The endpoint's IPv4 address (a weighted record holds exactly one value). Give this or `alias`. */
  readonly address?: string;
  /** An alias target instead of an address, such as the carrier-IP updater's record name. */
  readonly alias?: AliasTarget;
  /** @default 30 for carrier endpoints, 60 otherwise (alias records take the target's TTL) */
  readonly ttl?: number;
  /** @default - none: the endpoint is always a candidate */
  readonly healthCheck?: EndpointHealthCheck;
}

/** A private hosted zone created for the name. */
export interface PrivateZoneProps {
  /** Zone name, such as `edge.internal`. */
  readonly name: string;
  /** VPCs that resolve the zone (a private zone needs at least one). */
  readonly vpcIds: readonly string[];
}

/** Props of {@link WeightedEndpoints}. */
export interface WeightedEndpointsProps {
  /** An existing hosted zone (public or private). Give this or `privateZone`. */
  readonly hostedZoneId?: string;
  /** A private hosted zone to create. Give this or `hostedZoneId`. */
  readonly privateZone?: PrivateZoneProps;
  /** The weighted name, fully qualified, such as `edge.example.com`. */
  readonly recordName: string;
  /** The endpoints, one weighted A record each. */
  readonly endpoints: readonly WeightedEndpoint[];
  /** Config path of these props, for errors. @default "dns" */
  readonly configPath?: string;
}

/**
 * One weighted DNS name: a weighted A record per endpoint (`set_identifier`,
 * `weighted_routing_policy { weight }`), with optional health checks — alarm-bound
 * `CLOUDWATCH_METRIC` checks for carrier endpoints, HTTP/HTTPS/TCP probes for Region ones — in a
 * given hosted zone or a private zone created here.
 */
export class WeightedEndpoints extends Construct {
  /** The hosted zone the records are in. */
  readonly hostedZoneId: string;
  /** The zone, when this construct created it. */
  readonly zone?: Route53Zone;
  /** The record name as given. */
  readonly recordName: string;
  /** Records by endpoint id. */
  readonly records: Readonly<Record<string, Route53Record>>;
  /** Health checks by endpoint id. */
  readonly healthChecks: Readonly<Record<string, Route53HealthCheck>>;

  constructor(scope: Construct, id: string, props: WeightedEndpointsProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "dns";
    validate(props, path);
    const warnings = warningsOf(props, path);

    if (props.privateZone) {
      this.zone = new Route53Zone(this, "zone", {
        name: props.privateZone.name,
        comment: `${stack.physicalName(id)}: weighted endpoints`,
        vpc: props.privateZone.vpcIds.map((vpcId) => ({
          vpcId,
          vpcRegion: stack.environment.region,
        })),
        tags: { Name: stack.physicalName(id) },
      });
      this.hostedZoneId = this.zone.zoneId;
    } else {
      this.hostedZoneId = bareZoneId(props.hostedZoneId!);
    }
    this.recordName = props.recordName;

    const records: Record<string, Route53Record> = {};
    const healthChecks: Record<string, Route53HealthCheck> = {};
    props.endpoints.forEach((endpoint, i) => {
      const check = endpoint.healthCheck ? this.healthCheck(stack, endpoint, id) : undefined;
      if (check) healthChecks[endpoint.id] = check;
      const record = new Route53Record(this, `record-${endpoint.id}`, {
        zoneId: this.hostedZoneId,
        name: props.recordName,
        type: "A",
        setIdentifier: endpoint.id,
        weightedRoutingPolicy: { weight: endpoint.weight },
        ...(endpoint.alias
          ? {
              alias: {
                name: endpoint.alias.name,
                zoneId: endpoint.alias.zoneId,
                evaluateTargetHealth: endpoint.alias.evaluateTargetHealth ?? true,
              },
            }
          : { ttl: ttlOf(endpoint), records: [endpoint.address!] }),
        ...(check ? { healthCheckId: check.id } : {}),
      });
      trackRecord(record, `${path}.endpoints[${i}]`, {
        audience: endpoint.kind === "carrier" ? "carrier" : "internet",
      });
      records[endpoint.id] = record;
    });
    this.records = records;
    this.healthChecks = healthChecks;
    ensureValidation(stack);
    for (const warning of warnings) Annotations.of(this).addWarning(warning);
  }

  private healthCheck(
    stack: EdgeStack,
    endpoint: WeightedEndpoint,
    id: string,
  ): Route53HealthCheck {
    const hc = endpoint.healthCheck!;
    const tags = { Name: stack.physicalName(id, endpoint.id) };
    if (hc.type === "CLOUDWATCH_METRIC") {
      return new Route53HealthCheck(this, `health-check-${endpoint.id}`, {
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmName: hc.alarmName,
        cloudwatchAlarmRegion: hc.alarmRegion ?? stack.environment.region,
        insufficientDataHealthStatus: hc.insufficientDataHealthStatus ?? "LastKnownStatus",
        tags,
      });
    }
    return new Route53HealthCheck(this, `health-check-${endpoint.id}`, {
      type: hc.type,
      ...(hc.fqdn !== undefined ? { fqdn: hc.fqdn } : { ipAddress: endpoint.address! }),
      port: hc.port ?? (hc.type === "HTTPS" ? 443 : 80),
      ...(hc.type === "TCP" ? {} : { resourcePath: hc.resourcePath ?? "/" }),
      failureThreshold: hc.failureThreshold ?? 3,
      requestInterval: hc.requestInterval ?? 30,
      tags,
    });
  }
}

function ttlOf(endpoint: WeightedEndpoint): number {
  return endpoint.ttl ?? (endpoint.kind === "carrier" ? CARRIER_TTL_DEFAULT : REGION_TTL_DEFAULT);
}

// IPv4 dotted quad (an A record's value).
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function validate(props: WeightedEndpointsProps, path: string): void {
  const check = new ConfigCheck();
  const zoneGiven = props.hostedZoneId !== undefined;
  if (zoneGiven === (props.privateZone !== undefined)) {
    check.fail({
      code: "EDGE_DNS_ZONE",
      path: `${path}.hostedZoneId`,
      value: props.hostedZoneId,
      problem: zoneGiven
        ? `hostedZoneId and privateZone (${String(props.privateZone?.name)}) are exclusive`
        : "the records need a hosted zone",
      fix: "give hostedZoneId for an existing zone, or privateZone to create a private one",
    });
  }
  if (zoneGiven) checkZoneId(check, props.hostedZoneId!, `${path}.hostedZoneId`);
  if (props.privateZone) {
    checkRecordName(check, props.privateZone.name, `${path}.privateZone.name`);
    check.expect(
      isUnresolved(props.privateZone.vpcIds as string[]) || props.privateZone.vpcIds.length > 0,
      {
        code: "EDGE_DNS_ZONE",
        path: `${path}.privateZone.vpcIds`,
        value: props.privateZone.vpcIds,
        problem: "a private hosted zone needs at least one vpc",
        fix: "list the vpcs whose resolvers answer the name",
      },
    );
  }
  checkRecordName(check, props.recordName, `${path}.recordName`);
  check.expect(props.endpoints.length > 0, {
    code: "EDGE_DNS_ENDPOINT_VALUE",
    path: `${path}.endpoints`,
    value: props.endpoints,
    problem: "a weighted name needs at least one endpoint",
    fix: "list the sites' endpoints with their weights",
  });
  check.expect(props.endpoints.length <= WEIGHTED_RECORDS_MAX, {
    code: "EDGE_DNS_WEIGHTED_LIMIT",
    path: `${path}.endpoints`,
    value: props.endpoints.length,
    problem: `route 53 allows at most ${WEIGHTED_RECORDS_MAX} weighted records per name and type`,
    fix: 'split the endpoints over sub-names and point weighted alias records at them (Route 53 guide, "Managing over 100 weighted records")',
  });
  const ids = new Map<string, number>();
  props.endpoints.forEach((endpoint, i) => {
    const p = `${path}.endpoints[${i}]`;
    checkSetIdentifier(check, endpoint.id, `${p}.id`);
    const first = ids.get(endpoint.id);
    if (first !== undefined) {
      check.fail({
        code: "EDGE_DNS_SET_IDENTIFIER_DUPLICATE",
        path: `${p}.id`,
        value: endpoint.id,
        problem: `set identifier ${endpoint.id} is already used by ${path}.endpoints[${first}], and route 53 needs it unique per name and type`,
        fix: "give every endpoint a distinct id",
      });
    } else {
      ids.set(endpoint.id, i);
    }
    checkWeight(check, endpoint.weight, `${p}.weight`);
    if ((endpoint.address === undefined) === (endpoint.alias === undefined)) {
      check.fail({
        code: "EDGE_DNS_ENDPOINT_VALUE",
        path: `${p}.address`,
        value: endpoint.address,
        problem:
          endpoint.address === undefined
            ? "an endpoint needs an address or an alias target"
            : `address and alias (${String(endpoint.alias?.name)}) are exclusive`,
        fix: "give the endpoint's ipv4 address, or alias it to another record or a load balancer",
      });
    }
    if (endpoint.address !== undefined) {
      check.expect(IPV4.test(endpoint.address), {
        code: "EDGE_DNS_ENDPOINT_VALUE",
        path: `${p}.address`,
        value: endpoint.address,
        problem:
          "an a record's value is one ipv4 address (a weighted record holds exactly one value)",
        fix: "give one dotted-quad address, or one endpoint per address",
      });
    }
    if (endpoint.alias !== undefined && endpoint.ttl !== undefined) {
      check.fail({
        code: "EDGE_DNS_TTL",
        path: `${p}.ttl`,
        value: endpoint.ttl,
        problem: "an alias record has no ttl of its own: route 53 uses the target's",
        fix: "remove ttl, or set it on the target record",
      });
    } else if (endpoint.ttl !== undefined) {
      checkTtl(check, endpoint.ttl, `${p}.ttl`);
    }
    const hc = endpoint.healthCheck;
    if (hc === undefined) return;
    if (hc.type === "CLOUDWATCH_METRIC") return;
    if (endpoint.kind === "carrier") {
      check.fail({
        code: "EDGE_DNS_CARRIER_HEALTH_CHECK",
        path: `${p}.healthCheck.type`,
        value: hc.type,
        problem: `route 53 health checkers probe from the internet and cannot reach a carrier ip, so a ${hc.type} check would mark the endpoint unhealthy`,
        fix: 'use type "CLOUDWATCH_METRIC" with an alarm on the instance or auto scaling group status checks',
      });
      return;
    }
    // The check probes the record's address unless it names a host (healthCheck below).
    if (hc.fqdn === undefined && endpoint.address !== undefined && IPV4.test(endpoint.address)) {
      checkProbedAddress(check, endpoint.address, `${p}.address`);
    }
    if (hc.fqdn === undefined && endpoint.address === undefined) {
      check.fail({
        code: "EDGE_DNS_HEALTH_CHECK_TARGET",
        path: `${p}.healthCheck.fqdn`,
        value: undefined,
        problem: `an alias endpoint has no address of its own, so its ${hc.type} check needs a host name to probe`,
        fix: "set healthCheck.fqdn, or use evaluateTargetHealth on the alias instead",
      });
    }
    if (hc.port !== undefined || hc.type === "TCP") {
      check.expect(
        hc.port !== undefined && Number.isInteger(hc.port) && hc.port >= 1 && hc.port <= 65535,
        {
          code: "EDGE_DNS_HEALTH_CHECK_PORT",
          path: `${p}.healthCheck.port`,
          value: hc.port,
          problem:
            hc.port === undefined
              ? "a tcp health check needs a port"
              : "a port is an integer from 1 to 65535",
          fix: "give the port the endpoint serves",
        },
      );
    }
  });
  check.throwIfFailed();
}

function warningsOf(props: WeightedEndpointsProps, path: string): string[] {
  const warnings: string[] = [];
  const weights = props.endpoints.map((e) => e.weight);
  if (weights.length > 0 && weights.every((w) => !isUnresolved(w) && w === 0)) {
    // Route 53 API reference, ResourceRecordSet.Weight: "if you set Weight to 0 for all resource
    // record sets that have the same combination of DNS name and type, traffic is routed to all
    // resources with equal probability"; with health checks the behaviour differs again.
    warnings.push(
      `EDGE_DNS_ALL_ZERO_WEIGHTS at ${path}.endpoints: every weight is 0, so route 53 answers with all endpoints equally instead of none; give the endpoints that should serve a weight above 0`,
    );
  }
  props.endpoints.forEach((endpoint, i) => {
    if (endpoint.alias) return;
    const ttl = ttlOf(endpoint);
    const p = `${path}.endpoints[${i}].ttl`;
    const carrier = endpoint.kind === "carrier" ? carrierTtlWarning(ttl, p) : undefined;
    if (carrier) warnings.push(carrier);
    else if (endpoint.healthCheck && !isUnresolved(ttl) && ttl > TTL_WARN_ABOVE) {
      warnings.push(
        `EDGE_DNS_HEALTH_CHECK_TTL at ${p}: a ttl of ${ttl} s keeps an unhealthy endpoint in resolvers that long after its health check fails; route 53 recommends ${TTL_WARN_ABOVE} s or less with health checks`,
      );
    }
  });
  return warnings;
}
