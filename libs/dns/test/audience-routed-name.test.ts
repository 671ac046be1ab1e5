import { configError, configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import {
  AudienceRoutedName,
  CarrierIpDnsUpdater,
  validateCarrierClients,
  WeightedEndpoints,
  type AudienceRoutedNameProps,
} from "../src";

const ZONE = "Z0123456789ABCDEFGHIJ";
const HUB = { name: "hub-nlb-1.elb.us-east-1.amazonaws.com", zoneId: "Z26RNL4JYFTOTI" };
const LZ = { name: "lz-alb-1.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K" };
const VERIZON = {
  location: "verizon-bos",
  // Documentation ranges (RFC 5737, RFC 3849) stand in for a carrier's blocks.
  cidrBlocks: ["198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"],
  source: "carrier onboarding sheet, 2026-11",
  carrierName: "bos.carrier.edge.example.com",
};
const base: AudienceRoutedNameProps = {
  hostedZoneId: ZONE,
  recordName: "edge.example.com",
  internetName: "internet.edge.example.com",
  carriers: [VERIZON],
};

function build(props: Partial<AudienceRoutedNameProps> = {}) {
  const stack = testStack({ site: "global-dns", env: "prod" });
  const internet = new WeightedEndpoints(stack, "edge", {
    hostedZoneId: ZONE,
    recordName: "internet.edge.example.com",
    endpoints: [
      { id: "region-hub", kind: "region", weight: 20, alias: HUB },
      { id: "local-zone-bos", kind: "region", weight: 20, alias: LZ },
    ],
  });
  const name = new AudienceRoutedName(stack, "public", {
    ...base,
    dependsOn: Object.values(internet.records),
    ...props,
  });
  return { stack, name, json: synthJson(stack) };
}

describe("AudienceRoutedName", () => {
  const { json } = build();
  const records = resourcesOf(json, "aws_route53_record");

  // Terraform AWS provider, aws_route53_cidr_collection (name) and aws_route53_cidr_location
  // (website/docs/r/route53_cidr_location.html.markdown: cidr_blocks, cidr_collection_id, name,
  // all required).
  it("creates a CIDR collection with one location per carrier network, holding its client blocks", () => {
    expect(resourcesOf(json, "aws_route53_cidr_collection")).toEqual({
      public_collection: { name: "global-dns-prod-public" },
    });
    expect(resourcesOf(json, "aws_route53_cidr_location")).toEqual({
      "public_location-verizon-bos": {
        cidr_collection_id: "${aws_route53_cidr_collection.public_collection.id}",
        name: "verizon-bos",
        cidr_blocks: ["198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"],
      },
    });
  });

  // Terraform aws_route53_record cidr_routing_policy { collection_id, location_name };
  // CloudFormation CidrRoutingConfig: 'A LocationName with an asterisk "*" can be used to create
  // a default CIDR record. CollectionId is still required for default record.'; Route 53
  // Developer Guide, "IP-based routing": the default ("*") location answers every other client.
  it("answers carrier clients with the carrier name and every other client with the internet name", () => {
    expect(records["public_record-verizon-bos"]).toEqual({
      zone_id: ZONE,
      name: "edge.example.com",
      type: "A",
      set_identifier: "verizon-bos",
      cidr_routing_policy: {
        collection_id: "${aws_route53_cidr_collection.public_collection.id}",
        location_name: "${aws_route53_cidr_location.public_location-verizon-bos.name}",
      },
      alias: { name: "bos.carrier.edge.example.com", zone_id: ZONE, evaluate_target_health: true },
      depends_on: [
        "aws_route53_record.edge_record-region-hub",
        "aws_route53_record.edge_record-local-zone-bos",
      ],
    });
    expect(records["public_record-internet"]).toEqual({
      zone_id: ZONE,
      name: "edge.example.com",
      type: "A",
      set_identifier: "internet",
      cidr_routing_policy: {
        collection_id: "${aws_route53_cidr_collection.public_collection.id}",
        location_name: "*",
      },
      alias: { name: "internet.edge.example.com", zone_id: ZONE, evaluate_target_health: true },
      depends_on: [
        "aws_route53_record.edge_record-region-hub",
        "aws_route53_record.edge_record-local-zone-bos",
      ],
    });
  });

  it("keeps the internet group to the internet endpoints: weighted aliases to the load balancers", () => {
    expect(
      Object.values(records)
        .filter((r) => r.name === "internet.edge.example.com")
        .map((r) => [r.set_identifier, r.weighted_routing_policy.weight, r.alias.name])
        .sort(),
    ).toEqual([
      ["local-zone-bos", 20, LZ.name],
      ["region-hub", 20, HUB.name],
    ]);
  });

  it.each([
    [
      { location: "verizon boston wavelength" },
      'EDGE_DNS_CIDR_LOCATION at dns.carriers[0].location: a cidr location name is 1 to 16 letters, digits, \'-\' or \'_\' ("*" is the default location) (got "verizon boston wavelength"); fix: name it after the carrier and site, such as "verizon-bos"',
    ],
    [
      { source: " " },
      'EDGE_DNS_CIDR_SOURCE at dns.carriers[0].source: carrier client blocks change, and nobody can check them without knowing where they came from (got " "); fix: say where the blocks were taken from: the carrier\'s document or portal, and the date',
    ],
    // Route 53 Developer Guide, "IP-based routing": IPv4 /1-/24, IPv6 /1-/48.
    [
      { cidrBlocks: ["198.51.100.0/25"] },
      'EDGE_DNS_CIDR_BLOCK at dns.carriers[0].cidrBlocks[0]: route 53 ip-based routing takes ipv4 blocks of /1 to /24; /0 is the default location (got "198.51.100.0/25"); fix: give an ipv4 block of /1 to /24 or an ipv6 block of /1 to /48, such as "198.51.100.0/24"',
    ],
    [
      { cidrBlocks: ["2001:db8::/56"] },
      'EDGE_DNS_CIDR_BLOCK at dns.carriers[0].cidrBlocks[0]: route 53 ip-based routing takes ipv6 blocks of /1 to /48; /0 is the default location (got "2001:db8::/56"); fix: give an ipv4 block of /1 to /24 or an ipv6 block of /1 to /48, such as "198.51.100.0/24"',
    ],
    [
      { cidrBlocks: ["0.0.0.0/0"] },
      'EDGE_DNS_CIDR_BLOCK at dns.carriers[0].cidrBlocks[0]: route 53 ip-based routing takes ipv4 blocks of /1 to /24; /0 is the default location (got "0.0.0.0/0"); fix: give an ipv4 block of /1 to /24 or an ipv6 block of /1 to /48, such as "198.51.100.0/24"',
    ],
    [
      { cidrBlocks: ["verizon"] },
      'EDGE_DNS_CIDR_BLOCK at dns.carriers[0].cidrBlocks[0]: not a cidr block (got "verizon"); fix: give an ipv4 block of /1 to /24 or an ipv6 block of /1 to /48, such as "198.51.100.0/24"',
    ],
  ])("rejects carrier clients %j", (change, message) => {
    expect(configError(() => build({ carriers: [{ ...VERIZON, ...change }] })).message).toBe(
      message,
    );
    const { carrierName: _name, ...clients } = { ...VERIZON, ...change };
    expect(configError(() => validateCarrierClients(clients, "dns.carriers[0]")).message).toBe(
      message,
    );
  });

  it("names each location once", () => {
    expect(
      configErrors(() =>
        build({ carriers: [VERIZON, { ...VERIZON, carrierName: "x.example.com" }] }),
      ).map((e) => e.code),
    ).toEqual(["EDGE_DNS_CIDR_LOCATION"]);
  });
});

describe("weighted group rules", () => {
  // Wavelength guide, "How AWS Wavelength works": no inbound path from the internet to a carrier
  // IP, so a group that internet clients resolve must not hold carrier IPs.
  it("rejects a group that mixes carrier ips with internet endpoints (EDGE_DNS_MIXED_AUDIENCE)", () => {
    const stack = testStack({ site: "global-dns" });
    new WeightedEndpoints(stack, "edge", {
      hostedZoneId: ZONE,
      recordName: "edge.example.com",
      endpoints: [{ id: "region-hub", kind: "region", weight: 20, alias: HUB }],
    });
    new CarrierIpDnsUpdater(stack, "dns-updater", {
      hostedZoneId: ZONE,
      recordName: "edge.example.com",
      ttl: 60,
    });
    expect(configError(() => synthJson(stack)).message).toBe(
      'EDGE_DNS_MIXED_AUDIENCE at dns.endpoints[0]: the weighted group edge.example.com mixes carrier ips (dnsUpdater.recordName) with internet endpoints (dns.endpoints[0]), so internet clients would get carrier ips they cannot reach (got "edge.example.com"); fix: keep carrier ips under a carrier name and internet endpoints under an internet name, and answer the public name by client network (AudienceRoutedName); a weight-0 internet record may stay as the carrier group\'s fallback',
    );
  });

  it("allows a weight-0 internet alias as the carrier group's fallback", () => {
    const stack = testStack({ site: "wavelength-bos" });
    new CarrierIpDnsUpdater(stack, "dns-updater", {
      hostedZoneId: ZONE,
      recordName: "bos.carrier.edge.example.com",
      fallback: HUB,
    });
    expect(() => synthJson(stack)).not.toThrow();
  });

  // Route 53 Developer Guide, "Values specific for weighted records", TTL: "You must specify the
  // same value for TTL for all of the records in this group of weighted records."
  it("rejects two ttls in one weighted group (EDGE_DNS_GROUP_TTL)", () => {
    const stack = testStack({ site: "region-hub" });
    new WeightedEndpoints(stack, "edge", {
      hostedZoneId: ZONE,
      recordName: "edge.example.com",
      endpoints: [
        { id: "a", kind: "region", weight: 1, address: "192.0.2.1", ttl: 60 },
        { id: "b", kind: "region", weight: 1, address: "192.0.2.2", ttl: 300 },
      ],
    });
    expect(configError(() => synthJson(stack)).message).toBe(
      'EDGE_DNS_GROUP_TTL at dns.endpoints[1].ttl: the weighted group edge.example.com holds ttls 60 and 300 (dns.endpoints[0].ttl 60, dns.endpoints[1].ttl 300); route 53 needs one ttl per weighted group and otherwise changes every record to the last one written, skewing the weights (got 300); fix: give every record of edge.example.com the same ttl',
    );
  });

  // Same page: with weighted alias records to an ELB in the group, non-alias records take 60 s.
  it("rejects a non-alias ttl other than 60 next to an alias (EDGE_DNS_ALIAS_GROUP_TTL)", () => {
    const stack = testStack({ site: "region-hub" });
    new WeightedEndpoints(stack, "edge", {
      hostedZoneId: ZONE,
      recordName: "edge.example.com",
      endpoints: [
        { id: "hub", kind: "region", weight: 1, alias: HUB },
        { id: "b", kind: "region", weight: 1, address: "192.0.2.2", ttl: 30 },
      ],
    });
    expect(configError(() => synthJson(stack)).message).toBe(
      "EDGE_DNS_ALIAS_GROUP_TTL at dns.endpoints[1].ttl: the weighted group edge.example.com holds alias records (dns.endpoints[0]), which answer with the load balancer's 60 s ttl, so a ttl of 30 s on a non-alias record changes the effect of the weights (got 30); fix: set the ttl to 60; only a group without aliases may use a shorter one",
    );
  });

  it("lets a carrier group without aliases use a shorter ttl", () => {
    const stack = testStack({ site: "wavelength-bos" });
    new CarrierIpDnsUpdater(stack, "dns-updater", {
      hostedZoneId: ZONE,
      recordName: "bos.carrier.edge.example.com",
      ttl: 30,
    });
    expect(() => synthJson(stack)).not.toThrow();
  });
});
