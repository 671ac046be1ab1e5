// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { defineSite, runSynthCli, type EdgeStack } from "@edge/core";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { WeightedEndpoints } from "@edge/dns";
import { Fn, Op } from "cdktf";
import { GlobalDnsConfigSchema, globalDnsEnvironments, type EndpointSite } from "./site";

/** A site's published edge endpoint: a load balancer's DNS name and Route 53 zone id. */
interface EdgeEndpoint {
  readonly dnsName: string;
  readonly zoneId: string;
}

/** How each endpoint site's contract is read (a `terraform_remote_state` per site). */
const READ_ENDPOINT: Record<EndpointSite, (stack: EdgeStack) => EdgeEndpoint> = {
  "region-hub": (stack) => {
    const hub = regionHubOutputs.read(stack);
    return { dnsName: hub.edgeEndpointDnsName, zoneId: hub.edgeEndpointZoneId };
  },
  "local-zone-bos": (stack) => {
    const lz = localZoneBosOutputs.read(stack);
    return { dnsName: lz.edgeEndpointDnsName, zoneId: lz.edgeEndpointZoneId };
  },
};

/**
 * DNS-weighted load balancing across the sites of an environment: one weighted name in the
 * environment's public hosted zone, with a weighted alias record per site to the load balancer
 * the site publishes (read from its state), Route 53 evaluating the target's health. The
 * wavelength-bos hosts join the same name through their carrier-IP DNS updater. DNS only: no
 * VPC and no address block.
 */
export const globalDns = defineSite({
  name: "global-dns",
  schema: GlobalDnsConfigSchema,
  environments: globalDnsEnvironments,
  build(stack, config, configPath) {
    const endpoints = config.endpoints.map((endpoint) => {
      const site = endpoint.site as EndpointSite; // checked by the schema
      const target = READ_ENDPOINT[site](stack);
      return { site, weight: endpoint.weight, target, evaluate: endpoint.evaluateTargetHealth };
    });
    const weighted = new WeightedEndpoints(stack, "edge", {
      hostedZoneId: config.hostedZoneId,
      recordName: config.recordName,
      endpoints: endpoints.map((e) => ({
        id: e.site,
        kind: "region" as const,
        weight: e.weight,
        alias: {
          name: e.target.dnsName,
          zoneId: e.target.zoneId,
          evaluateTargetHealth: e.evaluate ?? true,
        },
      })),
      configPath,
    });
    // A site that published an empty endpoint would fail at apply with a Route 53 error about
    // the alias target; say which site at plan time instead.
    for (const e of endpoints) {
      weighted.records[e.site].lifecycle = {
        precondition: [
          {
            // (length >= 1: cdktf 0.21 renders a falsy operand such as "" or 0 as `undefined`.)
            condition: Op.gte(Fn.lengthOf(e.target.dnsName), 1),
            errorMessage: `${e.site} publishes no edge endpoint in ${stack.environment.name}: deploy ${e.site} with its load balancer first, or remove it from global-dns's endpoints.`,
          },
        ],
      };
    }

    stack.note(
      `${stack.node.id}: ${config.recordName} (hosted zone ${weighted.hostedZoneId}) is weighted across ` +
        endpoints
          .map((e) => `${e.site} (weight ${e.weight}, alias to its edge load balancer)`)
          .join(", ") +
        `; the wavelength-bos hosts join the same name through its carrier-ip dns updater, one weighted A record per running host ` +
        `(set identifier = instance id, weight per host from apps/wavelength-bos dns.weight), so a share is its weight / (these weights + every host's weight). ` +
        `Deploy after ${endpoints.map((e) => e.site).join(" and ")}: it reads their edge_endpoint_dns_name and edge_endpoint_zone_id outputs`,
    );
    if (/PLACEHOLDER/.test(config.hostedZoneId)) {
      stack.note(
        `${stack.node.id}: hosted zone id ${config.hostedZoneId} is a placeholder: set the id of the environment's public zone in apps/global-dns and apps/wavelength-bos before deploying`,
      );
    }
  },
});

if (require.main === module) runSynthCli([globalDns]);
