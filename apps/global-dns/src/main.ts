import { defineSite, type EdgeStack } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { wavelengthBosOutputs } from "@edge/wavelength-bos-contract";
import { carrierRoutedSiteName, describeAudienceRouting, weightedSiteAliases } from "@edge/dns";
import {
  GlobalDnsConfigSchema,
  globalDnsAdHoc,
  globalDnsEnvironments,
  type CarrierSite,
  type EndpointSite,
} from "./site";

/** How each endpoint site's contract is read (a `terraform_remote_state` per site). */
const READ_ENDPOINT: Record<EndpointSite, (stack: EdgeStack) => { dnsName: string; zoneId: string }> = {
  "region-hub": (stack) => {
    const hub = regionHubOutputs.read(stack);
    return { dnsName: hub.edgeEndpointDnsName, zoneId: hub.edgeEndpointZoneId };
  },
  "local-zone-bos": (stack) => {
    const lz = localZoneBosOutputs.read(stack);
    return { dnsName: lz.edgeEndpointDnsName, zoneId: lz.edgeEndpointZoneId };
  },
};

/** How each Wavelength site's carrier name and client blocks are read (from its state). */
const READ_CARRIER: Record<CarrierSite, (stack: EdgeStack) => { carrierName: string; cidrBlocks: string[] }> = {
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
    const endpoints = config.endpoints.map((e) => ({
      site: e.site,
      weight: e.weight,
      evaluateTargetHealth: e.evaluateTargetHealth,
      ...READ_ENDPOINT[e.site as EndpointSite](stack), // the site is checked by the schema
    }));
    const weighted = weightedSiteAliases(stack, "edge", {
      hostedZoneId: config.hostedZoneId,
      recordName: config.internetRecordName,
      endpoints,
      configPath,
    });
    const carrierSites = config.carrierSites ?? [];
    carrierRoutedSiteName(stack, "public", {
      hostedZoneId: config.hostedZoneId,
      recordName: config.recordName,
      internetName: config.internetRecordName,
      carriers: carrierSites.map((site) => ({ site, ...READ_CARRIER[site](stack) })),
      // The alias targets must exist: the internet name's records first.
      dependsOn: Object.values(weighted.records),
      configPath,
    });

    stack.note(
      describeAudienceRouting({
        stackId: stack.node.id,
        recordName: config.recordName,
        hostedZoneId: weighted.hostedZoneId,
        internetName: config.internetRecordName,
        carrierSites,
        endpoints,
      }),
    );
  },
});

if (require.main === module) runSynthCli([globalDns], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run global-dns:synth --" });
