import { defineSite, displayText, type EdgeStack } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { wavelengthBosOutputs } from "@edge/wavelength-bos-contract";
import { AudienceRoutedName, WeightedEndpoints } from "@edge/dns";
import { Fn, Op } from "cdktf";
import {
  GlobalDnsConfigSchema,
  globalDnsAdHoc,
  globalDnsEnvironments,
  type CarrierSite,
  type EndpointSite,
} from "./site";

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

/** A Wavelength site's carrier name and its carrier's client blocks (from its state). */
interface CarrierEndpoint {
  readonly carrierName: string;
  readonly cidrBlocks: string[];
}

const READ_CARRIER: Record<CarrierSite, (stack: EdgeStack) => CarrierEndpoint> = {
  "wavelength-bos": (stack) => {
    const wl = wavelengthBosOutputs.read(stack);
    return { carrierName: wl.dnsRecordName, cidrBlocks: wl.carrierClientCidrs };
  },
};

/**
 * DNS by audience across the sites of an environment, in its public hosted zone. The internet
 * name holds a weighted alias per internet site to the load balancer the site publishes (read
 * from its state), Route 53 evaluating the target's health. The public name is answered by
 * client network (Route 53 IP-based routing): clients in a Wavelength site's carrier blocks get
 * the site's carrier name (its hosts' carrier IPs, kept by its updater), every other client the
 * internet name, so no internet client is ever answered with a carrier IP. DNS only: no VPC and
 * no address block.
 */
export const globalDns = defineSite({
  name: "global-dns",
  schema: GlobalDnsConfigSchema,
  environments: globalDnsEnvironments,
  adHoc: globalDnsAdHoc,
  build(stack, config, configPath) {
    const endpoints = config.endpoints.map((endpoint) => {
      const site = endpoint.site as EndpointSite; // checked by the schema
      const target = READ_ENDPOINT[site](stack);
      return { site, weight: endpoint.weight, target, evaluate: endpoint.evaluateTargetHealth };
    });
    const weighted = new WeightedEndpoints(stack, "edge", {
      hostedZoneId: config.hostedZoneId,
      recordName: config.internetRecordName,
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

    const carrierSites = config.carrierSites ?? [];
    const carriers = carrierSites.map((site) => ({ site, ...READ_CARRIER[site](stack) }));
    const audience = new AudienceRoutedName(stack, "public", {
      hostedZoneId: config.hostedZoneId,
      recordName: config.recordName,
      internetName: config.internetRecordName,
      carriers: carriers.map((c) => ({
        // The location is named after the site (at most 16 characters, a literal at synth).
        location: c.site,
        cidrBlocks: c.cidrBlocks,
        source: `apps/${c.site}/src/site.ts dns.carrierClients.source`,
        carrierName: c.carrierName,
      })),
      // The alias targets must exist: the internet name's records first.
      dependsOn: Object.values(weighted.records),
      configPath,
    });
    // A carrier site without an updater publishes an empty name; say which at plan time.
    for (const c of carriers) {
      audience.records[c.site].lifecycle = {
        precondition: [
          {
            condition: Op.gte(Fn.lengthOf(c.carrierName), 1),
            errorMessage: `${c.site} publishes no carrier name in ${stack.environment.name}: give it dns settings and deploy it first, or remove it from global-dns's carrierSites.`,
          },
        ],
      };
    }

    stack.note(
      displayText(
        `${stack.node.id}: ${config.recordName} (hosted zone ${weighted.hostedZoneId}) is answered by client network: ` +
          carriers
            .map(
              (c) =>
                `clients in ${c.site}'s carrier blocks (location ${c.site}) get its carrier name (its hosts' carrier ips, weighted per host, or the hub when none is healthy)`,
            )
            .join("; ") +
          `${carriers.length > 0 ? "; " : ""}every other client (location *) gets ${config.internetRecordName}, weighted across ` +
          endpoints
            .map((e) => `${e.site} (weight ${e.weight}, alias to its edge load balancer)`)
            .join(", ") +
          `. Deploy after ${[...endpoints.map((e) => e.site), ...carrierSites].join(", ")}: it reads their outputs`,
      ),
    );
  },
});

if (require.main === module) runSynthCli([globalDns], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run global-dns:synth --" });
