import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import {
  configError,
  configErrors,
  resourcesOf,
  synthJson,
  testStack,
  warningsOf,
} from "@edge/core/testing";
import { TerraformVariable } from "cdktf";
import {
  CarrierIpDnsUpdater,
  WeightedEndpoints,
  type WeightedEndpoint,
  type WeightedEndpointsProps,
} from "../src";

const ZONE = "Z0123456789ABCDEFGHIJ";
const hub: WeightedEndpoint = {
  id: "region-hub",
  kind: "region",
  weight: 10,
  address: "198.51.100.7",
};
const lz: WeightedEndpoint = {
  id: "local-zone-bos",
  kind: "region",
  weight: 20,
  address: "203.0.113.4",
};
const bos: WeightedEndpoint = {
  id: "wavelength-bos",
  kind: "carrier",
  weight: 20,
  address: "155.146.10.1",
};
const base: WeightedEndpointsProps = {
  hostedZoneId: ZONE,
  recordName: "edge.example.com",
  endpoints: [hub, lz],
};
/** A carrier group: carrier ips only, under a name of their own. */
const carrier: Partial<WeightedEndpointsProps> = {
  recordName: "carrier.edge.example.com",
  endpoints: [bos],
};

function build(props: Partial<WeightedEndpointsProps> = {}) {
  const stack = testStack({ site: "global-dns" });
  const endpoints = new WeightedEndpoints(stack, "edge", { ...base, ...props });
  return { stack, endpoints, json: synthJson(stack) };
}

