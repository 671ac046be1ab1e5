import { rule } from "@edge/core";
import { z } from "zod";

/**
 * Sites whose contract publishes an internet-facing edge endpoint (`edgeEndpointDnsName` and
 * `edgeEndpointZoneId` of a load balancer), which this site aliases.
 */
export const ENDPOINT_SITES = ["region-hub", "local-zone-bos"] as const;
export type EndpointSite = (typeof ENDPOINT_SITES)[number];

/** Sites that join the name through the carrier-IP DNS updater instead of an alias here. */
const UPDATER_SITES = ["wavelength-bos"];

const endpointSite = z.string().superRefine((site, ctx) => {
  if ((ENDPOINT_SITES as readonly string[]).includes(site)) return;
  if (UPDATER_SITES.includes(site)) {
    // "NLB isn't supported in AWS Wavelength Zones" (AWS blog on DNS load balancing at the edge,
    // the zone catalog's source for the fact), so there is no load balancer to alias; the
    // updater writes one record per host instead.
    ctx.addIssue({
      code: "custom",
      message: `${site} has no load balancer to alias (wavelength zones offer no network load balancer); its hosts join the name one record each through the carrier-ip dns updater`,
      params: rule(
        "EDGE_GLOBAL_DNS_SITE",
        `remove this endpoint and set dns.hostedZoneId and dns.recordName in apps/${site}/src/site.ts to this zone and name`,
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
    /** The weighted name clients resolve, fully qualified, e.g. `edge.example.com`. */
    recordName: z.string(),
    /**
     * One weighted alias record per site, to the load balancer the site publishes; the set
     * identifier is the site name. A site's share is its weight / the sum of every weight of the
     * name, the wavelength-bos hosts' per-instance weights included.
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
 * One name per environment. The hosted zone ids are placeholders in Route 53's id format ("Z" and
 * upper-case letters and digits, which `@edge/dns` checks), so every environment synthesizes;
 * they match no real zone, and a deploy fails with NoSuchHostedZone until they are replaced with
 * the id of the environment's public zone (`aws route53 list-hosted-zones-by-name --dns-name
 * example.com`). apps/wavelength-bos/src/site.ts holds the same ids and names for its updater.
 *
 * Weights: the hub and the Local Zone 20 each; every running wavelength-bos host adds a record of
 * weight 10 (its config), so two hosts in prod take a third of the answers.
 */
export const globalDnsEnvironments: Record<string, GlobalDnsConfig> = {
  dev: {
    hostedZoneId: "ZPLACEHOLDERDEV",
    recordName: "edge.dev.example.com",
    endpoints: [
      { site: "region-hub", weight: 20 },
      { site: "local-zone-bos", weight: 20 },
    ],
  },
  staging: {
    hostedZoneId: "ZPLACEHOLDERSTAGING",
    recordName: "edge.staging.example.com",
    endpoints: [
      { site: "region-hub", weight: 20 },
      { site: "local-zone-bos", weight: 20 },
    ],
  },
  prod: {
    hostedZoneId: "ZPLACEHOLDERPROD",
    recordName: "edge.example.com",
    endpoints: [
      { site: "region-hub", weight: 20 },
      { site: "local-zone-bos", weight: 20 },
    ],
  },
};
