import { resourcesOf, synthJson, testStack } from "@edge/core/testing";
import {
  CarrierIpDnsUpdater,
  carrierRoutedSiteName,
  describeAudienceRouting,
  describeCarrierIpDnsUpdater,
  weightedSiteAliases,
} from "../src";

const ZONE = "Z0123456789ABCDEFGHIJ";
const HUB = { dnsName: "hub-nlb-1.elb.us-east-1.amazonaws.com", zoneId: "Z26RNL4JYFTOTI" };
const LZ = { dnsName: "lz-alb-1.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K" };

function build() {
  const stack = testStack({ site: "global-dns", env: "prod" });
  const weighted = weightedSiteAliases(stack, "edge", {
    hostedZoneId: ZONE,
    recordName: "internet.edge.example.com",
    endpoints: [
      { site: "region-hub", weight: 20, ...HUB },
      { site: "local-zone-bos", weight: 10, evaluateTargetHealth: false, ...LZ },
    ],
  });
  carrierRoutedSiteName(stack, "public", {
    hostedZoneId: ZONE,
    recordName: "edge.example.com",
    internetName: "internet.edge.example.com",
    // Documentation ranges (RFC 5737) stand in for a carrier's blocks.
    carriers: [
      {
        site: "wavelength-bos",
        carrierName: "bos.carrier.edge.example.com",
        cidrBlocks: ["198.51.100.0/24"],
      },
    ],
    dependsOn: Object.values(weighted.records),
  });
  return synthJson(stack);
}

describe("weightedSiteAliases", () => {
  const records = resourcesOf(build(), "aws_route53_record");

  it("holds one weighted alias per site, the site as set identifier, evaluating target health by default", () => {
    expect(records["edge_record-region-hub"]).toMatchObject({
      name: "internet.edge.example.com",
      set_identifier: "region-hub",
      weighted_routing_policy: { weight: 20 },
      alias: { name: HUB.dnsName, zone_id: HUB.zoneId, evaluate_target_health: true },
    });
    expect(records["edge_record-local-zone-bos"]).toMatchObject({
      weighted_routing_policy: { weight: 10 },
      alias: { evaluate_target_health: false },
    });
  });

  it("fails the plan of a record whose site published no endpoint, naming the site", () => {
    expect(records["edge_record-region-hub"].lifecycle).toEqual({
      precondition: [
        {
          condition: `\${(length("${HUB.dnsName}") >= 1)}`,
          error_message:
            "region-hub publishes no edge endpoint in prod: deploy region-hub with its load balancer first, or remove it from global-dns's endpoints.",
        },
      ],
    });
  });
});

describe("carrierRoutedSiteName", () => {
  const json = build();

  it("routes the site's carrier blocks (a location named after the site) to its carrier name", () => {
    expect(Object.values(resourcesOf(json, "aws_route53_cidr_location"))).toEqual([
      expect.objectContaining({ name: "wavelength-bos", cidr_blocks: ["198.51.100.0/24"] }),
    ]);
    const carrier = Object.values(resourcesOf(json, "aws_route53_record")).find(
      (r) => r.set_identifier === "wavelength-bos",
    );
    expect(carrier).toMatchObject({
      name: "edge.example.com",
      alias: { name: "bos.carrier.edge.example.com" },
      lifecycle: {
        precondition: [
          {
            condition: '${(length("bos.carrier.edge.example.com") >= 1)}',
            error_message:
              "wavelength-bos publishes no carrier name in prod: give it dns settings and deploy it first, or remove it from global-dns's carrierSites.",
          },
        ],
      },
    });
  });
});

describe("describeAudienceRouting", () => {
  it("says who gets which answer and which sites to deploy first", () => {
    expect(
      describeAudienceRouting({
        stackId: "global-dns-prod",
        recordName: "edge.example.com",
        hostedZoneId: ZONE,
        internetName: "internet.edge.example.com",
        carrierSites: ["wavelength-bos"],
        endpoints: [
          { site: "region-hub", weight: 20 },
          { site: "local-zone-bos", weight: 10 },
        ],
      }),
    ).toBe(
      `global-dns-prod: edge.example.com (hosted zone ${ZONE}) is answered by client network: clients in wavelength-bos's carrier blocks (location wavelength-bos) get its carrier name (its hosts' carrier ips, weighted per host, or the hub when none is healthy); every other client (location *) gets internet.edge.example.com, weighted across region-hub (weight 20, alias to its edge load balancer), local-zone-bos (weight 10, alias to its edge load balancer). Deploy after region-hub, local-zone-bos, wavelength-bos: it reads their outputs`,
    );
  });

  it("without carrier sites, every client gets the internet name", () => {
    expect(
      describeAudienceRouting({
        stackId: "global-dns-dev",
        recordName: "edge.dev.example.com",
        hostedZoneId: ZONE,
        internetName: "internet.edge.dev.example.com",
        carrierSites: [],
        endpoints: [{ site: "region-hub", weight: 1 }],
      }),
    ).toBe(
      `global-dns-dev: edge.dev.example.com (hosted zone ${ZONE}) is answered by client network: every other client (location *) gets internet.edge.dev.example.com, weighted across region-hub (weight 1, alias to its edge load balancer). Deploy after region-hub: it reads their outputs`,
    );
  });
});

describe("describeCarrierIpDnsUpdater", () => {
  it("describes the records with the weight and TTL the updater uses", () => {
    const stack = testStack({ site: "wavelength-bos" });
    const withFallback = new CarrierIpDnsUpdater(stack, "dns-updater", {
      hostedZoneId: ZONE,
      recordName: "bos.edge.example.com",
      weight: 10,
      fallback: { name: HUB.dnsName, zoneId: HUB.zoneId },
    });
    // With a fallback the default TTL is the Region's (60 s), without one the carrier's (30 s).
    expect([withFallback.weight, withFallback.ttl]).toEqual([10, 60]);
    const note = describeCarrierIpDnsUpdater(withFallback, "wavelength-bos-dev");
    expect(note).toMatch(
      /^wavelength-bos-dev: carrier-ip dns updater: each running OSv host gets a weighted A record bos\.edge\.example\.com -> its carrier ip \(set identifier = instance id, weight 10, ttl 60 s\) in hosted zone Z0123456789ABCDEFGHIJ, with a CLOUDWATCH_METRIC health check on the alarm AWS\/EC2 StatusCheckFailed Maximum >= 1 \(2 x 60 s\), for hosts tagged edge:dns-name=bos\.edge\.example\.com; with no healthy host, carrier clients get the weight-0 alias to the hub's load balancer; handler bundle \d+ bytes zipped \(index\.js \d+ bytes\), sha256 \S+=$/,
    );
  });

  it("says when the name has no fallback", () => {
    const stack = testStack({ site: "wavelength-bos" });
    const bare = new CarrierIpDnsUpdater(stack, "dns-updater", {
      hostedZoneId: ZONE,
      recordName: "bos.edge.example.com",
    });
    expect([bare.weight, bare.ttl]).toEqual([1, 30]);
    expect(describeCarrierIpDnsUpdater(bare, "wavelength-bos-dev")).toContain(
      "(set identifier = instance id, weight 1, ttl 30 s)",
    );
    expect(describeCarrierIpDnsUpdater(bare, "wavelength-bos-dev")).toContain(
      "with no healthy host, the name has no answer;",
    );
    // A site whose container instances carry the tag as well says so.
    expect(describeCarrierIpDnsUpdater(bare, "wavelength-bos-dev", "OSv host and container instance")).toContain(
      "carrier-ip dns updater: each running OSv host and container instance gets a weighted A record bos.edge.example.com",
    );
  });
});