describe("WeightedEndpoints", () => {
  it("creates one weighted A record per endpoint: set identifier, weight, 60 s ttl in the Region and 30 s in a carrier group", () => {
    const { json } = build();
    expect(resourcesOf(json, "aws_route53_record")).toEqual({
      "edge_record-region-hub": {
        zone_id: ZONE,
        name: "edge.example.com",
        type: "A",
        set_identifier: "region-hub",
        weighted_routing_policy: { weight: 10 },
        ttl: 60,
        records: ["198.51.100.7"],
      },
      "edge_record-local-zone-bos": {
        zone_id: ZONE,
        name: "edge.example.com",
        type: "A",
        set_identifier: "local-zone-bos",
        weighted_routing_policy: { weight: 20 },
        ttl: 60,
        records: ["203.0.113.4"],
      },
    });
    expect(resourcesOf(build(carrier).json, "aws_route53_record")).toEqual({
      "edge_record-wavelength-bos": {
        zone_id: ZONE,
        name: "carrier.edge.example.com",
        type: "A",
        set_identifier: "wavelength-bos",
        weighted_routing_policy: { weight: 20 },
        ttl: 30,
        records: ["155.146.10.1"],
      },
    });
    expect(resourcesOf(json, "aws_route53_health_check")).toEqual({});
    expect(resourcesOf(json, "aws_route53_zone")).toEqual({});
  });

  it("takes an explicit ttl, and strips a /hostedzone/ prefix", () => {
    const { json, endpoints } = build({
      hostedZoneId: `/hostedzone/${ZONE}`,
      endpoints: [{ ...hub, ttl: 15 }],
    });
    expect(resourcesOf(json, "aws_route53_record")["edge_record-region-hub"]).toMatchObject({
      zone_id: ZONE,
      ttl: 15,
    });
    expect(endpoints.hostedZoneId).toBe(ZONE);
  });

  // Terraform aws_route53_health_check: type CLOUDWATCH_METRIC with cloudwatch_alarm_name,
  // cloudwatch_alarm_region and insufficient_data_health_status.
  it("binds carrier endpoints to CloudWatch alarms and probes Region endpoints over HTTPS and TCP", () => {
    const { json } = build({
      endpoints: [
        { ...hub, healthCheck: { type: "HTTPS", resourcePath: "/healthz" } },
        {
          ...lz,
          weight: 5,
          healthCheck: { type: "TCP", port: 5004, requestInterval: 10, failureThreshold: 2 },
        },
      ],
    });
    const carrierChecks = resourcesOf(
      build({
        ...carrier,
        endpoints: [
          {
            ...bos,
            healthCheck: { type: "CLOUDWATCH_METRIC", alarmName: "wavelength-bos-status" },
          },
        ],
      }).json,
      "aws_route53_health_check",
    );
    expect({ ...resourcesOf(json, "aws_route53_health_check"), ...carrierChecks }).toEqual({
      "edge_health-check-region-hub": {
        type: "HTTPS",
        ip_address: "198.51.100.7",
        port: 443,
        resource_path: "/healthz",
        failure_threshold: 3,
        request_interval: 30,
        tags: { Name: "global-dns-dev-edge-region-hub" },
      },
      "edge_health-check-wavelength-bos": {
        type: "CLOUDWATCH_METRIC",
        cloudwatch_alarm_name: "wavelength-bos-status",
        cloudwatch_alarm_region: "us-east-1",
        insufficient_data_health_status: "LastKnownStatus",
        tags: { Name: "global-dns-dev-edge-wavelength-bos" },
      },
      "edge_health-check-local-zone-bos": {
        type: "TCP",
        ip_address: "203.0.113.4",
        port: 5004,
        failure_threshold: 2,
        request_interval: 10,
        tags: { Name: "global-dns-dev-edge-local-zone-bos" },
      },
    });
    const records = resourcesOf(json, "aws_route53_record");
    expect(records["edge_record-region-hub"].health_check_id).toBe(
      "${aws_route53_health_check.edge_health-check-region-hub.id}",
    );
    expect(records["edge_record-local-zone-bos"].health_check_id).toBe(
      "${aws_route53_health_check.edge_health-check-local-zone-bos.id}",
    );
  });

  it("aliases an endpoint to another record, such as the carrier-IP updater's name, without a ttl", () => {
    const { json } = build({
      recordName: "carrier.edge.example.com",
      endpoints: [
        {
          id: "wavelength-bos",
          kind: "carrier",
          weight: 20,
          alias: { name: "bos.edge.example.com", zoneId: ZONE },
        },
      ],
    });
    expect(resourcesOf(json, "aws_route53_record")["edge_record-wavelength-bos"]).toEqual({
      zone_id: ZONE,
      name: "carrier.edge.example.com",
      type: "A",
      set_identifier: "wavelength-bos",
      weighted_routing_policy: { weight: 20 },
      alias: { name: "bos.edge.example.com", zone_id: ZONE, evaluate_target_health: true },
    });
  });

  it("creates a private hosted zone for the name when asked", () => {
    const { json, endpoints } = build({
      hostedZoneId: undefined,
      privateZone: { name: "edge.internal", vpcIds: ["vpc-1", "vpc-2"] },
      recordName: "media.edge.internal",
    });
    expect(resourcesOf(json, "aws_route53_zone").edge_zone).toMatchObject({
      name: "edge.internal",
      vpc: [
        { vpc_id: "vpc-1", vpc_region: "us-east-1" },
        { vpc_id: "vpc-2", vpc_region: "us-east-1" },
      ],
    });
    expect(resourcesOf(json, "aws_route53_record")["edge_record-region-hub"].zone_id).toBe(
      "${aws_route53_zone.edge_zone.zone_id}",
    );
    expect(endpoints.zone).toBeDefined();
  });

  it("passes values known only at apply time (site outputs) through unchecked", () => {
    const stack = testStack({ site: "global-dns" });
    const address = new TerraformVariable(stack, "hub_ip", { type: "string" }).stringValue;
    const weight = new TerraformVariable(stack, "hub_weight", { type: "number" }).numberValue;
    new WeightedEndpoints(stack, "edge", { ...base, endpoints: [{ ...hub, address, weight }] });
    expect(
      resourcesOf(synthJson(stack), "aws_route53_record")["edge_record-region-hub"],
    ).toMatchObject({
      records: ["${var.hub_ip}"],
      weighted_routing_policy: { weight: "${var.hub_weight}" },
    });
  });

  describe("rules", () => {
    const endpoint = (e: Partial<WeightedEndpoint>): Partial<WeightedEndpointsProps> => ({
      endpoints: [{ ...hub, ...e } as WeightedEndpoint],
    });
    it.each([
      [
        "a weight above 255",
        endpoint({ weight: 256 }),
        "EDGE_DNS_WEIGHT",
        "dns.endpoints[0].weight",
        "a route 53 weight is an integer from 0 to 255",
      ],
      [
        "a negative weight",
        endpoint({ weight: -1 }),
        "EDGE_DNS_WEIGHT",
        "dns.endpoints[0].weight",
        "a route 53 weight is an integer from 0 to 255",
      ],
      [
        "a fractional weight",
        endpoint({ weight: 0.5 }),
        "EDGE_DNS_WEIGHT",
        "dns.endpoints[0].weight",
        "a route 53 weight is an integer from 0 to 255",
      ],
      [
        "a duplicate set identifier",
        { endpoints: [hub, { ...bos, id: "region-hub" }] },
        "EDGE_DNS_SET_IDENTIFIER_DUPLICATE",
        "dns.endpoints[1].id",
        "set identifier region-hub is already used by dns.endpoints[0]",
      ],
      [
        "a set identifier with spaces",
        endpoint({ id: "region hub" }),
        "EDGE_DNS_SET_IDENTIFIER",
        "dns.endpoints[0].id",
        "a set identifier is 1-128 letters",
      ],
      [
        "a set identifier of 129 characters",
        endpoint({ id: "a".repeat(129) }),
        "EDGE_DNS_SET_IDENTIFIER",
        "dns.endpoints[0].id",
        "a set identifier is 1-128 letters",
      ],
      [
        "an instance-id set identifier",
        endpoint({ id: "i-0123456789abcdef0" }),
        "EDGE_DNS_SET_IDENTIFIER_RESERVED",
        "dns.endpoints[0].id",
        "set identifiers shaped like instance ids belong to the carrier-ip dns updater",
      ],
      [
        "101 endpoints",
        { endpoints: Array.from({ length: 101 }, (_, i) => ({ ...hub, id: `site-${i}` })) },
        "EDGE_DNS_WEIGHTED_LIMIT",
        "dns.endpoints",
        "route 53 allows at most 100 weighted records per name and type",
      ],
      [
        "an HTTP check on a carrier endpoint",
        { endpoints: [{ ...bos, healthCheck: { type: "HTTP" } }] },
        "EDGE_DNS_CARRIER_HEALTH_CHECK",
        "dns.endpoints[0].healthCheck.type",
        "route 53 health checkers probe from the internet and cannot reach a carrier ip",
      ],
      [
        "a TCP check on a carrier endpoint",
        { endpoints: [{ ...bos, healthCheck: { type: "TCP", port: 443 } }] },
        "EDGE_DNS_CARRIER_HEALTH_CHECK",
        "dns.endpoints[0].healthCheck.type",
        "cannot reach a carrier ip",
      ],
      [
        "an HTTPS check on a carrier endpoint",
        { endpoints: [{ ...bos, healthCheck: { type: "HTTPS" } }] },
        "EDGE_DNS_CARRIER_HEALTH_CHECK",
        "dns.endpoints[0].healthCheck.type",
        "cannot reach a carrier ip",
      ],
      [
        "a negative ttl",
        endpoint({ ttl: -5 }),
        "EDGE_DNS_TTL",
        "dns.endpoints[0].ttl",
        "a record ttl is a non-negative whole number of seconds",
      ],
      [
        "a fractional ttl",
        endpoint({ ttl: 1.5 }),
        "EDGE_DNS_TTL",
        "dns.endpoints[0].ttl",
        "a record ttl is a non-negative whole number of seconds",
      ],
      [
        "a ttl on an alias",
        endpoint({ address: undefined, alias: { name: "a.example.com", zoneId: ZONE }, ttl: 30 }),
        "EDGE_DNS_TTL",
        "dns.endpoints[0].ttl",
        "an alias record has no ttl of its own",
      ],
      [
        "no zone",
        { hostedZoneId: undefined },
        "EDGE_DNS_ZONE",
        "dns.hostedZoneId",
        "the records need a hosted zone",
      ],
      [
        "two zones",
        { privateZone: { name: "edge.internal", vpcIds: ["vpc-1"] } },
        "EDGE_DNS_ZONE",
        "dns.hostedZoneId",
        "hostedZoneId and privateZone (edge.internal) are exclusive",
      ],
      [
        "a private zone without vpcs",
        { hostedZoneId: undefined, privateZone: { name: "edge.internal", vpcIds: [] } },
        "EDGE_DNS_ZONE",
        "dns.privateZone.vpcIds",
        "a private hosted zone needs at least one vpc",
      ],
      [
        "a malformed zone id",
        { hostedZoneId: "example.com" },
        "EDGE_DNS_ZONE_ID",
        "dns.hostedZoneId",
        "a route 53 hosted zone id starts with Z",
      ],
      [
        "a malformed name",
        { recordName: "edge..example.com" },
        "EDGE_DNS_RECORD_NAME",
        "dns.recordName",
        "a record name is a dns name",
      ],
      [
        "a wildcard in a middle label",
        { recordName: "edge.*.example.com" },
        "EDGE_DNS_RECORD_NAME",
        "dns.recordName",
        "a record name is a dns name",
      ],
      [
        "no endpoints",
        { endpoints: [] },
        "EDGE_DNS_ENDPOINT_VALUE",
        "dns.endpoints",
        "a weighted name needs at least one endpoint",
      ],
      [
        "neither address nor alias",
        endpoint({ address: undefined }),
        "EDGE_DNS_ENDPOINT_VALUE",
        "dns.endpoints[0].address",
        "an endpoint needs an address or an alias target",
      ],
      [
        "both address and alias",
        endpoint({ alias: { name: "a.example.com", zoneId: ZONE } }),
        "EDGE_DNS_ENDPOINT_VALUE",
        "dns.endpoints[0].address",
        "address and alias (a.example.com) are exclusive",
      ],
      [
        "two addresses in one value",
        endpoint({ address: "198.51.100.7,198.51.100.8" }),
        "EDGE_DNS_ENDPOINT_VALUE",
        "dns.endpoints[0].address",
        "an a record's value is one ipv4 address",
      ],
      [
        "an HTTP check of an alias without fqdn",
        endpoint({
          address: undefined,
          alias: { name: "lb.example.com", zoneId: "Z35SXDOTRQ7X7K" },
          healthCheck: { type: "HTTP" },
        }),
        "EDGE_DNS_HEALTH_CHECK_TARGET",
        "dns.endpoints[0].healthCheck.fqdn",
        "an alias endpoint has no address of its own, so its HTTP check needs a host name to probe",
      ],
      [
        "a TCP check without a port",
        endpoint({ healthCheck: { type: "TCP" } }),
        "EDGE_DNS_HEALTH_CHECK_PORT",
        "dns.endpoints[0].healthCheck.port",
        "a tcp health check needs a port",
      ],
      [
        "a port out of range",
        endpoint({ healthCheck: { type: "HTTP", port: 70000 } }),
        "EDGE_DNS_HEALTH_CHECK_PORT",
        "dns.endpoints[0].healthCheck.port",
        "a port is an integer from 1 to 65535",
      ],
    ] as const)("rejects %s", (_name, props, code, where, problem) => {
      const err = configError(() => build(props as Partial<WeightedEndpointsProps>));
      expect(err).toMatchObject({ code, path: where });
      expect(err.problem).toContain(problem);
      expect(err.message).toMatch(new RegExp(`^${code} at ${where.replace(/[.[\]]/g, "\\$&")}: `));
      expect(err.problem).toMatch(/^[a-z0-9]/);
      expect(err.problem).not.toMatch(/\.$/);
      expect(err.fix).toMatch(/^[a-z]/);
      expect(err.fix).not.toMatch(/\.$/);
    });

    // Route 53 API reference, HealthCheckConfig.IPAddress
    // (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html):
    // "Constraints: Route 53 can't check the health of endpoints for which the IP address is in
    // local, private, non-routable, or multicast ranges" (RFC 5735, RFC 6598). An HTTP, HTTPS or
    // TCP check probes the endpoint's address unless fqdn is given, so such an address fails at
    // apply; a private hosted zone's Region endpoints are the usual case.
    it.each([
      ["10.0.1.5", "10.0.0.0/8 (private)"],
      ["172.20.0.9", "172.16.0.0/12 (private)"],
      ["192.168.4.4", "192.168.0.0/16 (private)"],
      ["100.64.1.1", "100.64.0.0/10 (shared address space)"],
      ["169.254.169.254", "169.254.0.0/16 (link-local)"],
      ["127.0.0.1", "127.0.0.0/8 (loopback)"],
    ])("rejects a probe health check of the address %s", (address, range) => {
      const err = configError(() => build(endpoint({ address, healthCheck: { type: "HTTPS", resourcePath: "/healthz" } })));
      expect(err.message).toBe(
        `EDGE_DNS_HEALTH_CHECK_ADDRESS at dns.endpoints[0].address: route 53 health checkers cannot probe ${address}: it is in ${range}, and route 53 creates no health check on local, private, non-routable or multicast addresses (got "${address}"); fix: bind the check to a cloudwatch alarm (healthCheck type "CLOUDWATCH_METRIC"), or give healthCheck.fqdn a name that resolves to a public address`,
      );
    });

    it("accepts a private address with an alarm-bound check or a probe by public name", () => {
      const { json } = build({
        endpoints: [
          { ...hub, address: "10.0.1.5", healthCheck: { type: "CLOUDWATCH_METRIC", alarmName: "hub-healthy" } },
          { ...lz, address: "10.0.2.5", healthCheck: { type: "HTTPS", fqdn: "lz.edge.example.com" } },
        ],
      });
      const checks = resourcesOf(json, "aws_route53_health_check");
      expect(checks["edge_health-check-region-hub"]).toMatchObject({ type: "CLOUDWATCH_METRIC", cloudwatch_alarm_name: "hub-healthy" });
      expect(checks["edge_health-check-local-zone-bos"]).toMatchObject({ type: "HTTPS", fqdn: "lz.edge.example.com" });
      expect(checks["edge_health-check-local-zone-bos"].ip_address).toBeUndefined();
    });

    it("reports every bad endpoint at once", () => {
      const errors = configErrors(() =>
        build({
          endpoints: [
            { ...bos, id: "a", weight: 300 },
            { ...bos, ttl: -1, healthCheck: { type: "HTTP" } },
          ],
        }),
      );
      expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
        "EDGE_DNS_WEIGHT dns.endpoints[0].weight",
        "EDGE_DNS_TTL dns.endpoints[1].ttl",
        "EDGE_DNS_CARRIER_HEALTH_CHECK dns.endpoints[1].healthCheck.type",
      ]);
    });

    it("uses the config path it is given", () => {
      const stack = testStack({ site: "global-dns" });
      const err = configError(
        () =>
          new WeightedEndpoints(stack, "edge", {
            ...base,
            configPath: "environments.prod.dns",
            endpoints: [{ ...hub, weight: 999 }],
          }),
      );
      expect(err.path).toBe("environments.prod.dns.endpoints[0].weight");
    });

    it("rejects the same set identifier for the same name from two constructs, at synth", () => {
      const stack = testStack({ site: "global-dns" });
      new WeightedEndpoints(stack, "edge", base);
      new WeightedEndpoints(stack, "edge-extra", {
        ...base,
        configPath: "extra",
        endpoints: [{ ...hub, weight: 1 }],
      });
      expect(configError(() => synthJson(stack))).toMatchObject({
        code: "EDGE_DNS_SET_IDENTIFIER_DUPLICATE",
        path: "extra.endpoints[0]",
        value: "region-hub",
      });
    });

    it("counts weighted records of a name across constructs: at most 100", () => {
      const stack = testStack({ site: "global-dns" });
      const many = (prefix: string) =>
        Array.from({ length: 60 }, (_, i) => ({ ...hub, id: `${prefix}-${i}` }));
      new WeightedEndpoints(stack, "a", { ...base, endpoints: many("a") });
      new WeightedEndpoints(stack, "b", { ...base, configPath: "b", endpoints: many("b") });
      const err = configError(() => synthJson(stack));
      expect(err).toMatchObject({ code: "EDGE_DNS_WEIGHTED_LIMIT", value: 120 });
      expect(err.problem).toBe(
        "120 weighted A records named edge.example.com; route 53 allows at most 100 per name and type",
      );
    });

    it("rejects a simple record of the same name and type in the zone, made before or after", () => {
      for (const order of ["before", "after"]) {
        const stack = testStack({ site: "global-dns" });
        const simple = () =>
          new Route53Record(stack, "plain", {
            zoneId: ZONE,
            name: "Edge.Example.com.",
            type: "A",
            ttl: 300,
            records: ["192.0.2.1"],
          });
        if (order === "before") simple();
        new WeightedEndpoints(stack, "edge", base);
        if (order === "after") simple();
        const err = configError(() => synthJson(stack));
        expect(err).toMatchObject({
          code: "EDGE_DNS_MIXED_ROUTING",
          path: "global-dns-dev/plain",
          value: "edge.example.com",
        });
        expect(err.problem).toBe(
          "a simple A record shares its name with the weighted records of dns.endpoints[0], and route 53 rejects the second one (InvalidChangeBatch)",
        );
      }
    });

    it("rejects another routing policy on the same name, and allows other names and types", () => {
      const stack = testStack({ site: "global-dns" });
      new WeightedEndpoints(stack, "edge", base);
      new Route53Record(stack, "aaaa", {
        zoneId: ZONE,
        name: "edge.example.com",
        type: "AAAA",
        ttl: 60,
        records: ["2001:db8::1"],
      });
      new Route53Record(stack, "www", {
        zoneId: ZONE,
        name: "www.example.com",
        type: "A",
        ttl: 60,
        records: ["192.0.2.1"],
      });
      expect(() => synthJson(stack)).not.toThrow();
      new Route53Record(stack, "latency", {
        zoneId: ZONE,
        name: "edge.example.com",
        type: "A",
        ttl: 60,
        records: ["192.0.2.1"],
        setIdentifier: "use1",
        latencyRoutingPolicy: { region: "us-east-1" },
      });
      expect(configError(() => synthJson(stack))).toMatchObject({
        code: "EDGE_DNS_MIXED_ROUTING",
        path: "global-dns-dev/latency",
      });
    });

    it("lets a Terraform-managed carrier endpoint share its name with the carrier-IP updater's records", () => {
      const stack = testStack({ site: "wavelength-bos" });
      new CarrierIpDnsUpdater(stack, "dns-updater", {
        hostedZoneId: ZONE,
        recordName: "carrier.edge.example.com",
      });
      new WeightedEndpoints(stack, "edge", { ...base, ...carrier });
      expect(() => synthJson(stack)).not.toThrow();
    });
  });

  describe("warnings", () => {
    it("flags an all-zero weight set", () => {
      const { stack } = build({
        endpoints: [
          { ...hub, weight: 0 },
          { ...lz, weight: 0 },
        ],
      });
      expect(warningsOf(stack)).toEqual([
        "[global-dns-dev/edge] EDGE_DNS_ALL_ZERO_WEIGHTS at dns.endpoints: every weight is 0, so route 53 answers with all endpoints equally instead of none; give the endpoints that should serve a weight above 0",
      ]);
      expect(warningsOf(build({ endpoints: [{ ...hub, weight: 0 }, lz] }).stack)).toEqual([]);
    });

    it("flags a carrier ttl above 60 s, and a long ttl on a health-checked endpoint", () => {
      expect(warningsOf(build({ ...carrier, endpoints: [{ ...bos, ttl: 300 }] }).stack)).toEqual([
        expect.stringContaining(
          "EDGE_DNS_CARRIER_TTL at dns.endpoints[0].ttl: a ttl of 300 s on a carrier endpoint",
        ),
      ]);
      expect(
        warningsOf(
          build({ endpoints: [{ ...hub, ttl: 300, healthCheck: { type: "HTTP" } }] }).stack,
        ),
      ).toEqual([
        expect.stringContaining(
          "EDGE_DNS_HEALTH_CHECK_TTL at dns.endpoints[0].ttl: a ttl of 300 s keeps an unhealthy endpoint",
        ),
      ]);
      expect(warningsOf(build({ ...carrier, endpoints: [{ ...bos, ttl: 60 }] }).stack)).toEqual([]);
    });
  });
});
