import { placeholder, rule, type SiteAdHocPolicy } from "@edge/core";
import { adHocRecordName } from "@edge/dns";
import { z } from "zod";

/**
 * Sites whose contract publishes an internet-facing edge endpoint (`edgeEndpointDnsName` and
 * `edgeEndpointZoneId` of a load balancer), which this site aliases.
 */
export const ENDPOINT_SITES = ["region-hub", "local-zone-bos"] as const;
export type EndpointSite = (typeof ENDPOINT_SITES)[number];

/**
 * Wavelength sites: their carrier IPs are answered only to their carrier's clients, through the
 * carrier name their updater keeps (read from the site's contract), never in the internet group.
 */
export const CARRIER_SITES = ["wavelength-bos"] as const;
export type CarrierSite = (typeof CARRIER_SITES)[number];
const UPDATER_SITES: readonly string[] = CARRIER_SITES;

const endpointSite = z.string().superRefine((site, ctx) => {
  if ((ENDPOINT_SITES as readonly string[]).includes(site)) return;
  if (UPDATER_SITES.includes(site)) {
    // "NLB isn't supported in AWS Wavelength Zones" (AWS blog on DNS load balancing at the edge,
    // the zone catalog's source for the fact), so there is no load balancer to alias; the
    // updater writes one record per host instead.
    ctx.addIssue({
      code: "custom",
      message: `${site} serves carrier ips, which internet clients cannot reach (wavelength zones have no inbound path from the internet), so it has no place among the internet endpoints`,
      params: rule(
        "EDGE_GLOBAL_DNS_SITE",
        `remove this endpoint and list ${site} in carrierSites: its carrier's clients then get its carrier name`,
      ),
      input: site,
    });
    return;
  }
  ctx.addIssue({
    code: "custom",
    message: `site ${JSON.stringify(site)} publishes no edge endpoint`,
    params: rule("EDGE_GLOBAL_DNS_SITE", `use one of ${ENDPOINT_SITES.join(", ")}`),
    input: site,
  });
});

/** One environment's config of the global-dns site. */
export const GlobalDnsConfigSchema = z
  .strictObject({
    /**
     * The environment's public hosted zone (Route 53 id, `Z…`). The wavelength-bos updater
     * writes into the same zone and name.
     */
    hostedZoneId: z.string(),
    /**
     * The public name clients resolve, e.g. `edge.example.com`, answered by client network
     * (Route 53 IP-based routing): carrier clients get their Wavelength site's carrier name,
     * every other client the internet name.
     */
    recordName: z.string(),
    /** The internet name: the weighted aliases of `endpoints`, e.g. `internet.edge.example.com`. */
    internetRecordName: z.string(),
    /**
     * One weighted alias record per site under the internet name, to the load balancer the site
     * publishes; the set identifier is the site name. A site's share of internet answers is its
     * weight / the sum of these weights.
     */
    endpoints: z.array(
      z.strictObject({
        /** A site that publishes an edge endpoint: region-hub or local-zone-bos. */
        site: endpointSite,
        /** Route 53 weight, an integer 0-255 (0 takes the site out of rotation). */
        weight: z.number(),
        /**
         * Answer with this site only while its load balancer has healthy targets (alias records
         * take no health check of their own; Route 53 evaluates the target).
         * @default true
         */
        evaluateTargetHealth: z.boolean().optional(),
      }),
    ),
    /**
     * Wavelength sites whose carrier's clients (the CIDR blocks in the site's config, read from
     * its state) get the site's carrier name for the public name.
     * @default []
     */
    carrierSites: z.array(z.enum(CARRIER_SITES)).optional(),
  })
  .superRefine((config, ctx) => {
    const first = new Map<string, number>();
    config.endpoints.forEach((endpoint, i) => {
      const seen = first.get(endpoint.site);
      if (seen === undefined) {
        first.set(endpoint.site, i);
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: ["endpoints", i, "site"],
        message: `${endpoint.site} is already listed at endpoints[${seen}], and the site name is the record's set identifier, unique per name`,
        params: rule(
          "EDGE_GLOBAL_DNS_SITE_DUPLICATE",
          "list each site once and set its weight there",
        ),
        input: endpoint.site,
      });
    });
  });

export type GlobalDnsConfig = z.input<typeof GlobalDnsConfigSchema>;

/**
 * One public name per environment. The hosted zone id is a typed placeholder: the environment's
 * public zone (`aws route53 list-hosted-zones-by-name --dns-name example.com`) is not known to
 * this repository, so synth lists it and deploy and publish refuse the stack until it is set.
 * apps/wavelength-bos/src/site.ts holds the same zone for its carrier name.
 *
 * Internet clients: the hub and the Local Zone, 20 each (half each). Carrier clients: the
 * wavelength-bos hosts (weight 10 each), or the hub when none is healthy.
 */
export const globalDnsEnvironments: Record<string, GlobalDnsConfig> = {
  dev: {
    hostedZoneId: placeholder("hosted zone id"),
    recordName: "edge.dev.example.com",
    internetRecordName: "internet.edge.dev.example.com",
    endpoints: [
      { site: "region-hub", weight: 20 },
      { site: "local-zone-bos", weight: 20 },
    ],
    carrierSites: ["wavelength-bos"],
  },
  staging: {
    hostedZoneId: placeholder("hosted zone id"),
    recordName: "edge.staging.example.com",
    internetRecordName: "internet.edge.staging.example.com",
    endpoints: [
      { site: "region-hub", weight: 20 },
      { site: "local-zone-bos", weight: 20 },
    ],
    carrierSites: ["wavelength-bos"],
  },
  prod: {
    hostedZoneId: placeholder("hosted zone id"),
    recordName: "edge.example.com",
    internetRecordName: "internet.edge.example.com",
    endpoints: [
      { site: "region-hub", weight: 20 },
      { site: "local-zone-bos", weight: 20 },
    ],
    carrierSites: ["wavelength-bos"],
  },
};

/**
 * In an ad-hoc environment the global name is `<env>.<dev's name>` in dev's hosted zone: its
 * records and their set identifiers never replace dev's.
 */
export const globalDnsAdHoc: SiteAdHocPolicy<typeof GlobalDnsConfigSchema> = {
  derive: (config, env) => {
    const recordName = adHocRecordName(config.recordName, env);
    const internetRecordName = config.internetRecordName && adHocRecordName(config.internetRecordName, env);
    return {
      config: { ...config, recordName, ...(internetRecordName ? { internetRecordName } : {}) },
      derived: [
        `record name ${recordName} (not ${config.recordName})`,
        ...(internetRecordName ? [`internet record name ${internetRecordName} (not ${config.internetRecordName})`] : []),
      ],
    };
  },
};
